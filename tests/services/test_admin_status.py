"""The admin screen's English counts read as English: "1 error", "2 errors", "0 errors"."""

from __future__ import annotations

import pytest

from kiosk.content.problems import Problem
from kiosk.services.admin_status import AdminInfo, usage_text
from kiosk.services.analytics import HOME, Analytics


def problems(errors: int, warnings: int) -> list[Problem]:
    made = [Problem("error", "site.yaml", 1, 1, "x", "bad") for _ in range(errors)]
    return made + [Problem("warning", "site.yaml", 2, 1, "y", "odd") for _ in range(warnings)]


@pytest.mark.parametrize(
    ("errors", "warnings", "line"),
    [
        (0, 0, "0 errors, 0 warnings"),
        (1, 1, "1 error, 1 warning"),
        (2, 2, "2 errors, 2 warnings"),
        (1, 2, "1 error, 2 warnings"),
    ],
)
def test_the_problems_line_counts_in_singular_and_plural(errors, warnings, line):
    shown = dict(AdminInfo(problems=problems(errors, warnings)).lines())
    assert shown["问题 Problems"] == line


@pytest.mark.parametrize(
    ("visits", "line"),
    [
        (0, "0 visits, 0 panel views"),
        (1, "1 visit, 1 panel view, most viewed: industry"),
        (2, "2 visits, 2 panel views, most viewed: industry"),
    ],
)
def test_todays_usage_counts_in_singular_and_plural(tmp_path, clock, visits, line):
    db = tmp_path / "usage.sqlite3"
    analytics = Analytics(db, clock)
    analytics.start_session("zh")  # yesterday's visit makes the file; today counts none of it
    analytics.view(HOME)
    analytics.end_session()
    clock.advance(days=1)
    for _ in range(visits):
        analytics.start_session("en")
        analytics.view(HOME)
        clock.advance(seconds=3)
        analytics.view("industry")
        clock.advance(seconds=40)
        analytics.end_session()
    analytics.close()
    assert usage_text(db, clock.today()) == line
