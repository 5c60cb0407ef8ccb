"""site.yaml's panel list against the panel files, and folders that are not there."""

from __future__ import annotations

from kiosk.content import loader
from kiosk.content.loader import load_content
from tests.content.build import HISTORY, SITE, TODAY, make_content


def test_valid_folder_loads_into_content(tmp_path):
    result = load_content(make_content(tmp_path), TODAY)
    assert result.ok
    assert result.problems == []
    assert [p.id for p in result.content.visible_panels(TODAY)] == ["industry", "history"]
    assert len(result.content.version) == 12


def test_unknown_panel_id_suggests_an_existing_file(tmp_path):
    make_content(tmp_path, {"site.yaml": SITE.replace("history]", "histroy]")})
    result = load_content(tmp_path, TODAY)
    [error] = result.errors
    assert (error.file, error.line, error.column, error.field) == ("site.yaml", 4, 20, "panels[1]")
    assert error.message == "no panel file panels/histroy.yaml for panel 'histroy'"
    assert error.suggestion == "did you mean 'history'?"


def test_panel_file_not_listed_is_a_warning(tmp_path):
    make_content(tmp_path, {"site.yaml": SITE.replace(", history]", "]")})
    result = load_content(tmp_path, TODAY)
    assert result.ok
    [warning] = result.warnings
    assert (warning.file, warning.line, warning.field) == ("panels/history.yaml", 1, "id")
    assert "not listed in site.yaml panels" in warning.message


def test_panel_id_must_match_file_name(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": HISTORY.replace("id: history", "id: past")})
    [error] = load_content(tmp_path, TODAY).errors
    assert (error.file, error.line, error.field) == ("panels/history.yaml", 1, "id")
    assert "does not match the file name history.yaml" in error.message


def test_missing_site_yaml_and_panels_folder_are_clear_errors(tmp_path):
    (tmp_path / "images").mkdir()
    result = load_content(tmp_path, TODAY)
    assert result.content is None
    assert [(p.file, p.message) for p in result.errors] == [
        ("panels", "the panels folder is missing"),
        ("site.yaml", "site.yaml is missing from the folder"),
    ]


def test_missing_content_folder_is_a_clear_error(tmp_path):
    [error] = load_content(tmp_path / "nowhere", TODAY).errors
    assert error.message == "content folder not found"
    assert error.file.endswith("nowhere")


def test_unexpected_failure_becomes_a_problem_for_that_file(tmp_path, monkeypatch):
    make_content(tmp_path)
    real = loader.read_yaml

    def flaky(text):
        if text.startswith("id: history"):
            raise RuntimeError("disk on fire")
        return real(text)

    monkeypatch.setattr(loader, "read_yaml", flaky)
    result = load_content(tmp_path, TODAY)
    [error] = result.errors
    assert error.file == "panels/history.yaml"
    assert error.message == "could not be loaded (RuntimeError: disk on fire)"


def test_empty_file_says_a_mapping_is_expected(tmp_path):
    make_content(tmp_path, {"panels/history.yaml": ""})
    [error] = load_content(tmp_path, TODAY).errors
    assert error.file == "panels/history.yaml"
    assert error.message == "expected a mapping (key: value lines), found nothing (an empty value)"


def test_unlistable_panels_folder_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    make_content(tmp_path)

    def refuse(self):
        raise PermissionError("permission denied")

    monkeypatch.setattr(loader.Path, "iterdir", refuse)
    [error] = load_content(tmp_path, TODAY).errors
    assert error.message == "could not be loaded (PermissionError: permission denied)"
