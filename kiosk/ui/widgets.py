"""Small building blocks shared by the screens: labels, buttons, kinetic scrolling, icons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.typeset import keep_together
from kiosk.services.images import ImageCache
from kiosk.ui.icons import icon


class Label(QLabel):
    """Visitor text: plain (HTML shows literally), wrapped, not selectable, no menu.

    `role` (a key of theme.FONT_SIZES) and `tone` ("muted", "accent", "alert") are dynamic
    properties the QSS turns into size and colour. Text is fixed (`text`, set once) or bound
    to the language through `ctx.texts.bind` (kiosk/ui/texts.py). Either way it is typeset
    (kiosk/content/typeset.py): a number stays with its unit, a Chinese paragraph never ends
    on a line of one character; `text()` may hold U+2060 WORD JOINER for that.
    """

    def __init__(
        self,
        role: str,
        tone: str | None = None,
        text: str = "",
        parent: QWidget | None = None,
        align: Qt.AlignmentFlag | None = None,
    ):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setProperty("role", role)
        if tone:
            self.setProperty("tone", tone)
        if align is not None:
            self.setAlignment(align)
        if text:
            self.setText(keep_together(text, ""))  # fixed text: the same in every language


def restyle(widget: QWidget) -> None:
    """Re-read the QSS after a dynamic property of `widget` changed. A widget not yet polished
    (not shown since it was made) reads it when it is first shown: nothing to do then."""
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class NavButton(QPushButton):
    """A chrome button (Home, Back, language, text size): at least 64x64, no focus, no menu."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setProperty("role", "nav")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setMinimumSize(64, 64)
        self.setIconSize(QSize(32, 32))

    def set_selected(self, selected: bool) -> None:
        """Show the button as the chosen one (the language shown, A+, audio mode on), and say
        so to a screen reader: a chosen button is checked."""
        self.setCheckable(True)
        self.setChecked(selected)
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            restyle(self)

    def nextCheckState(self) -> None:  # noqa: N802 - Qt's name
        """A tap does not check or uncheck: what is chosen is the kiosk's to say."""


def enable_kinetic_scroll(area: QAbstractScrollArea) -> None:
    """Flick scrolling by finger (and mouse in a window preview), no scroll bar dragging.

    LeftMouseButtonGesture is the one that stays grabbed (QScroller keeps one gesture per
    widget): touches reach it as synthesized mouse events, and its press delay keeps a swipe
    that starts on a button from clicking that button. With TouchGesture the button got the
    press at once and clicked on release even after the content had scrolled (measured).
    """
    viewport = area.viewport()
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)


def request_image(
    images: ImageCache,
    owner: QWidget,
    path: Path | None,
    size: QSize,
    done: Callable[[QImage], None],
) -> None:
    """Ask the image cache for `path`; `done` runs only if `owner` still exists and got one.

    The cache may answer later from another turn of the event loop, after the widget is gone.
    """

    def deliver(image: QImage | None) -> None:
        if image is not None and shiboken6.isValid(owner):
            done(image)

    images.request(path, size, deliver, owner=owner)


def cover_size(source: QSizeF, box: QSizeF) -> QSizeF:
    """The size `source` is scaled to so it covers `box` (keeping its aspect, cropping)."""
    return QSizeF(source).scaled(QSizeF(box), Qt.AspectRatioMode.KeepAspectRatioByExpanding)


class Cover:
    """A photo drawn to cover its owner widget, decoded at the owner's size: the one routine
    that scales a photo to cover (home tiles, panel heroes, `cover` image views).

    Call `follow(size)` from the owner's resizeEvent; the owner repaints when the photo
    arrives. The pixmap is rescaled only when the size changes.
    """

    def __init__(self, owner: QWidget, images: ImageCache | None, path: Path | None) -> None:
        self.owner = owner
        self.images = images
        self.path = path
        self.image: QImage | None = None
        self._pixmap = QPixmap()
        self._requested = QSize()

    def follow(self, size: QSize) -> None:
        """Decode for `size` logical px at the screen's pixel density (twice as many on a 4K
        screen that shows the 1080p layout)."""
        ratio = self.owner.devicePixelRatioF()
        device = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if self.path is not None and self.images is not None and device != self._requested:
            self._requested = device
            request_image(self.images, self.owner, self.path, device, self._arrived)

    def _arrived(self, image: QImage) -> None:
        self.set_image(image)
        # scale now, not in the first paint of a screen change
        self.pixmap(self.owner.size(), self.owner.devicePixelRatioF())
        self.owner.update()

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self._pixmap = QPixmap()

    def pixmap(self, size: QSize, ratio: float = 1.0) -> QPixmap:
        """The photo covering `size` (logical px; `ratio` device px per logical px), centred."""
        if self.image is None or size.isEmpty():
            return QPixmap()
        device = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if self._pixmap.size() != device:
            cover = self.image.scaled(
                device,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            x = (cover.width() - device.width()) // 2
            y = (cover.height() - device.height()) // 2
            self._pixmap = QPixmap.fromImage(cover.copy(x, y, device.width(), device.height()))
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap


class IconBadge(QWidget):
    """A content icon (qtawesome name) on a disc of the panel's accent colour, in white or (on
    a light accent, such as high contrast's yellow) in black."""

    def __init__(self, name: str, accent: str, diameter: int = 88, parent: QWidget | None = None):
        super().__init__(parent)
        self._accent = QColor(accent)
        ink = "#ffffff" if self._accent.lightnessF() < 0.6 else "#000000"
        self._pixmap = icon(name, ink).pixmap(QSize(diameter * 6 // 10, diameter * 6 // 10))
        self.setFixedSize(diameter, diameter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._accent)
        p.drawEllipse(self.rect())
        if not self._pixmap.isNull():
            size = self._pixmap.deviceIndependentSize().toSize()
            p.drawPixmap(
                (self.width() - size.width()) // 2,
                (self.height() - size.height()) // 2,
                self._pixmap,
            )


def paint_photo(
    painter: QPainter, rect: QRect, cover: Cover, accent: str, radius: int, dim: float = 0.0
) -> None:
    """Photo (or a deep accent fill without one) under a dark gradient that keeps text legible;
    `dim` (0-1) darkens the photo further (high contrast asks 7:1 of the text on it)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), radius, radius)
    painter.setClipPath(path)
    painter.fillRect(rect, QColor(accent).darker(260))
    pixmap = cover.pixmap(rect.size(), cover.owner.devicePixelRatioF())
    if not pixmap.isNull():
        painter.drawPixmap(rect.topLeft(), pixmap)
    if dim > 0:
        painter.fillRect(rect, QColor(0, 0, 0, round(255 * dim)))
    shade = QLinearGradient(QPointF(rect.topLeft()), QPointF(rect.bottomLeft()))
    shade.setColorAt(0.0, QColor(0, 0, 0, 40))
    shade.setColorAt(0.45, QColor(0, 0, 0, 90))
    shade.setColorAt(1.0, QColor(0, 0, 0, 215))
    painter.fillRect(rect, shade)
    painter.setClipping(False)


class ScrollPage(QWidget):
    """The content of a vertical scroll area, laid out at exactly the viewport's width.

    QScrollArea asks a height-for-width page for its height at the page's *hint* width; with
    wrapped text that hint can be wider than the viewport, the page comes out too short and
    enlarged text is cut off. Hinting the viewport's width makes the height right.
    """

    def __init__(self, area: QAbstractScrollArea):
        super().__init__()
        self.setObjectName("scrollContent")
        self._viewport = area.viewport()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self._viewport.width()
        return QSize(width, hint.height()) if width > 0 else hint


class ScrollScreen(QWidget):
    """A screen whose content scrolls vertically by finger: the home and panel screens.

    Subclasses lay their content out on `self.page` (a ScrollPage, at the viewport's width).
    """

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        # Opaque, its background painted here: when the screen slides in, Qt shifts the pixels
        # already painted instead of repainting every widget on it for each frame.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        enable_kinetic_scroll(self.scroll_area)
        self.page = ScrollPage(self.scroll_area)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # The QSS `background` of #homeScreen/#panelScreen, which the style keeps in the palette.
        QPainter(self).fillRect(event.rect(), self.palette().window())

    def finish_page(self) -> None:
        """Call once the page's layout is filled: hands the page to the scroll area."""
        self.scroll_area.setWidget(self.page)

    def scroll_offset(self) -> int:
        return self.scroll_area.verticalScrollBar().value()

    def scroll_to_top(self) -> None:
        QScroller.scroller(self.scroll_area.viewport()).stop()
        self.scroll_area.verticalScrollBar().setValue(0)

    def restore_offset(self, offset: int) -> None:
        """Scroll to `offset` once the page is laid out (a screen just built has no height
        yet); as far as the page now goes."""
        bar = self.scroll_area.verticalScrollBar()

        def scroll() -> None:
            layout = self.page.layout()
            if layout is not None:
                layout.activate()
            bar.setValue(min(offset, bar.maximum()))

        scroll()
        if bar.value() != offset:
            QTimer.singleShot(0, self, scroll)


class ElidedLabel(Label):
    """One line that ends in '…' when it does not fit (the top bar's repeat of a title)."""

    def __init__(self, role: str, parent: QWidget | None = None):
        super().__init__(role, parent=parent)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setProperty("elides", True)  # the screen checker accepts a cut, not a wrong text
        self._full = ""

    def full_text(self) -> str:
        """The text before it was cut to fit."""
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._fit()

    def _fit(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(
            metrics.elidedText(
                self._full, Qt.TextElideMode.ElideRight, max(0, self.contentsRect().width())
            )
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


def kiosk_window_of(widget: QWidget) -> QWidget:
    """The kiosk window `widget` is in: its top-level window, or the kiosk window that
    `kiosk preview` holds inside its own (marked by the property `kioskWindow`)."""
    node = widget
    while node.property("kioskWindow") is not True:
        parent = node.parentWidget()
        if parent is None:
            break
        node = parent
    return node
