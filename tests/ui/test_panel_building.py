"""A long panel is built a slice at a time: the first blocks with its screen, the rest while it
is shown, and the rest let go of again once the visitor has moved on to other panels. The
visitor sees every block all the same: the chapters, the end of the page, after coming back."""

from __future__ import annotations

from kiosk.ui.main_window import TAILS_KEPT
from kiosk.ui.panel import EAGER_BLOCKS, FIRST_SLICE
from tests.ui.conftest import _text, make_content

BLOCKS = EAGER_BLOCKS + 8


def _panel(panel_id: str) -> dict:
    return {
        "id": panel_id,
        "title": _text(f"展区{panel_id}", f"Exhibit {panel_id}"),
        "icon": "mdi6.factory",
        "accent": "#2f8cff",
        "hero_image": "images/industry.png",
        "blocks": [
            {
                "type": "text",
                "title": _text(f"第{n}节", f"Section {n}"),
                "body": _text("经开区的产业与生活。" * 20, "Industry and life. " * 20),
            }
            for n in range(BLOCKS)
        ],
    }


def test_a_long_panel_is_built_while_shown_and_its_tail_let_go_after(make_window, tmp_path, qtbot):
    ids = [f"p{i}" for i in range(TAILS_KEPT + 1)]
    content = make_content(tmp_path / "content", panels=[_panel(i) for i in ids])
    window = make_window(content_=content)
    window.show_panel(ids[0])
    screen = window.panels[ids[0]]
    assert FIRST_SLICE <= len(screen.blocks) < BLOCKS  # the tap did not wait for them all
    assert len(screen.rail.dots) == BLOCKS  # every chapter is on the rail from the start
    qtbot.waitUntil(screen.fully_built, timeout=10000)
    bar = screen.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: screen.current_chapter() == BLOCKS - 1, timeout=5000)
    last = screen.blocks[-1]
    assert last.isVisible() and last.title.text()  # the last block, on screen

    for panel_id in ids[1:]:  # the visitor moves on
        window.show_panel(panel_id)
        qtbot.waitUntil(window.panels[panel_id].fully_built, timeout=10000)
    # once the visitor pauses (never during a tap), its tail is let go of
    qtbot.waitUntil(lambda: len(screen.blocks) == FIRST_SLICE, timeout=5000)
    assert window.panels[ids[-1]].fully_built()  # those shown last keep theirs

    window.show_panel(ids[0])
    screen.go_to_chapter(BLOCKS - 1)  # a chapter past the first slice: built at once
    assert screen.fully_built() and screen.current_chapter() == BLOCKS - 1
    assert [b.block.title.get("en") for b in screen.blocks] == [
        f"Section {n}" for n in range(BLOCKS)
    ]
