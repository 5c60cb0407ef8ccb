"""`kiosk screenshots` renders every screen to PNG, and refuses broken content."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.commands.screenshots import render_screens, screenshots_command
from tests.ui.conftest import TODAY


def test_render_screens_names_and_writes_every_screen(content, tmp_path):
    shots = render_screens(content, [(960, 540)], ["en"], tmp_path, today=lambda: TODAY)
    names = [name for name, _ in shots]
    assert names[:4] == [
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
    shots = render_screens(content, [(960, 540)], ["zh", "en"], out, today=lambda: TODAY)
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
