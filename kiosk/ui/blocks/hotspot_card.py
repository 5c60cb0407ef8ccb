"""The card a map hotspot opens: its title and text, a close button, and a pointer (a tail)
from the card to its marker.

The card sits beside its marker where there is room and, where any position allows it, over
no other marker: `place_near` tries every side and several offsets along it, and keeps the
position that covers the least of the other markers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.views import Hotspot
from kiosk.ui import icons
from kiosk.ui.blocks.base import CARD_RADIUS, BlockWidget, IconButton
from kiosk.ui.widgets import Label

CARD_WIDTH = 560  # the body's width when there is room; narrower ones are tried after it
WIDTHS = (CARD_WIDTH, 480, 400, 340)
MARGIN = 12  # kept free between the card and the map's edge
TAIL = 22  # how far the pointer reaches out of the card's body
TAIL_HALF = 18  # half the pointer's base
CLEARANCE = 10  # wanted between the card and another marker
SIDES = ("right", "left", "below", "above")  # where the card goes, seen from the marker
STEPS = 13  # offsets tried along one side
HEAD_SPACING = 12  # between the title and the close button


def _overlap(a: QRectF, rects: Sequence[QRectF]) -> float:
    total = 0.0
    for rect in rects:
        common = a.intersected(rect)
        if not common.isEmpty():
            total += common.width() * common.height()
    return total


class HotspotCard(QWidget):
    closed = Signal()

    def __init__(self, block: BlockWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = block.ctx
        self.setObjectName("hotspotCard")
        self.setProperty("floats", True)  # lies over the page (the screen checker's layer)
        colors = block.colors
        self._fill = QColor(colors.surface)
        self._edge = QColor(colors.primary)
        self._edge_px = max(2, colors.border_px)
        self.side = "right"  # where the card is, seen from its marker
        self.tip = QPointF()  # the pointer's tip (the marker's edge), in card coordinates
        self.body = QWidget(self)
        layout = self._column = QVBoxLayout(self.body)
        layout.setContentsMargins(32, 20, 20, 28)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.setSpacing(HEAD_SPACING)
        self.title = Label("h3")
        self.close_button = IconButton(icons.CLOSE, block.ctx)
        self.close_button.clicked.connect(self.closed)
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.text = Label("body")
        layout.addWidget(self.text)
        self.text.setContentsMargins(0, 0, 12, 0)

    def show_hotspot(self, spot: Hotspot) -> None:
        self.ctx.texts.bind(self.title, spot.title)
        self.ctx.texts.bind(self.text, spot.text)

    # ---- geometry -----------------------------------------------------------------------

    def body_rect(self) -> QRect:
        """The card without its pointer, in card coordinates."""
        rect = self.rect()
        return {
            "right": rect.adjusted(TAIL, 0, 0, 0),
            "left": rect.adjusted(0, 0, -TAIL, 0),
            "below": rect.adjusted(0, TAIL, 0, 0),
            "above": rect.adjusted(0, 0, 0, -TAIL),
        }[self.side]

    def min_body_width(self) -> int:
        """The narrowest body in which no word of the title or the text is cut: a word wraps
        as a whole (Chinese breaks between any two characters, so it never limits)."""

        def longest(label: Label) -> int:
            metrics = label.fontMetrics()
            words = label.text().split()
            latin = [w for w in words if not any(ord(ch) >= 0x2E80 for ch in w)]
            return max((metrics.horizontalAdvance(w) for w in latin), default=0)

        for widget in (self, self.body, self.title, self.text):
            widget.ensurePolished()
        margins = self._column.contentsMargins()
        sides = margins.left() + margins.right()
        title = longest(self.title) + HEAD_SPACING + self.close_button.width()
        text = longest(self.text) + self.text.contentsMargins().right()
        return sides + max(title, text) + 4  # a little slack for rounding

    def body_height(self, width: int) -> int:
        """The height the card's words need at `width`, added up row by row (a box layout's
        own heightForWidth gave a wrapped title beside the close button too little)."""
        for widget in (self, self.body, self.title, self.text):
            widget.ensurePolished()  # the QSS font decides the text's height
        margins = self._column.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        title_w = max(1, inner - HEAD_SPACING - self.close_button.width())
        head = max(self.title.heightForWidth(title_w), self.close_button.height())
        text = self.text.heightForWidth(inner)
        spacing = self._column.spacing()
        return margins.top() + head + spacing + text + margins.bottom()

    def place_near(
        self,
        spot: QPointF,
        bounds: QRect,
        avoid: Sequence[QRectF] = (),
        reach: float = 36,
        within: QRect | QRectF | None = None,
    ) -> None:
        """Beside the marker at `spot`, its pointer's tip `reach` px from the spot, inside
        `bounds`. Of all positions it takes the one that covers least of the `avoid` rects
        (the other markers; then of the space around them), then the one that stays inside
        `within` (the map), then the widest body, the side with most room, and the offset
        closest to centred."""
        inner = QRectF(bounds).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        spaced = [QRectF(r).adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE) for r in avoid]
        inside = QRectF(within if within is not None else bounds)
        room = {
            "right": inner.right() - spot.x(),
            "left": spot.x() - inner.left(),
            "below": inner.bottom() - spot.y(),
            "above": spot.y() - inner.top(),
        }
        order = [
            *sorted(SIDES[:2], key=lambda s: -room[s]),
            *sorted(SIDES[2:], key=lambda s: -room[s]),
        ]
        best: tuple | None = None
        most = round(inner.width()) - TAIL
        least = min(self.min_body_width(), most)
        widths = sorted({max(least, min(w, most)) for w in WIDTHS}, reverse=True)
        for rank, width in enumerate(w for w in widths if w > 0):
            # Never shorter than its text: a card taller than the room runs onto the page.
            height = self.body_height(width)
            for side_rank, side in enumerate(order):
                for shift, body in self._candidates(spot, side, width, height, inner, reach):
                    whole = self._with_tail(body, side)
                    outside = whole.width() * whole.height() - _overlap(whole, [inside])
                    score = (
                        _overlap(whole, avoid),
                        _overlap(whole, spaced),
                        outside,
                        rank,
                        side_rank,
                        shift,
                    )
                    if best is None or score < best[0]:
                        best = (score, side, whole)
            if best is not None and not any(best[0][:3]):
                break  # the widest body that leaves every marker free and stays on the map
        if best is None:  # no room beside the marker: over the map, pointing nowhere
            width = max(1, min(CARD_WIDTH, round(inner.width())))
            height = self.body_height(width - TAIL)  # the body is the card less its pointer
            side, whole = "right", QRectF(inner.left(), inner.top(), width, height)
        else:
            _score, side, whole = best
        self.side = side
        geometry = whole.toAlignedRect()
        self.setGeometry(geometry)
        self.tip = spot - QPointF(geometry.topLeft()) + self._tip_offset(side, reach)
        self.body.setGeometry(self.body_rect())
        self.update()

    @staticmethod
    def _tip_offset(side: str, reach: float) -> QPointF:
        return {
            "right": QPointF(reach, 0),
            "left": QPointF(-reach, 0),
            "below": QPointF(0, reach),
            "above": QPointF(0, -reach),
        }[side]

    @staticmethod
    def _with_tail(body: QRectF, side: str) -> QRectF:
        return {
            "right": body.adjusted(-TAIL, 0, 0, 0),
            "left": body.adjusted(0, 0, TAIL, 0),
            "below": body.adjusted(0, -TAIL, 0, 0),
            "above": body.adjusted(0, 0, 0, TAIL),
        }[side]

    def _candidates(self, spot: QPointF, side: str, width: int, height: int, inner, reach):
        """(distance from centred, body rect) of positions on `side` inside `inner` whose
        pointer meets the body's straight edge: spread over every such position."""
        tip = spot + self._tip_offset(side, reach)
        vertical = side in ("below", "above")
        across = width if vertical else height  # the length of the edge the pointer leaves
        keep = CARD_RADIUS + TAIL_HALF  # the pointer's base stays off the rounded corners
        # `at`: where on that edge the pointer leaves, from the edge's start
        centre, start, end = (
            (spot.x(), inner.left(), inner.right())
            if vertical
            else (spot.y(), inner.top(), inner.bottom())
        )
        low = max(keep, centre + across - end)
        high = min(across - keep, centre - start)
        if low > high:
            return
        for step in range(STEPS):
            at = low + (high - low) * step / (STEPS - 1)
            if side == "right":
                body = QRectF(tip.x() + TAIL, spot.y() - at, width, height)
            elif side == "left":
                body = QRectF(tip.x() - TAIL - width, spot.y() - at, width, height)
            elif side == "below":
                body = QRectF(spot.x() - at, tip.y() + TAIL, width, height)
            else:
                body = QRectF(spot.x() - at, tip.y() - TAIL - height, width, height)
            if inner.contains(self._with_tail(body, side)):
                yield abs(at - across / 2) / across, body

    # ---- paint --------------------------------------------------------------------------

    def pointer(self) -> tuple[QPointF, QPointF, QPointF]:
        """The pointer's base corners (on the body's edge) and its tip, in card coordinates."""
        body = QRectF(self.body_rect()).adjusted(1, 1, -1, -1)
        tip = self.tip
        keep = CARD_RADIUS + TAIL_HALF
        if self.side in ("right", "left"):
            edge = body.left() if self.side == "right" else body.right()
            y = min(max(tip.y(), body.top() + keep), body.bottom() - keep)
            return QPointF(edge, y - TAIL_HALF), tip, QPointF(edge, y + TAIL_HALF)
        edge = body.top() if self.side == "below" else body.bottom()
        x = min(max(tip.x(), body.left() + keep), body.right() - keep)
        return QPointF(x - TAIL_HALF, edge), tip, QPointF(x + TAIL_HALF, edge)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = QPen(self._edge, self._edge_px)
        edge.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(edge)
        painter.setBrush(self._fill)
        body = QRectF(self.body_rect()).adjusted(1, 1, -1, -1)
        painter.drawRoundedRect(body, CARD_RADIUS, CARD_RADIUS)
        first, tip, last = self.pointer()
        inward = {"right": (1, 0), "left": (-1, 0), "below": (0, 1), "above": (0, -1)}[self.side]
        into = QPointF(*inward) * (self._edge_px + 1)  # over the body's edge line at the base
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(QPolygonF([first + into, tip, last + into]))
        painter.setPen(edge)
        painter.drawPolyline(QPolygonF([first, tip, last]))
