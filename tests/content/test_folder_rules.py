"""How the loader treats the content folder as a whole: which files count, in which order the
problems come, and the problems that belong to a whole file rather than to one of its lines."""

from __future__ import annotations

import pytest

from kiosk.content import loader
from kiosk.content.loader import MAX_FILE_BYTES, load_content
from kiosk.content.problems import Problem
from kiosk.content.report import summary
from tests.content.build import HISTORY, INDUSTRY, SITE, TODAY, make_content


def load(root, files=None):
    return load_content(make_content(root, files), TODAY)


def test_a_panel_listed_twice_is_an_error_at_the_second_mention(tmp_path):
    result = load(
        tmp_path,
        {"site.yaml": SITE.replace("[industry, history]", "[industry, history, industry]")},
    )
    assert result.content is None
    assert result.problems == [
        Problem("error", "site.yaml", 4, 29, "panels[2]", "panel 'industry' is listed twice")
    ]


def test_an_unknown_panel_with_no_close_file_has_no_suggestion(tmp_path):
    result = load(tmp_path, {"site.yaml": SITE.replace("history]", "zzz]")})
    assert [p.format() for p in result.problems] == [
        "panels/history.yaml:1:5: warning: id: not listed in site.yaml panels, so visitors never "
        "see it; add 'history' there or remove the file",
        "site.yaml:4:20: error: panels[1]: no panel file panels/zzz.yaml for panel 'zzz'",
    ]


def test_a_wrong_entry_in_the_panel_list_does_not_hide_the_rest_of_the_list(tmp_path):
    result = load(
        tmp_path, {"site.yaml": SITE.replace("[industry, history]", "[7, industry, history]")}
    )
    assert [p.format() for p in result.problems] == [
        "site.yaml:4:10: error: panels[0]: expected text, found the number 7"
    ]


@pytest.mark.parametrize("name", ["extra.yml", "extra.json", "notes.txt"])
def test_panel_files_with_another_ending_are_ignored_with_a_warning(tmp_path, name):
    make_content(tmp_path, {f"panels/{name}": HISTORY.replace("history", "extra")})
    result = load_content(tmp_path, TODAY)
    assert result.ok
    assert result.problems == [
        Problem(
            "warning", f"panels/{name}", None, None, "", "ignored: panel files must end in .yaml"
        )
    ]
    assert f"panels/{name}: warning: ignored: panel files must end in .yaml" == (
        result.problems[0].format()
    )
    assert sorted(result.content.panels) == ["history", "industry"]


def test_hidden_and_appledouble_files_in_panels_are_skipped_silently(tmp_path):
    files = {
        "panels/._industry.yaml": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe",
        "panels/.draft.yaml": "this: [is not, a panel",
        "panels/.DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    result = load(tmp_path, files)
    assert result.ok, [p.format() for p in result.problems]
    assert result.problems == []
    assert sorted(result.content.panels) == ["history", "industry"]
    assert result.files == ["site.yaml", "panels/history.yaml", "panels/industry.yaml"]


def test_the_files_read_are_counted_in_the_summary(tmp_path):
    result = load(tmp_path)
    assert result.files == ["site.yaml", "panels/history.yaml", "panels/industry.yaml"]
    assert summary(result) == "Content OK: 3 files, 0 warnings"


def test_the_summary_counts_in_singular_and_plural(tmp_path):
    one = load(
        tmp_path / "one",
        {"site.yaml": SITE.replace(", history]", "]"), "panels/history.yaml": None},
    )
    assert summary(one) == "Content OK: 2 files, 0 warnings"
    make_content(tmp_path / "two")
    (tmp_path / "two/site.yaml").unlink()
    two = load_content(tmp_path / "two", TODAY)
    assert summary(two) == "1 error, 0 warnings in 2 files"
    three = load(
        tmp_path / "three",
        {
            "site.yaml": SITE.replace("history]", "histroy]").replace("[industry", "[indstry"),
            "panels/extra.yml": "x",
        },
    )
    assert summary(three) == "2 errors, 3 warnings in 3 files"
    four = load(tmp_path / "four", {"panels/extra.yml": "x"})
    assert summary(four) == "Content OK: 3 files, 1 warning"


def test_problems_are_in_line_then_column_order_within_a_file(tmp_path):
    panel = (
        INDUSTRY.replace("images/hero.png", "images/nope.png")
        + "  - type: gallery\n"
        + "    images:\n"
        + "      - {captoin: x, image: images/gone.png}\n"
        + "colour: red\n"
    )
    result = load(tmp_path, {"panels/industry.yaml": panel})
    assert [(p.line, p.column, p.field) for p in result.problems] == [
        (5, 13, "hero_image"),
        (17, 10, "blocks[2].images[0].captoin"),
        (17, 29, "blocks[2].images[0].image"),
        (18, 1, "colour"),
    ]


def test_a_file_of_exactly_one_mebibyte_is_read_and_one_byte_more_is_refused(tmp_path):
    padding = MAX_FILE_BYTES - len(SITE.encode())
    exact = SITE + "#" * (padding - 1) + "\n"
    assert len(exact.encode()) == MAX_FILE_BYTES
    assert load(tmp_path / "a", {"site.yaml": exact}).ok
    result = load(tmp_path / "b", {"site.yaml": exact + "\n"})
    assert result.problems == [
        Problem(
            "error", "site.yaml", None, None, "", "larger than 1024 KiB; too large to be content"
        )
    ]


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert load(tmp_path, {"site.yaml": b"\xef\xbb\xbf" + SITE.encode()}).ok


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xe9: x\n", 1, 1),
        (b"title: x\n\nsubtitle: caf\xe9\n", 3, 14),
        (b"title: x\nsubtitle: \xe9\nmore: x\n", 2, 11),
    ],
)
def test_invalid_utf8_is_located_by_line_and_byte(tmp_path, data, line, column):
    [error] = load(tmp_path, {"site.yaml": data}).problems
    assert (error.line, error.column) == (line, column)
    assert error.message == (
        f"not valid UTF-8: byte 0xe9 at line {line}, byte {column} of that line; "
        "save the file as UTF-8"
    )


def test_invalid_utf8_on_the_second_line_after_a_blank_first_line(tmp_path):
    result = load(tmp_path, {"site.yaml": b"\nsubtitle: caf\xe9\n"})
    assert result.problems == [
        Problem(
            "error",
            "site.yaml",
            2,
            14,
            "",
            "not valid UTF-8: byte 0xe9 at line 2, byte 14 of that line; save the file as UTF-8",
        )
    ]


def test_a_folder_named_like_a_panel_file_is_reported_as_unreadable(tmp_path):
    make_content(tmp_path)
    (tmp_path / "panels/broken.yaml").mkdir()
    result = load_content(tmp_path, TODAY)
    assert result.problems == [
        Problem("error", "panels/broken.yaml", None, None, "", "is a folder, not a file"),
        Problem(
            "warning",
            "panels/broken.yaml",
            None,
            None,
            "id",
            "not listed in site.yaml panels, so visitors never see it; add 'broken' there or "
            "remove the file",
        ),
    ]


def test_a_broken_panel_that_is_not_listed_gets_both_problems(tmp_path):
    result = load(tmp_path, {"panels/draft.yaml": "id: [draft\n"})
    assert [p.format() for p in result.problems] == [
        "panels/draft.yaml: warning: id: not listed in site.yaml panels, so visitors never see "
        "it; add 'draft' there or remove the file",
        "panels/draft.yaml:2:1: error: not valid YAML: while parsing a flow sequence: did not "
        "find expected ',' or ']'",
    ]


def test_site_yaml_present_but_panels_folder_missing_is_one_error(tmp_path):
    make_content(tmp_path)
    for name in ("industry", "history"):
        (tmp_path / f"panels/{name}.yaml").unlink()
    (tmp_path / "panels").rmdir()
    result = load_content(tmp_path, TODAY)
    assert result.problems == [
        Problem("error", "panels", None, None, "", "the panels folder is missing")
    ]
    assert result.files == ["site.yaml"]


def test_missing_site_yaml_and_missing_folder_are_whole_file_problems(tmp_path):
    make_content(tmp_path, {"site.yaml": None})
    assert load_content(tmp_path, TODAY).problems == [
        Problem("error", "site.yaml", None, None, "", "site.yaml is missing from the folder")
    ]
    nowhere = tmp_path / "nowhere"
    assert load_content(nowhere, TODAY).problems == [
        Problem("error", str(nowhere), None, None, "", "content folder not found")
    ]


def test_id_not_matching_the_file_name_suggests_the_file_name(tmp_path):
    result = load(tmp_path, {"panels/history.yaml": HISTORY.replace("id: history", "id: past")})
    assert [p.format() for p in result.problems] == [
        "panels/history.yaml:1:5: error: id: id 'past' does not match the file name history.yaml; "
        "make them the same (did you mean 'history'?)"
    ]


def test_a_folder_that_cannot_be_listed_is_one_problem_for_the_folder(tmp_path, monkeypatch):
    make_content(tmp_path)

    def refuse(self):
        raise PermissionError("permission denied")

    monkeypatch.setattr(loader.Path, "iterdir", refuse)
    assert load_content(tmp_path, TODAY).problems == [
        Problem(
            "error",
            str(tmp_path),
            None,
            None,
            "",
            "could not be loaded (PermissionError: permission denied)",
        )
    ]


def test_a_file_that_fails_unexpectedly_is_one_problem_for_that_file(tmp_path, monkeypatch):
    make_content(tmp_path)
    real = loader.read_yaml

    def flaky(text):
        if text.startswith("id: history"):
            raise RuntimeError("disk on fire")
        return real(text)

    monkeypatch.setattr(loader, "read_yaml", flaky)
    result = load_content(tmp_path, TODAY)
    assert result.problems == [
        Problem(
            "error",
            "panels/history.yaml",
            None,
            None,
            "",
            "could not be loaded (RuntimeError: disk on fire)",
        )
    ]


def test_a_warning_check_that_fails_is_reported_and_the_rest_still_loads(tmp_path, monkeypatch):
    make_content(tmp_path)

    def broken(model, languages, today):
        if getattr(model, "id", None) == "history":
            raise KeyError("as_of")
        return iter(())

    monkeypatch.setattr(loader, "content_warnings", broken)
    result = load_content(tmp_path, TODAY)
    assert result.content is None
    assert result.problems == [
        Problem(
            "error",
            "panels/history.yaml",
            None,
            None,
            "",
            "could not be checked (KeyError: 'as_of')",
        )
    ]


def test_a_refused_tag_on_the_whole_file_is_the_only_problem_reported(tmp_path):
    result = load(tmp_path, {"panels/history.yaml": "!!set {id: history}\n"})
    assert [p.format() for p in result.problems] == [
        "panels/history.yaml:1:1: error: the tag !!set is not allowed: content files hold only "
        "plain text, numbers, dates, lists and mappings"
    ]


def test_a_merge_key_is_refused_at_its_mapping(tmp_path):
    site = SITE + "base: &b {x: 1}\nother:\n  <<: *b\n"
    result = load(tmp_path, {"site.yaml": site})
    assert [p.format() for p in result.problems] == [
        "site.yaml:9:3: error: other: keys must be plain words (no tags, lists, mappings or << "
        "merges as keys)"
    ]


def test_a_missing_field_points_at_the_mapping_it_belongs_in(tmp_path):
    panel = INDUSTRY.replace("        label: {zh: 产值, en: Output}\n", "")
    result = load(tmp_path, {"panels/industry.yaml": panel})
    assert [p.format() for p in result.problems] == [
        "panels/industry.yaml:11:9: error: blocks[1].items[0].label: required field 'label' is "
        "missing"
    ]


def test_an_empty_file_is_reported_at_its_first_line(tmp_path):
    result = load(tmp_path, {"panels/history.yaml": ""})
    assert [p.format() for p in result.problems] == [
        "panels/history.yaml:1:1: error: expected a mapping (key: value lines), found nothing "
        "(an empty value)"
    ]
