"""Icon names as operators mistype them: the `kiosk validate` line suggests a real icon."""

from __future__ import annotations

import pytest

from kiosk.content.icons import check_icon_name
from kiosk.content.loader import load_content
from tests.content.build import INDUSTRY, TODAY, make_content

PREFIXES = "mdi6, mdi, fa5, fa5s, fa5b, fa6, fa6s, fa6b, ph, ri, msc, ei"


def icon_line(root, name: str) -> str:
    make_content(root, {"panels/industry.yaml": INDUSTRY.replace("mdi6.factory", name)})
    [problem] = load_content(root, TODAY).problems
    return problem.format()


def expected(name: str, hint: str = "") -> str:
    line = (
        "panels/industry.yaml:3:7: error: icon: expected an icon name like 'mdi6.factory' "
        f"(prefixes: {PREFIXES}), found {name!r}"
    )
    return f"{line} (did you mean {hint!r}?)" if hint else line


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("mdi6factory", "mdi6.factory"),  # the dot left out
        ("mdi6-factory", "mdi6.factory"),  # a dash or a colon for the dot
        ("mdi6:factory", "mdi6.factory"),
        ("fa5shome", "fa5s.home"),  # the longest prefix: fa5s's home, not fa5's "shome"
        ("fa6bgithub", "fa6b.github"),
        ("mdi6factori", "mdi6.factory"),  # and a typo in the name too: the closest real one
        ("factory", "mdi6.factory"),  # no prefix at all: the recommended set
        ("mdi7.factory", "mdi6.factory"),  # a set that does not exist: the recommended one
        ("Mdi6.factory", "mdi6.factory"),
        ("mdi7.factori", "mdi6.factory"),
        ("fa5x.hippo", "fa5s.hippo"),  # not in mdi6: the set whose prefix is closest
        ("fa6x.hippo", "fa6s.hippo"),
    ],
)
def test_a_mistyped_icon_prefix_suggests_the_real_icon(tmp_path, typed, meant):
    assert icon_line(tmp_path, typed) == expected(typed, meant)
    check_icon_name(meant)  # the suggestion itself validates


@pytest.mark.parametrize("typed", ["mdi6", "mdi", "zzzzzzzzzzzz", "mdi7.zzzzzzzzzzzz"])
def test_nothing_is_suggested_when_no_icon_is_close(tmp_path, typed):
    assert icon_line(tmp_path, typed) == expected(typed)
