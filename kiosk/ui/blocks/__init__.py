"""One widget class per content block type; `create_block_widget` picks it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.ui.blocks.bar_chart import BarChartBlockWidget
from kiosk.ui.blocks.base import BlockWidget
from kiosk.ui.blocks.figures import FiguresBlockWidget
from kiosk.ui.blocks.gallery import GalleryBlockWidget
from kiosk.ui.blocks.image import ImageBlockWidget
from kiosk.ui.blocks.links import LinksBlockWidget
from kiosk.ui.blocks.map import MapBlockWidget
from kiosk.ui.blocks.story import StoryBlockWidget
from kiosk.ui.blocks.text import TextBlockWidget
from kiosk.ui.blocks.timeline import TimelineBlockWidget
from kiosk.ui.blocks.video import VideoBlockWidget
from kiosk.ui.context import UiContext

WIDGETS: dict[str, type[BlockWidget]] = {
    "text": TextBlockWidget,
    "figures": FiguresBlockWidget,
    "image": ImageBlockWidget,
    "gallery": GalleryBlockWidget,
    "timeline": TimelineBlockWidget,
    "story": StoryBlockWidget,
    "bar_chart": BarChartBlockWidget,
    "links": LinksBlockWidget,
    "map": MapBlockWidget,
    "video": VideoBlockWidget,
}


def create_block_widget(block, ctx: UiContext, parent: QWidget | None = None) -> BlockWidget:
    """The widget showing `block` (a frozen content model) in the context's language."""
    return WIDGETS[block.type](block, ctx, parent)


__all__ = ["WIDGETS", "BlockWidget", "create_block_widget"]
