"""show_from / show_until decide which panels and blocks visitors see on a given day."""

from __future__ import annotations

from datetime import date

from kiosk.content.loader import load_content
from tests.content.build import HISTORY, INDUSTRY, TODAY, make_content

SCHEDULED_BLOCK = INDUSTRY.replace(
    "  - type: text\n", "  - type: text\n    show_from: 2025-03-01\n    show_until: 2025-03-31\n"
)
SCHEDULED_PANEL = HISTORY + "show_until: 2025-02-01\n"


def load(tmp_path):
    files = {"panels/industry.yaml": SCHEDULED_BLOCK, "panels/history.yaml": SCHEDULED_PANEL}
    result = load_content(make_content(tmp_path, files), TODAY)
    assert result.ok, [p.format() for p in result.problems]
    return result.content


def test_block_shows_only_inside_its_window(tmp_path):
    panel = load(tmp_path).panels["industry"]
    assert [b.type for b in panel.visible_blocks(date(2025, 2, 28))] == ["figures"]
    assert [b.type for b in panel.visible_blocks(date(2025, 3, 1))] == ["text", "figures"]
    assert [b.type for b in panel.visible_blocks(date(2025, 3, 31))] == ["text", "figures"]
    assert [b.type for b in panel.visible_blocks(date(2025, 4, 1))] == ["figures"]


def test_panel_hidden_after_show_until_keeps_site_order(tmp_path):
    content = load(tmp_path)
    assert [p.id for p in content.visible_panels(date(2025, 2, 1))] == ["industry", "history"]
    assert [p.id for p in content.visible_panels(date(2025, 2, 2))] == ["industry"]


def test_window_in_wrong_order_is_an_error_at_the_block(tmp_path):
    swapped = INDUSTRY.replace(
        "  - type: text\n",
        "  - type: text\n    show_from: 2025-04-01\n    show_until: 2025-03-01\n",
    )
    make_content(tmp_path, {"panels/industry.yaml": swapped})
    [error] = load_content(tmp_path, TODAY).errors
    assert (error.line, error.field) == (7, "blocks[0]")
    assert "show_until (2025-03-01) is before show_from (2025-04-01)" in error.message
