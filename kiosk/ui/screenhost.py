"""Holds the screens, one visible at a time, and animates the change between them.

The new screen is shown and takes input at once, and slides the last stretch into place
(eased, 220 ms) from the side it comes from; it cuts instead when the host is built not to
animate or its window's context does not (`ctx.animate`: off for screenshots and with site.yaml
`accessibility.reduced_motion`). Nothing takes a picture of the old screen: that would repaint
a whole screen on every tap, before the new one could paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QVariantAnimation
from PySide6.QtWidgets import QWidget

DURATION_MS = 220
SLIDE = 0.2  # share of the width the new screen travels


class ScreenHost(QWidget):
    def __init__(self, parent: QWidget | None = None, animate: bool = True):
        super().__init__(parent)
        self.setObjectName("screenHost")
        self.animate = animate
        self._screens: list[QWidget] = []
        # Called on a screen as it is added and before it is shown, and on any other child as
        # it is first polished (the window styles its pieces: MainWindow._apply_style).
        self.prepare: Callable[[QWidget], None] | None = None
        self._current: QWidget | None = None
        self._from_x = 0
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(DURATION_MS)
        self._animation.setStartValue(1.0)
        self._animation.setEndValue(0.0)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._step)

    def add(self, screen: QWidget) -> None:
        screen.setParent(self)
        screen.setGeometry(self.rect())  # hidden screens are laid out at full size too
        screen.hide()
        self._screens.append(screen)
        if self.prepare is not None:
            self.prepare(screen)

    def remove(self, screen: QWidget) -> None:
        if screen in self._screens:
            self._screens.remove(screen)
        if screen is self._current:
            self._animation.stop()
            self._current = None

    def current(self) -> QWidget | None:
        return self._current

    def screens(self) -> list[QWidget]:
        return list(self._screens)

    def show_screen(self, screen: QWidget, direction: int = 0) -> None:
        """Make `screen` current; direction -1 when going forward, +1 back, 0 without a slide."""
        old = self._current
        if old is screen:
            return
        self._animation.stop()
        self._current = screen
        if self.prepare is not None:
            self.prepare(screen)
        screen.setGeometry(self.rect())
        screen.show()
        screen.raise_()
        if old is not None:
            old.hide()
            old.move(0, 0)
        if self._slides() and direction and old is not None and self.isVisible():
            self._from_x = round(-direction * SLIDE * self.width())
            self._step(1.0)
            self._animation.start()

    def sliding(self) -> bool:
        """Whether a screen is sliding into place now."""
        return self._animation.state() == QVariantAnimation.State.Running

    def _slides(self) -> bool:
        """Whether a change of screen slides: this host and the context of its window agree."""
        widget = self.parentWidget()
        while widget is not None:
            ctx = getattr(widget, "ctx", None)
            if ctx is not None:
                return self.animate and bool(getattr(ctx, "animate", True))
            widget = widget.parentWidget()
        return self.animate

    def childEvent(self, event) -> None:  # noqa: N802
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished and self.prepare is not None:
            child = event.child()
            if isinstance(child, QWidget):  # (a layer made later: a gallery's or film's viewer)
                self.prepare(child)

    def _step(self, value) -> None:
        if self._current is not None:
            self._current.move(QPoint(round(self._from_x * float(value)), 0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._animation.stop()
        for screen in self._screens:
            screen.setGeometry(self.rect())
