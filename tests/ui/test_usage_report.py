"""`kiosk stats --report`: a week of analytics as a PDF and as one HTML file, every chart beside
its numbers, the tap heatmaps hot where the taps were, over the screens' screenshots.

The PDF's text is read back with pypdf, as a reader's copy and paste would get it.
"""

from __future__ import annotations

import base64
import contextlib
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from kiosk.commands.stats import stats_command
from kiosk.services.analytics import Analytics
from kiosk.services.clock import ManualClock
from kiosk.ui.usage_report import heatmap
from tests.kiosk_kit import SMALL
from tests.services.kit import NO_IDLE, panel, write_content
from tests.touch import tap as touch_tap


def pdf_pages(path: Path) -> list[list[str]]:
    """Each page's words, in reading order."""
    return [page.extract_text().split() for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text as compared: without whitespace (a reader puts spaces where the font changes) and
    NFKC-folded (Qt's ToUnicode says U+2F7C, the radical, for 高 and U+FB01 for "fi": the
    font draws each pair with one glyph)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


MONDAY = datetime(2025, 5, 5)
HOME_TAP, ALPHA_TAP, PORTRAIT_TAP = (0.25, 0.40), (0.70, 0.20), (0.50, 0.80)


def week(db: Path) -> dict:
    """Seven days of visits written straight into the SQLite file; returns what was written
    (counted here, independently of the code under test)."""
    made = Analytics(db, ManualClock(MONDAY))  # the schema, as the kiosk makes it
    made.start_session("zh")
    made.close()
    hours, langs, opens = Counter(), Counter(), Counter()
    rows = {"sessions": [], "views": [], "events": [], "taps": []}
    session = 0
    for day in range(7):
        for i in range(day + 1):  # Monday 1 visit ... Sunday 7
            session += 1
            start = MONDAY + timedelta(days=day, hours=9 + i % 4, minutes=i)
            at = start.isoformat(sep=" ")
            lang = "en" if i % 4 == 0 else "zh"
            hours[start.hour] += 1
            langs[lang] += 1
            rows["sessions"].append((session, at, at, lang))
            rows["views"].append((session, "home", at, 4.0, lang))
            rows["views"].append((session, "alpha", at, 10.0 + i, lang))
            if i % 2:
                rows["views"].append((session, "beta", at, 30.0, lang))
            if day % 2 == 0:
                rows["events"].append((session, at, "gallery_open", "alpha"))
                opens["gallery_open"] += 1
            if i == 0:
                rows["events"].append((session, at, "hotspot_open", "beta"))
                opens["hotspot_open"] += 1
            rows["taps"].append((session, at, "home", *HOME_TAP, "landscape"))
            rows["taps"].append((session, at, "alpha", *ALPHA_TAP, "landscape"))
            if day == 6:
                rows["taps"].append((session, at, "home", *PORTRAIT_TAP, "portrait"))
    with contextlib.closing(sqlite3.connect(db)) as con:
        con.execute("DELETE FROM sessions")
        con.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?)", rows["sessions"])
        con.executemany("INSERT INTO views VALUES (?, ?, ?, ?, ?)", rows["views"])
        con.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows["events"])
        con.executemany("INSERT INTO taps VALUES (?, ?, ?, ?, ?, ?)", rows["taps"])
        con.commit()
    return {"hours": hours, "langs": langs, "opens": opens, "sessions": session}


TITLES = {
    "hours": "Sessions by hour of day",
    "weekdays": "Sessions by weekday",
    "panels": "Panel popularity and median dwell time",
    "languages": "Language share",
    "opens": "Gallery and hotspot opens",
    "home": "Taps on home screen (landscape)",  # home first, in both orientations
    "portrait": "Taps on home screen (portrait)",
    "alpha": "Taps on alpha 标题 / Alpha (landscape)",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """One week of analytics, the small content (panels alpha and beta), both reports."""
    folder = tmp_path_factory.mktemp("report")
    db = folder / "analytics.sqlite3"
    written = week(db)
    content = write_content(
        folder / "content",
        {"idle": NO_IDLE, "panels": ["alpha", "beta"]},
        [panel("alpha", "Hello"), panel("beta", "World")],
    )
    pdf, page = folder / "usage.pdf", folder / "usage.html"
    assert stats_command(None, None, db=db, report=pdf, content=content) == 0
    assert stats_command("2025-05-05", None, db=db, report=page, content=content) == 0
    return written, pdf, page, folder


class Sections(HTMLParser):
    """The HTML's sections: h2 title, caption, the image (decoded) and the table rows."""

    def __init__(self):
        super().__init__()
        self.sections: list[dict] = []
        self.meta_charset = None
        self._cell: list[str] | None = None
        self._where = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "charset" in attrs:
            self.meta_charset = attrs["charset"]
        elif tag == "section":
            self.sections.append({"id": attrs["id"], "title": "", "caption": "", "rows": []})
        elif tag == "h2":
            self._where = "title"
        elif tag == "p" and attrs.get("class") == "caption":
            self._where = "caption"
        elif tag == "img":
            src = attrs["src"]
            assert src.startswith("data:image/png;base64,"), src[:40]
            image = QImage.fromData(base64.b64decode(src.split(",", 1)[1]), "PNG")
            self.sections[-1]["image"] = image
            self.sections[-1]["size"] = (int(attrs["width"]), int(attrs["height"]))
        elif tag == "tr":
            self.sections[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.sections[-1]["rows"][-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h2", "p"):
            self._where = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._where and self.sections:
            self.sections[-1][self._where] += data


def hot(colour: QColor) -> bool:
    return colour.red() > 180 and colour.green() < 140 and colour.blue() < 110


def at(image: QImage, fraction: tuple[float, float]) -> QColor:
    return image.pixelColor(int(fraction[0] * image.width()), int(fraction[1] * image.height()))


def test_the_html_report_has_every_chart_beside_its_numbers(reports):
    written, _pdf, page, _ = reports
    text = page.read_text(encoding="utf-8")
    parser = Sections()
    parser.feed(text)
    assert parser.meta_charset == "utf-8"
    assert "<script" not in text and "http" not in text.replace("http-equiv", "")  # one file
    by_title = {s["title"]: s for s in parser.sections}
    assert list(by_title) == list(TITLES.values())
    for section in parser.sections:
        image = section["image"]
        assert not image.isNull() and (image.width(), image.height()) == section["size"]
        assert len(section["rows"]) >= 2, section["title"]  # a header and numbers

    def table(key):
        return [tuple(r) for r in by_title[TITLES[key]]["rows"][1:]]

    hours = table("hours")
    assert len(hours) == 24
    assert hours == [(f"{h:02d}:00", str(written["hours"][h])) for h in range(24)]
    assert table("weekdays") == [
        (d, str(n)) for n, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), 1)
    ]
    # alpha: 28 views, dwell 10 + i over i in 0..day: median 12; beta: 12 views of 30 s
    assert table("panels") == [
        ("alpha", "alpha 标题 / Alpha", "28", "12.0"),
        ("beta", "beta 标题 / Beta", "12", "30.0"),
    ]
    langs = written["langs"]
    assert table("languages") == [
        (lang, str(langs[lang]), f"{langs[lang] / 28:.1%}") for lang in ("en", "zh")
    ]
    assert table("opens") == [
        ("gallery", "alpha", str(written["opens"]["gallery_open"])),
        ("hotspot", "beta", str(written["opens"]["hotspot_open"])),
    ]
    home = dict((r[0], r[1]) for r in table("home"))
    assert home["middle left"] == "28" and home["all"] == "28" and home["top left"] == "0"
    assert dict((r[0], r[1]) for r in table("alpha"))["top right"] == "28"
    assert dict((r[0], r[1]) for r in table("portrait"))["bottom centre"] == "7"
    assert "28 sessions" in by_title[TITLES["hours"]]["caption"]


def test_the_heatmaps_are_hot_where_the_taps_were_over_the_screenshots(reports):
    _written, _pdf, page, _ = reports
    parser = Sections()
    parser.feed(page.read_text(encoding="utf-8"))
    by_title = {s["title"]: s for s in parser.sections}
    home = by_title[TITLES["home"]]["image"]
    alpha = by_title[TITLES["alpha"]]["image"]
    portrait = by_title[TITLES["portrait"]]["image"]
    assert home.width() > home.height() and portrait.height() > portrait.width()
    assert hot(at(home, HOME_TAP)) and not hot(at(home, ALPHA_TAP))
    assert hot(at(alpha, ALPHA_TAP)) and not hot(at(alpha, HOME_TAP))
    assert hot(at(portrait, PORTRAIT_TAP)) and not hot(at(portrait, (0.5, 0.2)))
    # over the screenshot, not a plain background: the picture has the screen's many colours
    colours = {
        home.pixel(x, y) for x in range(0, home.width(), 8) for y in range(0, home.height(), 8)
    }
    assert len(colours) > 50
    assert "Plain background" not in by_title[TITLES["home"]]["caption"]


def test_a_heatmap_is_hot_at_the_taps_and_untouched_far_from_them(qapp):
    background = QImage(1920, 1080, QImage.Format.Format_RGB32)
    background.fill(QColor("#3a5a80"))
    taps = [(0.3, 0.6)] * 20 + [(0.31, 0.61)] * 5
    picture = heatmap(taps, "landscape", background)
    bare = heatmap([], "landscape", background)
    assert hot(at(picture, (0.3, 0.6)))
    assert not hot(at(bare, (0.3, 0.6)))
    for far in ((0.8, 0.2), (0.05, 0.05), (0.9, 0.9)):
        assert at(picture, far) == at(bare, far)
    one = heatmap([(0.7, 0.3)], "portrait", None, "no screenshot")  # a single tap shows too
    assert one.height() > one.width()
    assert at(one, (0.7, 0.3)) != heatmap([], "portrait", None, "no screenshot").pixelColor(
        int(0.7 * one.width()), int(0.3 * one.height())
    )


def test_the_pdf_has_a_page_per_chart_with_its_title_and_figures(reports):
    written, pdf, _page, _ = reports
    pages = pdf_pages(pdf)
    assert len(pages) == len(TITLES)
    texts = [squash(" ".join(runs)) for runs in pages]
    for text, title in zip(texts, TITLES.values(), strict=True):
        assert squash(title) in text
        assert squash("Kiosk usage report, from the start: 28 sessions") in text
    hours, weekdays, panels, languages, opens, home, portrait, alpha = pages
    assert "10:00" in hours and hours[hours.index("10:00") + 1] == str(written["hours"][10])
    assert weekdays[weekdays.index("Sun") + 1] == "7"
    assert squash("alpha 标题 / Alpha") in squash("".join(panels))
    assert "28" in panels and "12.0" in panels and "30.0" in panels
    zh = written["langs"]["zh"]
    assert languages[languages.index("zh") + 1 : languages.index("zh") + 3] == [
        str(zh),
        f"{zh / 28:.1%}",
    ]
    assert "gallery" in opens and str(written["opens"]["gallery_open"]) in opens
    assert home[home.index("all") + 1] == "28" and portrait[portrait.index("all") + 1] == "7"
    assert squash("28 taps in landscape") in squash(" ".join(alpha))
    # the charts are pictures in the file: one image a page at least
    assert pdf.read_bytes().count(b"/Subtype /Image") >= len(TITLES)


def test_without_content_the_heatmaps_say_so_on_a_plain_background(reports, capsys):
    _written, _pdf, _page, folder = reports
    broken = folder / "broken"
    broken.mkdir()
    (broken / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    out = folder / "plain.html"
    assert (
        stats_command(None, None, db=folder / "analytics.sqlite3", report=out, content=broken) == 0
    )
    assert "Heatmaps on a plain background" in capsys.readouterr().out
    parser = Sections()
    parser.feed(out.read_text(encoding="utf-8"))
    home = next(s for s in parser.sections if s["title"] == "Taps on home screen (landscape)")
    assert "Plain background: the content in" in home["caption"]
    assert "cannot be loaded" in home["caption"]
    assert hot(at(home["image"], HOME_TAP))
    assert at(home["image"], (0.9, 0.1)) == QColor("#e4e8ee")  # plain, not a screenshot


def test_a_report_needs_a_pdf_or_html_name_and_plain_stats_load_no_qt(reports, tmp_path, capsys):
    _written, _pdf, _page, folder = reports
    db = folder / "analytics.sqlite3"
    assert stats_command(None, None, db=db, report=tmp_path / "usage.docx") == 2
    assert ".pdf or .html" in capsys.readouterr().err
    assert not (tmp_path / "usage.docx").exists()
    csv = tmp_path / "u.csv"
    code = (
        "import sys; from pathlib import Path; from kiosk.commands.stats import stats_command; "
        f"assert stats_command(None, Path({str(csv)!r}), db=Path({str(db)!r})) == 0; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "taps,home/landscape,28" in csv.read_text(encoding="utf-8")


def test_where_a_finger_tapped_the_kiosk_is_hot_in_its_report(kiosk, tmp_path):
    """End to end: real taps on the built kiosk, its own analytics file, the report of it."""
    running = kiosk(content=SMALL, site={"idle": NO_IDLE})
    window = running.window
    title = window.home.findChildren(QLabel)[0]  # the site's title: a tap on no button
    for _ in range(6):
        touch_tap(title)
    centre = title.mapTo(window, title.rect().center())
    fraction = (centre.x() / window.width(), centre.y() / window.height())
    running.controller.analytics.end_session()  # the visit ends: its taps are written
    page = tmp_path / "usage.html"
    db = running.data_dir / "analytics.sqlite3"
    assert stats_command(None, None, db=db, report=page, content=running.content_dir) == 0
    parser = Sections()
    parser.feed(page.read_text(encoding="utf-8"))
    home = next(s for s in parser.sections if s["title"] == TITLES["home"])
    assert dict((r[0], r[1]) for r in home["rows"][1:])["all"] == "6"
    assert hot(at(home["image"], fraction))
    assert not hot(at(home["image"], (1 - fraction[0], 1 - fraction[1])))
