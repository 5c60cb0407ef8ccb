"""`kiosk screenshots` renders every screen to PNG, and refuses broken content."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtGui import QImage

from kiosk.commands.screenshots import render_screens, screenshots_command
from tests.ui.conftest import TODAY


def test_render_screens_names_and_writes_every_screen(content, tmp_path):
    noon = datetime.combine(TODAY, time(12, 0))
    shots = render_screens(content, [(960, 540)], ["en"], tmp_path, at=noon)
    names = [name for name, _ in shots]
    tops = [name for name in names if name.startswith("960x540-en-") and name[-2] != "-"]
    assert tops[:4] == [
        "960x540-en-home",
        "960x540-en-panel-industry",
        "960x540-en-panel-science",
        "960x540-en-panel-life",
    ]
    assert "960x540-en-aplus-home" in names and "960x540-en-contrast-panel-industry" in names
    assert not any("expo" in name for name in names)
    image = QImage(str(tmp_path / "960x540-en-home.png"))
    assert (image.width(), image.height()) == (960, 540)


def test_the_kiosk_overlays_are_rendered_once_per_size(content, tmp_path):
    out = tmp_path / "out"
    noon = datetime.combine(TODAY, time(12, 0))
    shots = render_screens(content, [(960, 540)], ["zh", "en"], out, at=noon)
    first_name, _ = next(shots)
    assert [p.name for p in out.iterdir()] == [f"{first_name}.png"]  # one at a time
    names = [first_name] + [name for name, _ in shots]
    overlays = [name for name in names if "overlay" in name]
    assert overlays == [
        "960x540-overlay-countdown",
        "960x540-overlay-attract",
        "960x540-overlay-standby",
        "960x540-overlay-pin",
        "960x540-overlay-admin",
        "960x540-overlay-notice",
        "960x540-contrast-overlay-countdown",
        "960x540-contrast-overlay-pin",
        "960x540-overlay-unavailable",
    ]
    for name in overlays:
        image = QImage(str(out / f"{name}.png"))
        assert (image.width(), image.height()) == (960, 540)


def test_the_command_reports_how_many_it_wrote(qapp, tmp_path, capsys):
    from tests.services.kit import write_content

    write_content(tmp_path / "content")
    assert screenshots_command(tmp_path / "content", tmp_path / "out", [(960, 540)], ["en"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "960x540-overlay-pin.png" in written
    assert f"wrote {len(written)} screenshots" in capsys.readouterr().out


def test_invalid_content_prints_the_problems_and_exits_1(tmp_path, capsys):
    (tmp_path / "site.yaml").write_text("title: Beijing E-Town\npanels: [industry]\n")
    code = screenshots_command(tmp_path, tmp_path / "out", [(960, 540)], None)
    assert code == 1
    err = capsys.readouterr().err
    assert "site.yaml" in err and "cannot render" in err
    assert not (tmp_path / "out").exists()


def test_a_long_panel_is_shot_to_its_end_and_a_4k_size_at_twice_the_pixels(tmp_path):
    """An operator reviewing a change further down a panel finds it in -2, -3...; a 3840x2160
    screen shows the 1920x1080 layout, drawn at 3840x2160."""
    from kiosk.content.loader import load_content
    from tests.conftest import SAMPLE_CONTENT

    sample = load_content(SAMPLE_CONTENT).content
    out = tmp_path / "shots"
    names = [name for name, _ in render_screens(sample, [(3840, 2160)], ["en"], out)]
    parts = [name for name in names if name.startswith("3840x2160-en-panel-industry")]
    assert parts[0] == "3840x2160-en-panel-industry" and len(parts) >= 3
    assert parts[1:] == [f"3840x2160-en-panel-industry-{n}" for n in range(2, len(parts) + 1)]
    first, last = QImage(str(out / f"{parts[0]}.png")), QImage(str(out / f"{parts[-1]}.png"))
    assert (first.width(), first.height()) == (3840, 2160)
    assert first != last  # the end of the panel, not its top again
