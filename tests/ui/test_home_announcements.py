"""Notices on the home screen (`site.yaml` `announcements`): shown in the visitor's language,
only between their dates."""

from __future__ import annotations

from kiosk.ui.screen_check import shown_text
from tests.kiosk_kit import SMALL
from tests.services.kit import NO_IDLE
from tests.touch import tap

NOTICE = {
    "title": {"zh": "参观提示", "en": "Visitor information"},
    "text": {"zh": "周一**闭馆**。", "en": "**Closed** on Mondays."},
}


def home_texts(window) -> list[str]:
    return [shown_text(card.text) for card in window.home.announcements]


def test_a_notice_shows_on_home_and_follows_the_language(kiosk):
    running = kiosk(content=SMALL, site={"announcements": [NOTICE], "idle": NO_IDLE})
    window = running.window
    assert home_texts(window) == ["周一闭馆。"]
    tap(window.top_bar.languages["en"])
    assert home_texts(window) == ["Closed on Mondays."]


def test_a_notice_is_up_only_between_its_dates(kiosk, clock):
    today = clock.today()  # 2026-12-01 in the tests
    dated = [
        {**NOTICE, "show_until": "2026-11-30"},  # yesterday: down
        {**NOTICE, "text": "Today", "show_from": str(today), "show_until": str(today)},
        {**NOTICE, "text": "Later", "show_from": "2026-12-02"},
    ]
    running = kiosk(content=SMALL, site={"announcements": dated, "idle": NO_IDLE})
    assert home_texts(running.window) == ["Today"]
