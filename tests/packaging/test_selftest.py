"""`kiosk self-test` from source: all green on good content, names what would render as boxes."""

from __future__ import annotations

import json

from kiosk.cli import main


def run_selftest(capsys, content) -> tuple[int, dict]:
    status = main(["self-test", "--json", "--content", str(content)])
    return status, json.loads(capsys.readouterr().out)


def test_good_content_passes_with_versions_and_every_check(capsys, tiny_content):
    status, report = run_selftest(capsys, tiny_content)
    assert status == 0
    assert report["ok"] is True
    assert report["version"]
    assert len(report["content_version"]) >= 8
    checks = {check["name"]: check for check in report["checks"]}
    assert set(checks) >= {
        "content",
        "fonts",
        "glyphs",
        "icons",
        "images",
        "screens",
        "visitor view",
        "speech",
    }
    assert all(check["ok"] for check in checks.values()), checks
    assert "mdi6.factory" in checks["icons"]["detail"]
    assert checks["images"]["detail"] == "1 images load"


def test_a_character_no_bundled_font_has_fails_and_is_named(capsys, tiny_content):
    panel = tiny_content / "panels" / "industry.yaml"
    panel.write_text(
        panel.read_text(encoding="utf-8").replace("Industry", "Industry \U00013000"),
        encoding="utf-8",
    )
    status, report = run_selftest(capsys, tiny_content)
    assert status == 1
    assert report["ok"] is False
    glyphs = next(check for check in report["checks"] if check["name"] == "glyphs")
    assert glyphs["ok"] is False
    assert "U+13000" in glyphs["detail"]
    assert "EGYPTIAN HIEROGLYPH A001" in glyphs["detail"]
    assert "panels/industry.yaml: title" in glyphs["detail"]


def test_a_truncated_image_fails_already_as_content(capsys, tiny_content):
    hero = tiny_content / "images" / "hero.png"
    hero.write_bytes(hero.read_bytes()[:60])  # a PNG header, no pixels
    status, report = run_selftest(capsys, tiny_content)
    assert status == 1
    content = next(check for check in report["checks"] if check["name"] == "content")
    assert content["ok"] is False
    assert "'images/hero.png' is incomplete: the file ends early" in content["detail"]


def test_plain_text_report_says_what_passed(capsys, tiny_content):
    assert main(["self-test", "--content", str(tiny_content)]) == 0
    out = capsys.readouterr().out
    assert "ok   glyphs" in out
    assert "all checks passed" in out


def test_invalid_content_fails_and_says_where(capsys, tiny_content):
    site = tiny_content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("panels:", "panelz:"))
    status, report = run_selftest(capsys, tiny_content)
    assert status == 1
    assert report["content_version"] is None
    content = report["checks"][0]
    assert content["name"] == "content" and content["ok"] is False
    assert "site.yaml" in content["detail"]


def test_a_control_out_of_reach_fails_the_visitor_view_check(capsys, tiny_content):
    site = tiny_content / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8")
        + "display:\n  orientation: portrait\n  mounting:\n    bottom_edge_mm: 1200\n",
        encoding="utf-8",
    )
    status, report = run_selftest(capsys, tiny_content)
    assert status == 1
    view = next(check for check in report["checks"] if check["name"] == "visitor view")
    assert view["ok"] is False
    assert "out of reach" in view["detail"] and "site.yaml display.mounting" in view["detail"]
