"""Holds the screens, one visible at a time, and animates the change between them.

The new screen is in place at once; a picture of the old one slides and fades away on top of
it, transparent to input, so a visitor's next tap already reaches the new screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QStackedLayout, QWidget

DURATION_MS = 220


class _Leaving(QWidget):
    """The old screen's picture, sliding `direction` (-1 left, +1 right, 0 fade only)."""

    def __init__(self, pixmap: QPixmap, direction: int, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.pixmap = pixmap
        self.direction = direction
        self.progress = 0.0
        self.setGeometry(parent.rect())

    def set_progress(self, value: float) -> None:
        self.progress = value
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setOpacity(1.0 - self.progress)
        p.drawPixmap(round(self.direction * self.progress * self.width() * 0.35), 0, self.pixmap)


class ScreenHost(QWidget):
    def __init__(self, parent: QWidget | None = None, animate: bool = True):
        super().__init__(parent)
        self.setObjectName("screenHost")
        self.animate = animate
        self._stack = QStackedLayout(self)
        self._leaving: _Leaving | None = None
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(DURATION_MS)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self._finish)

    def add(self, screen: QWidget) -> None:
        self._stack.addWidget(screen)

    def remove(self, screen: QWidget) -> None:
        self._stack.removeWidget(screen)

    def current(self) -> QWidget | None:
        return self._stack.currentWidget()

    def transitioning(self) -> bool:
        return self._leaving is not None

    def show_screen(self, screen: QWidget, direction: int = 0) -> None:
        """Make `screen` current; direction -1 when going forward, +1 back, 0 to fade."""
        old = self._stack.currentWidget()
        if old is screen:
            return
        self._finish()
        if self.animate and old is not None and self.isVisible():
            self._leaving = _Leaving(old.grab(), direction, self)
        self._stack.setCurrentWidget(screen)
        if self._leaving is not None:
            self._leaving.show()
            self._leaving.raise_()
            self._animation.start()

    def _step(self, value) -> None:
        if self._leaving is not None:
            self._leaving.set_progress(float(value))

    def _finish(self) -> None:
        self._animation.stop()
        if self._leaving is not None:
            self._leaving.hide()
            self._leaving.deleteLater()
            self._leaving = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._leaving is not None:
            self._leaving.setGeometry(self.rect())
