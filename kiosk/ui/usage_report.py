"""Usage as pictures (`kiosk stats --report FILE.pdf|FILE.html`): charts, tap heatmaps and
the tables of numbers beside them, drawn with Qt's own painting.

Charts and heatmaps are QImages painted with QPainter; a PDF page (QPdfWriter) or an HTML
section shows each one beside its table. The PDF's pages are painted by the same code that
`page_images` uses, so what a test or an operator looks at as PNG is what the PDF holds.
Text uses the bundled fonts (`ensure_application` registers them), so Chinese panel titles
render here as they do on the kiosk.

The command (kiosk/commands/stats.py) reads the figures and renders the screenshots; this
module only draws what it is given (`ReportData`).
"""

from __future__ import annotations

import base64
import html
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from kiosk.services.analytics import HOME, LANDSCAPE, PORTRAIT, WEEKDAYS, Stats
from kiosk.ui import theme

REPORT_TITLE = "Kiosk usage report"
CHART_SIZE = QSize(1200, 760)
HEATMAP_LONG_SIDE = 960  # px of a heatmap's longer side
PAGE_W, PAGE_H = 1600.0, 1131.0  # a landscape A4 page, in the units the pages are painted in
MARGIN = 60.0
INK = QColor("#1d2430")
MUTED = QColor("#5b6575")
GRID = QColor("#d9dee6")
ACCENT = QColor("#1f6feb")
SLICES = ("#1f6feb", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599")
PLAIN = QColor("#e4e8ee")  # a heatmap's background when there is no screenshot

Points = list[tuple[float, float]]


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


@dataclass
class Section:
    key: str  # an id for the HTML anchor and the image's file-like name
    title: str
    caption: str
    chart: QImage
    table: Table


@dataclass
class ReportData:
    """What the report is drawn from; the command fills it."""

    stats: Stats
    period: str  # e.g. "since 2025-05-05" or "from the start"
    taps: dict[tuple[str, str], Points] = field(default_factory=dict)  # (screen, layout)
    backgrounds: dict[tuple[str, str], QImage] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # panel id -> "产业 / Industry"
    background_note: str | None = None  # why heatmaps have a plain background, if they do


# ---- drawing helpers ------------------------------------------------------------------------


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(theme.FONT_FAMILIES)
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def _canvas(size: QSize, fill: QColor | Qt.GlobalColor = Qt.GlobalColor.white) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(fill)
    return image


def _painter(device) -> QPainter:
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    return painter


def _nice_step(top: float, lines: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `lines` grid lines."""
    if top <= 0:
        return 1.0
    raw = top / lines
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1.0, factor * power) if top >= lines else factor * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _empty(painter: QPainter, rect: QRectF, text: str) -> None:
    painter.setPen(MUTED)
    painter.setFont(_font(30))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


# ---- charts ---------------------------------------------------------------------------------


def column_chart(
    labels: Sequence[str], values: Sequence[float], unit: str, empty: str = "No data"
) -> QImage:
    """Vertical bars, one per label, each with its value on top; a grid with round steps."""
    image = _canvas(CHART_SIZE)
    painter = _painter(image)
    try:
        width, height = CHART_SIZE.width(), CHART_SIZE.height()
        plot = QRectF(90, 40, width - 120, height - 130)
        if not values or max(values) <= 0:
            _empty(painter, plot, empty)
            return image
        step = _nice_step(max(values))
        top = step * math.ceil(max(values) / step)
        painter.setFont(_font(22))
        lines = round(top / step)
        for i in range(lines + 1):
            y = plot.bottom() - plot.height() * i / lines
            painter.setPen(GRID)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y - 15, plot.left() - 12, 30),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _number(step * i),
            )
        slot = plot.width() / len(values)
        bar = slot * 0.72
        label_font = _font(22 if len(values) <= 12 else 19)
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            x = plot.left() + slot * i + (slot - bar) / 2
            h = plot.height() * value / top
            painter.fillRect(QRectF(x, plot.bottom() - h, bar, h), ACCENT)
            painter.setFont(label_font)
            painter.setPen(INK)
            painter.drawText(
                QRectF(x - 10, plot.bottom() + 8, bar + 20, 34),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
            if value > 0:
                painter.drawText(
                    QRectF(x - 20, plot.bottom() - h - 32, bar + 40, 30),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    _number(value),
                )
        painter.setPen(MUTED)
        painter.setFont(_font(22))
        painter.drawText(QRectF(0, height - 44, width, 40), Qt.AlignmentFlag.AlignHCenter, unit)
    finally:
        painter.end()
    return image


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    notes: Sequence[str] | None = None,
    empty: str = "No data",
) -> QImage:
    """Horizontal bars, largest first as given, each label on its left and its value (and
    `notes`, e.g. a median dwell) at its end."""
    image = _canvas(CHART_SIZE)
    painter = _painter(image)
    try:
        width, height = CHART_SIZE.width(), CHART_SIZE.height()
        if not values or max(values) <= 0:
            _empty(painter, QRectF(0, 0, width, height), empty)
            return image
        count = len(values)
        row = min(90.0, (height - 40) / count)
        font = _font(min(28, row * 0.45))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        label_w = min(width * 0.36, max(metrics.horizontalAdvance(t) for t in labels) + 16)
        ends = [_number(v) + (f" {notes[i]}" if notes else "") for i, v in enumerate(values)]
        end_w = max(metrics.horizontalAdvance(t) for t in ends) + 30
        plot_w = width - label_w - end_w - 30
        top_value = max(values)
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            y = 20 + row * i
            painter.setPen(INK)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 16)
            painter.drawText(
                QRectF(10, y, label_w - 16, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            w = plot_w * value / top_value
            painter.fillRect(QRectF(label_w + 10, y + row * 0.18, w, row * 0.64), ACCENT)
            painter.drawText(
                QRectF(label_w + 20 + w, y, end_w + plot_w - w, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ends[i],
            )
    finally:
        painter.end()
    return image


def pie_chart(labels: Sequence[str], values: Sequence[float], empty: str = "No data") -> QImage:
    """A pie with a legend: label, share."""
    image = _canvas(CHART_SIZE)
    painter = _painter(image)
    try:
        width, height = CHART_SIZE.width(), CHART_SIZE.height()
        total = sum(values)
        if total <= 0:
            _empty(painter, QRectF(0, 0, width, height), empty)
            return image
        side = height - 80
        pie = QRectF(40, 40, side, side)
        angle = 90 * 16
        painter.setFont(_font(30))
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            colour = QColor(SLICES[i % len(SLICES)])
            span = round(360 * 16 * value / total)
            painter.setPen(QColor("white"))
            painter.setBrush(colour)
            painter.drawPie(pie, angle, -span)
            angle -= span
            y = 80 + i * 64
            painter.fillRect(QRectF(side + 100, y, 40, 40), colour)
            painter.setPen(INK)
            painter.drawText(
                QRectF(side + 156, y - 4, width - side - 160, 48),
                Qt.AlignmentFlag.AlignVCenter,
                f"{label}  {value / total:.0%}",
            )
    finally:
        painter.end()
    return image


# ---- heatmap --------------------------------------------------------------------------------


def _ramp(t: float) -> QColor:
    """Blue (few taps) through green and yellow to red (the most)."""
    stops = (
        (0.0, (40, 90, 255)),
        (0.35, (0, 200, 140)),
        (0.6, (255, 230, 0)),
        (1.0, (230, 20, 20)),
    )
    for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            red, green, blue = (round(u + (v - u) * f) for u, v in zip(c0, c1, strict=True))
            return QColor(red, green, blue)
    return QColor(*stops[-1][1])


def _palette() -> list[int]:
    """Density 0..255 to a colour: transparent where no tap was, more opaque where more were."""
    table = []
    for v in range(256):
        colour = _ramp(v / 255)
        colour.setAlpha(round(min(1.0, v / 64) * 215))  # fades in: no hard edge
        table.append(colour.rgba())
    return table


_PALETTE = _palette()


def heatmap_size(layout: str, background: QImage | None = None) -> QSize:
    if background is not None and not background.isNull():
        return background.size().scaled(
            QSize(HEATMAP_LONG_SIDE, HEATMAP_LONG_SIDE), Qt.AspectRatioMode.KeepAspectRatio
        )
    short = HEATMAP_LONG_SIDE * 9 // 16
    if layout == PORTRAIT:
        return QSize(short, HEATMAP_LONG_SIDE)
    return QSize(HEATMAP_LONG_SIDE, short)


def heatmap(
    points: Points, layout: str, background: QImage | None = None, note: str = ""
) -> QImage:
    """The taps (x, y fractions) as heat over `background` (the screen's screenshot), or over
    a plain background saying `note` when there is none. Red is where most taps were."""
    size = heatmap_size(layout, background)
    width, height = size.width(), size.height()
    image = _canvas(size, PLAIN)
    painter = _painter(image)
    try:
        if background is not None and not background.isNull():
            painter.drawImage(QRectF(0, 0, width, height), background)
            painter.fillRect(QRectF(0, 0, width, height), QColor(15, 20, 30, 120))  # a veil
        else:
            painter.setPen(QColor("#9aa3b0"))
            painter.setFont(_font(26))
            painter.drawText(
                QRectF(40, 40, width - 80, height - 80),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                note or "no screenshot of this screen",
            )
        if points:
            painter.drawImage(0, 0, _heat(points, width, height))
    finally:
        painter.end()
    return image


HEAT_COLUMNS = 120  # the density is counted on a grid this many cells wide
HEAT_SIGMA = 1.8  # cells: how far one tap's warmth spreads (about 3% of the width)


def _heat(points: Points, width: int, height: int) -> QImage:
    """Density of the taps: counted on a coarse grid, blurred (a Gaussian, in two passes over
    the cells that have any), scaled smoothly to the picture and coloured by the palette. The
    hottest place is red whatever the number of taps; the square root shows a rare tap too."""
    cols = HEAT_COLUMNS
    rows = max(1, round(height * cols / width))
    counts = Counter(
        (min(rows - 1, max(0, int(y * rows))), min(cols - 1, max(0, int(x * cols))))
        for x, y in points
    )
    reach = math.ceil(3 * HEAT_SIGMA)
    kernel = [math.exp(-(d * d) / (2 * HEAT_SIGMA**2)) for d in range(-reach, reach + 1)]
    across: dict[tuple[int, int], float] = {}
    for (r, c), n in counts.items():
        for d, k in enumerate(kernel, -reach):
            if 0 <= c + d < cols:
                across[(r, c + d)] = across.get((r, c + d), 0.0) + n * k
    density = [0.0] * (rows * cols)
    for (r, c), v in across.items():
        for d, k in enumerate(kernel, -reach):
            if 0 <= r + d < rows:
                density[(r + d) * cols + c] += v * k
    peak = max(density) or 1.0
    alpha = bytes(round(255 * math.sqrt(v / peak)) for v in density)
    pixels = bytearray(4 * rows * cols)  # premultiplied white: B, G, R and A are the density
    for channel in range(4):
        pixels[channel::4] = alpha
    coarse = QImage(pixels, cols, rows, cols * 4, QImage.Format.Format_ARGB32_Premultiplied)
    smooth = coarse.scaled(
        width,
        height,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    ).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    line = smooth.bytesPerLine()
    raw = bytes(smooth.constBits())
    values = b"".join(raw[y * line : y * line + width * 4][3::4] for y in range(height))
    heat = QImage(values, width, height, width, QImage.Format.Format_Indexed8)
    heat.setColorTable(_PALETTE)
    return heat.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


REGIONS = ("top", "middle", "bottom")
COLUMNS = ("left", "centre", "right")


def regions(points: Points) -> list[tuple[str, int]]:
    """Taps per ninth of the screen: ("top left", n), ... ("bottom right", n)."""
    counts = Counter((min(2, int(y * 3)), min(2, int(x * 3))) for x, y in points)
    return [(f"{REGIONS[r]} {COLUMNS[c]}", counts[(r, c)]) for r in range(3) for c in range(3)]


# ---- the sections ---------------------------------------------------------------------------


def _label(data: ReportData, screen: str) -> str:
    if screen == HOME:
        return "home screen"
    return data.titles.get(screen, screen)


def build_sections(data: ReportData) -> list[Section]:
    """Every chart of the report, each with the table of its numbers, in report order."""
    stats = data.stats
    sections = []

    by_hour = dict(stats.sessions_per_hour)
    hours = [by_hour.get(h, 0) for h in range(24)]
    sections.append(
        Section(
            "hours",
            "Sessions by hour of day",
            f"When visits start, {data.period}: {stats.sessions} sessions in all.",
            column_chart([f"{h:02d}" for h in range(24)], hours, "hour of day", "No sessions"),
            Table(("Hour", "Sessions"), [(f"{h:02d}:00", str(n)) for h, n in enumerate(hours)]),
        )
    )

    by_day = dict(stats.sessions_per_weekday)
    days = [by_day.get(d, 0) for d in range(7)]
    sections.append(
        Section(
            "weekdays",
            "Sessions by weekday",
            f"Visits started on each day of the week, {data.period}.",
            column_chart(list(WEEKDAYS), days, "weekday", "No sessions"),
            Table(("Weekday", "Sessions"), [(WEEKDAYS[d], str(n)) for d, n in enumerate(days)]),
        )
    )

    panels = stats.top_panels
    overall = (
        f" Median dwell over all panel views: {stats.median_dwell:.1f} s."
        if stats.median_dwell is not None
        else ""
    )
    sections.append(
        Section(
            "panels",
            "Panel popularity and median dwell time",
            "How often each panel was opened, and how long a visitor stayed on it: the dwell is "
            f"the median of its views, in seconds.{overall}",
            bar_chart(
                [data.titles.get(p, p) for p, _, _ in panels],
                [n for _, n, _ in panels],
                [f"views, median {m:.0f} s" for _, _, m in panels],
                "No panel was opened",
            ),
            Table(
                ("Panel", "Title", "Views", "Dwell (s)"),
                [(p, data.titles.get(p, ""), str(n), f"{m:.1f}") for p, n, m in panels],
            ),
        )
    )

    langs = stats.languages
    sections.append(
        Section(
            "languages",
            "Language share",
            "The language each session ended in (a visitor who switched counts once, in the "
            "language switched to).",
            pie_chart([lang for lang, _ in langs], [n for _, n in langs], "No sessions"),
            Table(
                ("Language", "Sessions", "Share"),
                [(lang, str(n), f"{n / max(1, stats.sessions):.1%}") for lang, n in langs],
            ),
        )
    )

    opens = [(k, t, n) for k, t, n in stats.events_by_target]
    names = {"gallery_open": "gallery", "hotspot_open": "hotspot"}
    sections.append(
        Section(
            "opens",
            "Gallery and hotspot opens",
            "Photos opened full screen and map hotspots opened, by panel.",
            bar_chart(
                [f"{names.get(k, k)} · {data.titles.get(t, t) or '—'}" for k, t, _ in opens],
                [n for _, _, n in opens],
                empty="No gallery or hotspot was opened",
            ),
            Table(
                ("Opened", "Panel", "Times"),
                [(names.get(k, k), t, str(n)) for k, t, n in opens],
            ),
        )
    )

    def order(key: tuple[str, str]) -> tuple:
        screen, layout = key
        return (screen != HOME, -len(data.taps[key]), screen, layout != LANDSCAPE)

    for key in sorted(data.taps, key=order):
        screen, layout = key
        points = data.taps[key]
        background = data.backgrounds.get(key)
        note = "" if background is not None else (data.background_note or "no screenshot")
        caption = (
            f"{len(points)} taps in {layout}, where the finger lifted; red is where most were. "
            "The positions are on the glass: on a panel a visitor who had scrolled down saw "
            "other content there."
        )
        if background is None:
            caption += f" Plain background: {note}."
        total = max(1, len(points))
        sections.append(
            Section(
                f"taps-{screen}-{layout}",
                f"Taps on {_label(data, screen)} ({layout})",
                caption,
                heatmap(points, layout, background, note),
                Table(
                    ("Part of the screen", "Taps", "Share"),
                    [(name, str(n), f"{n / total:.0%}") for name, n in regions(points)]
                    + [("all", str(len(points)), "100%")],
                ),
            )
        )
    if not data.taps:
        sections.append(
            Section(
                "taps",
                "Taps",
                "No taps were recorded in this period.",
                heatmap([], LANDSCAPE, None, "no taps recorded"),
                Table(("Part of the screen", "Taps", "Share"), []),
            )
        )
    return sections


# ---- pages (PDF, PNG) -----------------------------------------------------------------------


def _numeric(text: str) -> bool:
    try:
        float(text.rstrip("%"))
    except ValueError:
        return False
    return True


def _paint_table(painter: QPainter, rect: QRectF, table: Table) -> None:
    font, bold = _font(19), _font(19, bold=True)
    row_h = 32.0
    metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
    columns = len(table.headers)
    widths = [
        max(
            [bold_metrics.horizontalAdvance(table.headers[c])]
            + [metrics.horizontalAdvance(r[c]) for r in table.rows]
        )
        + 18
        for c in range(columns)
    ]
    # Too wide: the widest column gives up the room (its texts are elided), the others keep
    # theirs, so numbers and ids stay whole.
    excess = sum(widths) - rect.width()
    if excess > 0:
        widest = max(range(columns), key=lambda c: widths[c])
        widths[widest] = max(60.0, widths[widest] - excess)
    right = [bool(table.rows) and all(_numeric(r[c]) for r in table.rows) for c in range(columns)]
    fits = int((rect.height() - row_h) // row_h)
    rows = list(table.rows)
    if len(rows) > fits:
        hidden = len(rows) - fits + 1
        rows = rows[: fits - 1] + [(f"… {hidden} more rows",) + ("",) * (columns - 1)]

    def line(y: float, cells: Sequence[str], header: bool) -> None:
        painter.setFont(bold if header else font)
        painter.setPen(INK)
        x = rect.left()
        for c, text in enumerate(cells):
            box = QRectF(x + 6, y, widths[c] - 12, row_h)
            align = Qt.AlignmentFlag.AlignRight if right[c] else Qt.AlignmentFlag.AlignLeft
            shown = (bold_metrics if header else metrics).elidedText(
                text, Qt.TextElideMode.ElideRight, box.width()
            )
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, shown)
            x += widths[c]

    line(rect.top(), table.headers, True)
    painter.setPen(INK)
    painter.drawLine(
        QPointF(rect.left(), rect.top() + row_h),
        QPointF(rect.left() + sum(widths), rect.top() + row_h),
    )
    for i, cells in enumerate(rows):
        y = rect.top() + row_h * (i + 1)
        if i % 2:
            painter.fillRect(QRectF(rect.left(), y, sum(widths), row_h), QColor("#f2f4f7"))
        line(y, cells, False)
    if not rows:
        painter.setFont(font)
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left() + 6, rect.top() + row_h, rect.width(), row_h), "none")


def paint_page(painter: QPainter, section: Section, header: str, number: int, pages: int) -> None:
    """One page (PAGE_W x PAGE_H units): a header line, the section's title and caption, its
    chart on the left and its table on the right."""
    painter.fillRect(QRectF(0, 0, PAGE_W, PAGE_H), QColor("white"))
    painter.setPen(MUTED)
    painter.setFont(_font(18))
    painter.drawText(QRectF(MARGIN, 24, PAGE_W - 2 * MARGIN, 30), header)
    painter.drawText(
        QRectF(MARGIN, 24, PAGE_W - 2 * MARGIN, 30),
        Qt.AlignmentFlag.AlignRight,
        f"page {number} of {pages}",
    )
    painter.setPen(INK)
    painter.setFont(_font(40, bold=True))
    painter.drawText(QRectF(MARGIN, 64, PAGE_W - 2 * MARGIN, 56), section.title)
    painter.setFont(_font(21))
    painter.setPen(MUTED)
    caption_box = QRectF(MARGIN, 128, PAGE_W - 2 * MARGIN, 120)
    used = painter.boundingRect(caption_box, Qt.TextFlag.TextWordWrap, section.caption)
    painter.drawText(caption_box, Qt.TextFlag.TextWordWrap, section.caption)
    top = used.bottom() + 28
    chart_box = QRectF(MARGIN, top, 920, PAGE_H - top - MARGIN)
    size = QSize(section.chart.size()).scaled(
        chart_box.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
    )
    target = QRectF(chart_box.left(), chart_box.top(), size.width(), size.height())
    painter.drawImage(target, section.chart)
    painter.setPen(GRID)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)
    table_left = target.right() + 40
    _paint_table(
        painter,
        QRectF(table_left, top, PAGE_W - MARGIN - table_left, chart_box.height()),
        section.table,
    )


def header_line(data: ReportData) -> str:
    return f"{REPORT_TITLE}, {data.period}: {data.stats.sessions} sessions"


def page_images(data: ReportData, width: int = 1600) -> list[QImage]:
    """The PDF's pages as images, painted by the same code (to look at, and for tests)."""
    from kiosk.ui.application import ensure_application

    ensure_application()
    sections = build_sections(data)
    scale = width / PAGE_W
    pages = []
    for number, section in enumerate(sections, 1):
        image = _canvas(QSize(width, round(PAGE_H * scale)))
        painter = _painter(image)
        try:
            painter.scale(scale, scale)
            paint_page(painter, section, header_line(data), number, len(sections))
        finally:
            painter.end()
        pages.append(image)
    return pages


def write_pdf(path: Path, data: ReportData) -> int:
    """The report as a landscape A4 PDF, a page per chart; returns the number of pages."""
    from kiosk.ui.application import ensure_application

    ensure_application()
    sections = build_sections(data)
    writer = QPdfWriter(str(path))
    writer.setTitle(REPORT_TITLE)
    writer.setCreator("kiosk stats --report")
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = _painter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {path}")
    try:
        scale = min(writer.width() / PAGE_W, writer.height() / PAGE_H)
        for number, section in enumerate(sections, 1):
            if number > 1:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            paint_page(painter, section, header_line(data), number, len(sections))
            painter.restore()
    finally:
        painter.end()
    return len(sections)


# ---- HTML -----------------------------------------------------------------------------------


def png_base64(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes, PySide takes only str here.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return base64.b64encode(bytes(data.data())).decode("ascii")


_STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans CJK SC", sans-serif; color: #1d2430;
       margin: 2em auto; max-width: 1500px; padding: 0 1em; }
h1 { margin-bottom: .2em; } .period { color: #5b6575; margin-top: 0; }
section { margin: 2.5em 0; border-top: 1px solid #d9dee6; padding-top: 1em; }
.caption { color: #5b6575; max-width: 70em; }
.pair { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
.pair img { max-width: 100%; height: auto; border: 1px solid #d9dee6; }
table { border-collapse: collapse; } th, td { padding: .3em .8em; text-align: left; }
th { border-bottom: 2px solid #1d2430; } tr:nth-child(even) td { background: #f2f4f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _html_table(table: Table) -> str:
    right = [
        bool(table.rows) and all(_numeric(r[c]) for r in table.rows)
        for c in range(len(table.headers))
    ]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{html.escape(c)}</td>' if right[i] else f"<td>{html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_html(path: Path, data: ReportData) -> int:
    """The report as one self-contained HTML file (charts as PNG data); returns the charts."""
    from kiosk.ui.application import ensure_application

    ensure_application()
    sections = build_sections(data)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(REPORT_TITLE)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(REPORT_TITLE)}</h1>",
        f'<p class="period">{html.escape(header_line(data))}</p>',
    ]
    for section in sections:
        chart = section.chart
        parts.append(
            f'<section id="{html.escape(section.key)}"><h2>{html.escape(section.title)}</h2>'
            f'<p class="caption">{html.escape(section.caption)}</p><div class="pair">'
            f'<img alt="{html.escape(section.title)}" width="{chart.width()}" '
            f'height="{chart.height()}" src="data:image/png;base64,{png_base64(chart)}">'
            f"{_html_table(section.table)}</div></section>"
        )
    parts.append("</body></html>\n")
    Path(path).write_text("\n".join(parts), encoding="utf-8")
    return len(sections)


def write_report(path: Path, data: ReportData) -> int:
    """A PDF or an HTML file, by the name's ending; returns the number of charts."""
    if Path(path).suffix.lower() == ".pdf":
        return write_pdf(path, data)
    return write_html(path, data)
