"""Draw the sample content's illustration placeholders into content/images/.

Every picture is drawn with QPainter (gradients, silhouettes, patterns) and carries no text, so
it suits both languages. Each one is seeded, so a rerun gives the same pixels. The content
captions call them illustrations to be replaced by the operator's own photographs.

    .venv/bin/python scripts/make_sample_images.py [--out content/images]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
)

NAVY = "#07162b"
DEEP = "#0b2447"
ACCENTS = {
    "industry": "#2f7de1",
    "livability": "#1f9d6b",
    "business": "#d98a1c",
    "talent": "#8b5cf6",
}


def color(hex_code: str, alpha: float = 1.0) -> QColor:
    result = QColor(hex_code)
    result.setAlphaF(alpha)
    return result


def mix(a: str, b: str, t: float) -> str:
    """Blend two hex colours; t=0 gives a, t=1 gives b."""
    ca, cb = QColor(a), QColor(b)
    channels = (
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    )
    return "#{:02x}{:02x}{:02x}".format(*channels)


# ---- drawing helpers -------------------------------------------------------------------------


def vertical_gradient(p: QPainter, rect: QRectF, stops: list[tuple[float, str]]) -> None:
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    for at, hex_code in stops:
        gradient.setColorAt(at, QColor(hex_code))
    p.fillRect(rect, gradient)


def water(p: QPainter, rect: QRectF, top: str, bottom: str) -> None:
    """A lake: an ellipse shaded from `top` to `bottom`."""
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0, QColor(top))
    gradient.setColorAt(1, QColor(bottom))
    p.setPen(Qt.NoPen)
    p.setBrush(gradient)
    p.drawEllipse(rect)


def glow(p: QPainter, x: float, y: float, radius: float, hex_code: str, alpha: float) -> None:
    gradient = QRadialGradient(QPointF(x, y), radius)
    gradient.setColorAt(0, color(hex_code, alpha))
    gradient.setColorAt(0.45, color(hex_code, alpha * 0.35))
    gradient.setColorAt(1, color(hex_code, 0))
    p.setPen(Qt.NoPen)
    p.setBrush(gradient)
    p.drawEllipse(QPointF(x, y), radius, radius)


def dot_grid(p: QPainter, w: int, h: int, step: int, hex_code: str, alpha: float) -> None:
    p.setPen(Qt.NoPen)
    p.setBrush(color(hex_code, alpha))
    for y in range(step // 2, h, step):
        for x in range(step // 2, w, step):
            p.drawEllipse(QPointF(x, y), 1.4, 1.4)


def hills(p: QPainter, w: int, base: float, amp: float, waves: float, phase: float, fill) -> None:
    path = QPainterPath(QPointF(0, base))
    for x in range(0, w + 20, 20):
        y = base - amp * (
            0.6 * math.sin(x / w * waves * math.tau + phase)
            + 0.4 * math.sin(x / w * waves * 2.3 * math.tau + phase * 1.7)
        )
        path.lineTo(x, y)
    path.lineTo(w, 10_000)
    path.lineTo(0, 10_000)
    path.closeSubpath()
    p.setPen(Qt.NoPen)
    p.setBrush(fill)
    p.drawPath(path)


def towers(
    p: QPainter,
    rng: random.Random,
    w: int,
    ground: float,
    heights: tuple[float, float],
    widths: tuple[float, float],
    body: str,
    window: str | None = None,
    window_alpha: float = 0.0,
) -> None:
    """A row of office towers from left to right, some stepped, some with masts."""
    x = -rng.uniform(0, widths[1])
    while x < w:
        bw = rng.uniform(*widths)
        bh = rng.uniform(*heights)
        top = ground - bh
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(body))
        p.drawRect(QRectF(x, top, bw, bh + 2))
        if rng.random() < 0.35:  # stepped crown
            inset = bw * 0.18
            p.drawRect(QRectF(x + inset, top - bh * 0.08, bw - 2 * inset, bh * 0.08 + 1))
        if rng.random() < 0.2:  # mast
            p.drawRect(QRectF(x + bw / 2 - 1.5, top - bh * 0.18, 3, bh * 0.18))
        if window and window_alpha > 0:
            lit = color(window, window_alpha)
            step_x, step_y = 14.0, 18.0
            for wy in range(int(top + 12), int(ground - 10), int(step_y)):
                for wx in range(int(x + 8), int(x + bw - 10), int(step_x)):
                    if rng.random() < 0.42:
                        p.fillRect(QRectF(wx, wy, 6, 8), lit)
        x += bw + rng.uniform(2, 16)


def factories(p: QPainter, rng: random.Random, w: int, ground: float, scale: float, body: str):
    """Low halls with saw-tooth roofs and slim stacks: the silhouette of modern plants."""
    x = -rng.uniform(0, 120) * scale
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(body))
    while x < w:
        hall_w = rng.uniform(220, 420) * scale
        hall_h = rng.uniform(60, 110) * scale
        top = ground - hall_h
        path = QPainterPath(QPointF(x, ground + 2))
        path.lineTo(x, top)
        teeth = rng.randint(3, 6)
        tooth = hall_w / teeth
        for i in range(teeth):
            path.lineTo(x + i * tooth + tooth * 0.8, top - 26 * scale)
            path.lineTo(x + i * tooth + tooth * 0.8, top)
            path.lineTo(x + (i + 1) * tooth, top)
        path.lineTo(x + hall_w, ground + 2)
        path.closeSubpath()
        p.drawPath(path)
        if rng.random() < 0.6:
            sx = x + rng.uniform(0.1, 0.9) * hall_w
            p.drawRect(QRectF(sx, top - 120 * scale, 12 * scale, 120 * scale))
        x += hall_w + rng.uniform(30, 90) * scale


def trees(
    p: QPainter, rng: random.Random, x0: float, x1: float, ground: float, size: float, hex_code
):
    p.setPen(Qt.NoPen)
    x = x0
    while x < x1:
        s = size * rng.uniform(0.7, 1.3)
        p.setBrush(QColor(hex_code))
        p.drawRect(QRectF(x - s * 0.06, ground - s * 0.9, s * 0.12, s * 0.9))
        if rng.random() < 0.5:
            p.drawEllipse(QPointF(x, ground - s * 1.05), s * 0.42, s * 0.5)
        else:
            cone = QPainterPath(QPointF(x, ground - s * 1.8))
            cone.lineTo(x + s * 0.38, ground - s * 0.55)
            cone.lineTo(x - s * 0.38, ground - s * 0.55)
            cone.closeSubpath()
            p.drawPath(cone)
        x += s * rng.uniform(0.55, 1.1)


def network(
    p: QPainter,
    rng: random.Random,
    area: QRectF,
    count: int,
    reach: float,
    hex_code: str,
    alpha: float,
) -> list[QPointF]:
    points = [
        QPointF(rng.uniform(area.left(), area.right()), rng.uniform(area.top(), area.bottom()))
        for _ in range(count)
    ]
    p.setBrush(Qt.NoBrush)
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            d = math.hypot(a.x() - b.x(), a.y() - b.y())
            if d < reach:
                p.setPen(QPen(color(hex_code, alpha * (1 - d / reach)), 1.6))
                p.drawLine(a, b)
    p.setPen(Qt.NoPen)
    for pt in points:
        r = rng.uniform(2.5, 6)
        glow(p, pt.x(), pt.y(), r * 5, hex_code, alpha * 0.5)
        p.setBrush(color("#ffffff", min(1.0, alpha + 0.2)))
        p.drawEllipse(pt, r, r)
    return points


def light_trails(p: QPainter, rng: random.Random, w: int, y: float, hex_codes: list[str]):
    """Long soft streaks, the way moving traffic looks in a long exposure."""
    for i in range(14):
        yy = y + i * 5 + rng.uniform(-2, 2)
        x0 = rng.uniform(-200, w * 0.3)
        length = rng.uniform(w * 0.3, w * 0.9)
        gradient = QLinearGradient(QPointF(x0, yy), QPointF(x0 + length, yy))
        hex_code = hex_codes[i % len(hex_codes)]
        gradient.setColorAt(0, color(hex_code, 0))
        gradient.setColorAt(0.5, color(hex_code, 0.75))
        gradient.setColorAt(1, color(hex_code, 0))
        p.setPen(QPen(QBrush(gradient), rng.uniform(1.5, 3.5), Qt.SolidLine, Qt.RoundCap))
        p.drawLine(QPointF(x0, yy), QPointF(x0 + length, yy))


def shade_for_text(p: QPainter, w: int, h: int, strength: float = 0.75) -> None:
    """Darken the left and bottom so a title laid over the picture stays readable."""
    left = QLinearGradient(0, 0, w * 0.65, 0)
    left.setColorAt(0, color(NAVY, strength))
    left.setColorAt(1, color(NAVY, 0))
    p.fillRect(QRectF(0, 0, w, h), left)
    bottom = QLinearGradient(0, h * 0.55, 0, h)
    bottom.setColorAt(0, color(NAVY, 0))
    bottom.setColorAt(1, color(NAVY, strength * 0.8))
    p.fillRect(QRectF(0, 0, w, h), bottom)


# ---- the pictures ----------------------------------------------------------------------------


def hero_industry(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    accent = ACCENTS["industry"]
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, NAVY), (0.6, "#10396e"), (1, "#1c5aa6")])
    glow(p, w * 0.72, h * 0.62, h * 0.9, "#5fb0ff", 0.55)
    dot_grid(p, w, h, 28, "#9cc8ff", 0.10)
    network(p, rng, QRectF(w * 0.35, h * 0.06, w * 0.62, h * 0.38), 26, 230, "#8fd0ff", 0.55)
    towers(p, rng, w, h * 0.78, (h * 0.18, h * 0.42), (50, 110), mix(DEEP, accent, 0.35))
    factories(p, rng, w, h * 0.86, 1.0, mix(NAVY, accent, 0.22))
    p.fillRect(QRectF(0, h * 0.86, w, h * 0.14), QColor(NAVY))
    light_trails(p, rng, w, h * 0.885, ["#7cc4ff", "#ffffff", "#ffcf70"])
    shade_for_text(p, w, h)


def hero_livability(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#0a2a3a"), (0.55, "#1d6f6a"), (1, "#8fd3b0")])
    glow(p, w * 0.7, h * 0.42, h * 0.6, "#fff2c4", 0.6)
    towers(p, rng, w, h * 0.66, (h * 0.14, h * 0.3), (40, 80), "#3f8f86")
    hills(p, w, h * 0.7, 28, 1.3, 0.4, QColor("#2f8a63"))
    trees(p, rng, -20, w + 20, h * 0.74, 46, "#23704f")
    # lake with a soft reflection band
    water(p, QRectF(w * 0.28, h * 0.76, w * 0.6, h * 0.12), "#9fe0e6", "#3d9fb0")
    hills(p, w, h * 0.92, 18, 0.8, 2.0, QColor("#1a5c40"))
    trees(p, rng, -20, w * 0.3, h * 0.95, 70, "#124a33")
    trees(p, rng, w * 0.86, w + 40, h * 0.95, 70, "#124a33")
    shade_for_text(p, w, h, 0.7)


def hero_business(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#0a1a33"), (0.55, "#3a3350"), (1, "#c9824a")])
    glow(p, w * 0.78, h * 0.78, h * 0.75, "#ffc46b", 0.75)
    dot_grid(p, w, h, 32, "#ffffff", 0.06)
    towers(p, rng, w, h * 0.9, (h * 0.25, h * 0.55), (60, 130), "#2a2f4a", "#ffd49a", 0.35)
    towers(p, rng, w, h * 0.95, (h * 0.3, h * 0.75), (80, 170), "#141a30", "#ffcf85", 0.55)
    p.fillRect(QRectF(0, h * 0.95, w, h * 0.05), QColor("#0b1224"))
    shade_for_text(p, w, h)


def hero_talent(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#120b33"), (0.6, "#3a2a7a"), (1, "#6e56c9")])
    glow(p, w * 0.68, h * 0.45, h * 0.8, "#c4a8ff", 0.45)
    # a globe of meridians and parallels
    cx, cy, r = w * 0.7, h * 0.5, h * 0.42
    p.setBrush(Qt.NoBrush)
    p.setPen(QPen(color("#d9ccff", 0.28), 1.5))
    for k in range(1, 6):
        rx = r * math.cos(k * math.pi / 12)
        p.drawEllipse(QPointF(cx, cy), rx, r)
    for k in range(-3, 4):
        yy = cy + r * math.sin(k * math.pi / 8)
        half = r * math.cos(k * math.pi / 8)
        p.drawEllipse(QPointF(cx, yy), half, half * 0.08 + 1)
    p.drawEllipse(QPointF(cx, cy), r, r)
    network(p, rng, QRectF(cx - r, cy - r * 0.9, 2 * r, 1.8 * r), 30, 190, "#f0e6ff", 0.7)
    # a low, green residential quarter along the bottom
    towers(p, rng, w, h * 0.97, (h * 0.08, h * 0.2), (70, 130), "#2a1f5c", "#ffe3a8", 0.3)
    trees(p, rng, -20, w + 20, h * 0.99, 34, "#1c1545")
    shade_for_text(p, w, h)


def gallery_chips(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#061a33"), (1, "#0d3b73")])
    cx, cy, s = w / 2, h / 2, h * 0.34
    p.setPen(QPen(color("#4fb3ff", 0.45), 3, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(Qt.NoBrush)
    for _ in range(70):  # circuit traces from the die outwards, with right-angle bends
        side = rng.randrange(4)
        t = rng.uniform(-0.9, 0.9) * s
        start = [
            QPointF(cx + t, cy - s),
            QPointF(cx + s, cy + t),
            QPointF(cx + t, cy + s),
            QPointF(cx - s, cy + t),
        ][side]
        out = [(0, -1), (1, 0), (0, 1), (-1, 0)][side]
        path = QPainterPath(start)
        run = rng.uniform(40, 160)
        mid = QPointF(start.x() + out[0] * run, start.y() + out[1] * run)
        path.lineTo(mid)
        bend = rng.choice((-1, 1)) * rng.uniform(30, 120)
        corner = QPointF(mid.x() + abs(out[1]) * bend, mid.y() + abs(out[0]) * bend)
        path.lineTo(corner)
        end = QPointF(corner.x() + out[0] * 2000, corner.y() + out[1] * 2000)
        path.lineTo(end)
        p.drawPath(path)
        p.save()
        p.setPen(Qt.NoPen)
        p.setBrush(color("#9fd6ff", 0.9))
        p.drawEllipse(corner, 5, 5)
        p.restore()
    glow(p, cx, cy, s * 2.2, "#3aa0ff", 0.55)
    p.setPen(QPen(QColor("#8fd0ff"), 4))
    p.setBrush(QColor("#0c2c57"))
    p.drawRoundedRect(QRectF(cx - s, cy - s, 2 * s, 2 * s), 22, 22)
    die = s * 0.62
    gradient = QLinearGradient(cx - die, cy - die, cx + die, cy + die)
    gradient.setColorAt(0, QColor("#5fc2ff"))
    gradient.setColorAt(1, QColor("#1a62c4"))
    p.setPen(Qt.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(QRectF(cx - die, cy - die, 2 * die, 2 * die), 10, 10)
    p.setPen(QPen(color("#ffffff", 0.35), 2))
    for k in range(1, 6):
        off = -die + k * 2 * die / 6
        p.drawLine(QPointF(cx - die, cy + off), QPointF(cx + die, cy + off))
        p.drawLine(QPointF(cx + off, cy - die), QPointF(cx + off, cy + die))


def curve(x: float, y: float, u: float, start, *segments) -> QPainterPath:
    """A path of cubic segments given in units `u` from the origin (x, y), y pointing up."""

    def at(dx: float, dy: float) -> QPointF:
        return QPointF(x + dx * u, y - dy * u)

    path = QPainterPath(at(*start))
    for c1, c2, end in segments:
        path.cubicTo(at(*c1), at(*c2), at(*end))
    return path


def draw_car(p: QPainter, x: float, ground: float, length: float, body: str, glass: str):
    """A sleek saloon in profile, nose to the right; the car is 100 units long."""
    u = length / 100
    shell = curve(
        x, ground, u, (0, 9),
        ((0, 18), (4, 21), (14, 22)),
        ((26, 24), (30, 35), (45, 36)),
        ((60, 37), (68, 30), (76, 25)),
        ((90, 23), (100, 20), (100, 12)),
    )  # fmt: skip
    shell.lineTo(x + 100 * u, ground - 6 * u)
    shell.lineTo(x, ground - 6 * u)
    shell.closeSubpath()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(body))
    p.drawPath(shell)
    window = curve(
        x, ground, u, (30, 24), ((36, 32), (44, 33), (50, 33)), ((60, 33), (66, 28), (70, 25))
    )
    window.closeSubpath()
    p.setBrush(QColor(glass))
    p.drawPath(window)
    for wx in (x + 20 * u, x + 80 * u):
        p.setBrush(QColor("#0a1426"))
        p.drawEllipse(QPointF(wx, ground - 6 * u), 9 * u, 9 * u)
        p.setBrush(QColor("#9fb3cc"))
        p.drawEllipse(QPointF(wx, ground - 6 * u), 4.5 * u, 4.5 * u)


def robot_arm(p: QPainter, base_x: float, ground: float, size: float, angle: float, hex_code):
    p.setPen(QPen(QColor(hex_code), size * 0.09, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    shoulder = QPointF(base_x, ground - size * 0.35)
    elbow = QPointF(
        shoulder.x() + size * 0.55 * math.cos(angle), shoulder.y() - size * 0.55 * math.sin(angle)
    )
    wrist = QPointF(elbow.x() + size * 0.5, elbow.y() + size * 0.25)
    p.drawLine(QPointF(base_x, ground), shoulder)
    p.drawLine(shoulder, elbow)
    p.drawLine(elbow, wrist)
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(hex_code))
    foot = QRectF(base_x - size * 0.16, ground - size * 0.1, size * 0.32, size * 0.12)
    p.drawRoundedRect(foot, 6, 6)
    for joint in (shoulder, elbow):
        p.drawEllipse(joint, size * 0.07, size * 0.07)


def gallery_auto(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#0d1f3a"), (1, "#22466f")])
    # the hall: roof trusses and lamps
    p.setPen(QPen(color("#7fa6d6", 0.25), 3))
    for x in range(-200, w + 200, 120):
        p.drawLine(QPointF(x, 0), QPointF(x + 160, h * 0.3))
        p.drawLine(QPointF(x + 160, 0), QPointF(x, h * 0.3))
    p.drawLine(QPointF(0, h * 0.3), QPointF(w, h * 0.3))
    for x in range(100, w, 240):
        glow(p, x, h * 0.32, 140, "#e8f3ff", 0.35)
    ground = h * 0.8
    p.fillRect(QRectF(0, ground, w, h - ground), QColor("#0a1628"))
    p.fillRect(QRectF(0, ground - 8, w, 8), QColor("#3d6ea8"))
    for x in range(0, w, 60):  # conveyor rollers
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#5a86bd"))
        p.drawEllipse(QPointF(x + 30, ground + 4), 6, 6)
    bodies = ["#dfe8f2", "#2f7de1", "#c8d3df"]
    for i, x in enumerate((w * 0.04, w * 0.38, w * 0.72)):
        draw_car(p, x, ground - 8, w * 0.24, bodies[i], "#0c2340")
    for x, angle in ((w * 0.3, 0.9), (w * 0.64, 1.1), (w * 0.97, 0.8)):
        robot_arm(p, x, ground - 8, h * 0.42, angle, "#f0a53a")


def gallery_network(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#051428"), (1, "#0a2f5c")])
    dot_grid(p, w, h, 26, "#7fc0ff", 0.12)
    factories(p, rng, w, h * 0.9, 1.4, "#0f355f")
    p.fillRect(QRectF(0, h * 0.9, w, h * 0.1), QColor("#0a2748"))
    points = network(p, rng, QRectF(w * 0.05, h * 0.08, w * 0.9, h * 0.5), 34, 260, "#63d3ff", 0.7)
    # every machine reports upwards: thin dashed links from halls to the cloud of nodes
    pen = QPen(color("#63d3ff", 0.35), 1.5, Qt.DashLine)
    p.setPen(pen)
    for k in range(12):
        x = w * (k + 0.5) / 12
        target = min(points, key=lambda pt, x=x: abs(pt.x() - x))
        p.drawLine(QPointF(x, h * 0.78), target)


def gallery_biomed(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#0b1733"), (1, "#1a2f5e")])
    glow(p, w * 0.5, h * 0.5, h * 0.8, "#ff6f91", 0.18)
    # a vessel wall sweeping across, and spheres drifting along it
    for k, alpha in ((0, 0.22), (1, 0.14)):
        off = 0.5 * k
        path = QPainterPath(QPointF(-50, h * (0.25 + off)))
        path.cubicTo(w * 0.3, h * (0.05 + off), w * 0.6, h * (0.45 + off), w + 50, h * (0.2 + off))
        p.setPen(QPen(color("#ff9fb3", alpha), h * 0.1, Qt.SolidLine, Qt.RoundCap))
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
    spheres = sorted(
        ((rng.uniform(0, w), rng.uniform(0, h), rng.uniform(18, 90)) for _ in range(26)),
        key=lambda s: s[2],
    )
    for x, y, r in spheres:
        gradient = QRadialGradient(QPointF(x - r * 0.35, y - r * 0.35), r * 1.4)
        gradient.setColorAt(0, QColor("#ffffff"))
        gradient.setColorAt(0.25, QColor("#ffc2d1"))
        gradient.setColorAt(0.7, QColor("#e0577d"))
        gradient.setColorAt(1, QColor("#7a1f45"))
        p.setPen(QPen(color("#ffd6e0", 0.6), 1.5))
        p.setBrush(gradient)
        p.drawEllipse(QPointF(x, y), r, r)
        if r > 50:  # a lipid shell: small beads around the larger spheres
            p.setPen(Qt.NoPen)
            p.setBrush(color("#ffe4ec", 0.7))
            for k in range(28):
                a = k / 28 * math.tau
                p.drawEllipse(QPointF(x + (r + 8) * math.cos(a), y + (r + 8) * math.sin(a)), 4, 4)


def illustration_lake_park(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#bfe6f2"), (0.55, "#e9f6ee"), (1, "#cdeacc")])
    glow(p, w * 0.25, h * 0.25, h * 0.4, "#fff4d0", 0.8)
    towers(p, rng, w, h * 0.55, (h * 0.1, h * 0.24), (40, 90), "#9cc3cf")
    hills(p, w, h * 0.58, 20, 1.1, 1.0, QColor("#7cc48e"))
    trees(p, rng, -20, w + 20, h * 0.6, 40, "#4d9d66")
    water(p, QRectF(w * 0.1, h * 0.62, w * 0.8, h * 0.22), "#8fd3e6", "#4aa3c2")
    p.setPen(QPen(color("#ffffff", 0.6), 3, Qt.SolidLine, Qt.RoundCap))
    for _ in range(14):
        x = rng.uniform(w * 0.2, w * 0.8)
        y = rng.uniform(h * 0.66, h * 0.8)
        p.drawLine(QPointF(x, y), QPointF(x + rng.uniform(30, 90), y))
    hills(p, w, h * 0.92, 14, 0.7, 0.2, QColor("#5fae72"))
    trees(p, rng, -20, w * 0.22, h * 0.96, 90, "#3b8655")
    trees(p, rng, w * 0.8, w + 40, h * 0.96, 90, "#3b8655")
    # a path through the park, walked by no one in particular
    path = QPainterPath(QPointF(w * 0.35, h))
    path.cubicTo(w * 0.45, h * 0.93, w * 0.6, h * 0.95, w * 0.7, h * 0.88)
    p.setPen(QPen(QColor("#f2e6c8"), 18, Qt.SolidLine, Qt.RoundCap))
    p.setBrush(Qt.NoBrush)
    p.drawPath(path)


def illustration_water_cycle(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#06314a"), (1, "#0c6b85")])
    dot_grid(p, w, h, 30, "#bff3ff", 0.1)
    cx, cy, r = w / 2, h / 2, h * 0.33
    p.setBrush(Qt.NoBrush)
    for k in range(3):  # three arcs chasing each other round a circle
        start = k * 120 + 15
        p.setPen(QPen(QColor("#7fe3f0"), 22, Qt.SolidLine, Qt.RoundCap))
        arc = QPainterPath()
        for step in range(61):
            a = math.radians(start + 90 * step / 60)
            point = QPointF(cx + r * math.cos(a), cy - r * math.sin(a))
            arc.moveTo(point) if step == 0 else arc.lineTo(point)
        p.drawPath(arc)
        end = math.radians(start + 90)
        tip = QPointF(cx + r * math.cos(end), cy - r * math.sin(end))
        tangent = end + math.pi / 2
        head = QPainterPath(
            QPointF(tip.x() + 34 * math.cos(tangent), tip.y() - 34 * math.sin(tangent))
        )
        for side in (math.pi / 2, -math.pi / 2):
            head.lineTo(
                tip.x() + 26 * math.cos(tangent + side), tip.y() - 26 * math.sin(tangent + side)
            )
        head.closeSubpath()
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#7fe3f0"))
        p.drawPath(head)
        p.setBrush(Qt.NoBrush)
    drop = curve(
        cx, cy, r, (0, 0.55),
        ((0.1, 0.3), (0.38, 0), (0.38, -0.12)),
        ((0.38, -0.36), (0.2, -0.5), (0, -0.5)),
        ((-0.2, -0.5), (-0.38, -0.36), (-0.38, -0.12)),
        ((-0.38, 0), (-0.1, 0.3), (0, 0.55)),
    )  # fmt: skip
    gradient = QLinearGradient(cx, cy - r * 0.55, cx, cy + r * 0.5)
    gradient.setColorAt(0, QColor("#e6fbff"))
    gradient.setColorAt(1, QColor("#37b6d6"))
    p.setBrush(gradient)
    p.drawPath(drop)
    hills(p, w, h * 0.95, 16, 1.2, 0.5, color("#0f8f73", 0.9))


def illustration_one_stop(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    """Many winding routes on the left, one straight route on the right, into one counter."""
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#1d1a33"), (1, "#3b2f45")])
    dot_grid(p, w, h, 30, "#ffe0b0", 0.08)
    target = QPointF(w * 0.8, h * 0.5)
    glow(p, target.x(), target.y(), h * 0.45, "#ffb84d", 0.55)
    p.setBrush(Qt.NoBrush)
    for k in range(4):  # the old way: four separate, meandering routes
        y0 = h * (0.15 + 0.23 * k)
        path = QPainterPath(QPointF(w * 0.04, y0))
        x = w * 0.04
        while x < w * 0.45:
            nx = x + rng.uniform(60, 120)
            wobble_a, wobble_b = rng.uniform(-90, 90), rng.uniform(-90, 90)
            path.cubicTo(x + 30, y0 + wobble_a, nx - 30, y0 + wobble_b, nx, y0)
            x = nx
        path.lineTo(w * 0.5, h * 0.5)
        p.setPen(QPen(color("#c9b8d6", 0.45), 6, Qt.DashLine, Qt.RoundCap))
        p.drawPath(path)
    p.setPen(QPen(QColor("#ffc46b"), 14, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(QPointF(w * 0.5, h * 0.5), QPointF(target.x() - 80, target.y()))
    # the counter: a single bright rounded block
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#ffd08a"))
    p.drawRoundedRect(QRectF(target.x() - 70, target.y() - 110, 140, 220), 24, 24)
    p.setBrush(QColor("#3b2f45"))
    p.drawRoundedRect(QRectF(target.x() - 40, target.y() - 70, 80, 60), 10, 10)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(w * 0.5, h * 0.5), 16, 16)


def illustration_community(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#2a1f66"), (0.6, "#7a6fd6"), (1, "#f1c7a8")])
    glow(p, w * 0.8, h * 0.35, h * 0.45, "#ffe1b8", 0.7)
    towers(p, rng, w, h * 0.72, (h * 0.2, h * 0.42), (70, 130), "#4b3f99", "#ffe7b8", 0.45)
    # the park in front: a broad green band of lawns, trees and a pond
    hills(p, w, h * 0.74, 16, 1.0, 1.2, QColor("#5ca874"))
    p.fillRect(QRectF(0, h * 0.78, w, h * 0.22), QColor("#4c9a66"))
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#8fd6e8"))
    p.drawEllipse(QRectF(w * 0.4, h * 0.84, w * 0.25, h * 0.08))
    trees(p, rng, -20, w + 20, h * 0.8, 42, "#2e6e48")
    trees(p, rng, -20, w * 0.35, h * 0.99, 80, "#245a3a")
    trees(p, rng, w * 0.72, w + 40, h * 0.99, 80, "#245a3a")


def portrait(p: QPainter, w: int, h: int, rng: random.Random, hue: str) -> None:
    """An abstract bust: a token for a person, never a likeness."""
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, mix(NAVY, hue, 0.35)), (1, NAVY)])
    glow(p, w * 0.5, h * 0.42, w * 0.55, hue, 0.55)
    p.setBrush(Qt.NoBrush)
    for k in range(4):
        p.setPen(QPen(color("#ffffff", 0.10 + 0.04 * k), 2))
        radius = w * (0.26 + 0.06 * k)
        p.drawArc(
            QRectF(w / 2 - radius, h * 0.42 - radius, 2 * radius, 2 * radius),
            int(rng.uniform(0, 360) * 16),
            int(rng.uniform(100, 220) * 16),
        )
    fill = QLinearGradient(0, h * 0.2, 0, h)
    fill.setColorAt(0, QColor("#f4f7fb"))
    fill.setColorAt(1, QColor(mix("#f4f7fb", hue, 0.45)))
    p.setPen(Qt.NoPen)
    p.setBrush(fill)
    p.drawEllipse(QPointF(w * 0.5, h * 0.4), w * 0.15, w * 0.15)
    shoulders = QPainterPath(QPointF(w * 0.18, h))
    shoulders.cubicTo(w * 0.2, h * 0.7, w * 0.34, h * 0.6, w * 0.5, h * 0.6)
    shoulders.cubicTo(w * 0.66, h * 0.6, w * 0.8, h * 0.7, w * 0.82, h)
    shoulders.closeSubpath()
    p.drawPath(shoulders)


def district_map(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    """A schematic plan, not to scale: roads, a lake, parks, work and living quarters.

    The four quarters sit where the panel's hotspots point (see talent/industry YAML):
    lake park upper left, car plant right, service centre middle, talent community lower left.
    """
    p.fillRect(QRectF(0, 0, w, h), QColor("#0a1d36"))
    dot_grid(p, w, h, 24, "#3a6aa0", 0.25)
    boundary = QPainterPath(QPointF(w * 0.1, h * 0.2))
    for x, y in (
        (0.35, 0.06), (0.62, 0.1), (0.9, 0.16), (0.95, 0.5), (0.88, 0.86),
        (0.6, 0.94), (0.3, 0.9), (0.06, 0.72), (0.05, 0.4),
    ):  # fmt: skip
        boundary.lineTo(w * x, h * y)
    boundary.closeSubpath()
    p.setPen(QPen(QColor("#5aa9ff"), 5, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(QColor("#10294a"))
    p.drawPath(boundary)
    p.save()
    p.setClipPath(boundary)
    # city blocks
    p.setPen(Qt.NoPen)
    for gx in range(0, w, 70):
        for gy in range(0, h, 70):
            shade = rng.choice(("#163658", "#183b61", "#14304f"))
            p.setBrush(QColor(shade))
            p.drawRoundedRect(QRectF(gx + 8, gy + 8, 54, 54), 6, 6)
    # quarters: industry halls (right), parks, the lake, the community (lower left)
    p.setBrush(QColor("#1f4f86"))
    p.drawRoundedRect(QRectF(w * 0.66, h * 0.3, w * 0.24, h * 0.34), 18, 18)
    p.setBrush(QColor("#2a6cb3"))
    for k in range(4):
        p.drawRoundedRect(QRectF(w * 0.685 + k * w * 0.055, h * 0.34, w * 0.04, h * 0.26), 6, 6)
    p.setBrush(QColor("#1f6b55"))
    p.drawEllipse(QRectF(w * 0.12, h * 0.16, w * 0.3, h * 0.34))
    p.setBrush(QColor("#3fa0d8"))
    p.drawEllipse(QRectF(w * 0.18, h * 0.22, w * 0.16, h * 0.2))
    p.setBrush(QColor("#2c6a4f"))
    p.drawRoundedRect(QRectF(w * 0.14, h * 0.6, w * 0.24, h * 0.24), 30, 30)
    p.setBrush(QColor("#6a5acd"))
    for k in range(3):
        p.drawRoundedRect(QRectF(w * 0.17 + k * w * 0.065, h * 0.64, w * 0.045, h * 0.08), 8, 8)
    p.setBrush(QColor("#b07a2a"))
    p.drawRoundedRect(QRectF(w * 0.46, h * 0.46, w * 0.1, h * 0.12), 14, 14)
    # main roads and a railway line on top
    p.setBrush(Qt.NoBrush)
    p.setPen(QPen(QColor("#8fb7e3"), 10, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(QPointF(0, h * 0.55), QPointF(w, h * 0.4))
    p.drawLine(QPointF(w * 0.5, 0), QPointF(w * 0.55, h))
    p.setPen(QPen(QColor("#5d86b3"), 6, Qt.SolidLine, Qt.RoundCap))
    p.drawLine(QPointF(0, h * 0.3), QPointF(w, h * 0.22))
    p.drawLine(QPointF(w * 0.25, h), QPointF(w * 0.45, 0))
    p.drawLine(QPointF(0, h * 0.8), QPointF(w, h * 0.72))
    rail = QPen(QColor("#d8e6f5"), 3, Qt.DashLine)
    p.setPen(rail)
    p.drawLine(QPointF(w * 0.05, h), QPointF(w, h * 0.05))
    p.restore()
    # No north arrow: the plan is not to scale or orientation (its title says so).


def attract_skyline(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#040c1c"), (0.6, "#0f2f5c"), (1, "#2a5fa3")])
    glow(p, w * 0.5, h * 0.85, w * 0.5, "#59a8ff", 0.45)
    rng_stars = random.Random(rng.random())
    p.setPen(Qt.NoPen)
    for _ in range(160):
        p.setBrush(color("#ffffff", rng_stars.uniform(0.15, 0.7)))
        p.drawEllipse(QPointF(rng_stars.uniform(0, w), rng_stars.uniform(0, h * 0.45)), 1.3, 1.3)
    towers(p, rng, w, h * 0.82, (h * 0.2, h * 0.45), (60, 120), "#17345c", "#9fd0ff", 0.3)
    towers(p, rng, w, h * 0.88, (h * 0.25, h * 0.6), (80, 160), "#0b1d38", "#ffd38a", 0.5)
    p.fillRect(QRectF(0, h * 0.88, w, h * 0.12), QColor("#050d1c"))
    light_trails(p, rng, w, h * 0.9, ["#ff5a5a", "#ffffff", "#ffcf70", "#7cc4ff"])


def attract_green(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    illustration_lake_park(p, w, h, rng)


def attract_network(p: QPainter, w: int, h: int, rng: random.Random) -> None:
    vertical_gradient(p, QRectF(0, 0, w, h), [(0, "#050f24"), (1, "#15366b")])
    dot_grid(p, w, h, 30, "#7fb8ff", 0.12)
    glow(p, w * 0.5, h * 0.5, h * 0.7, "#2f7de1", 0.5)
    network(p, rng, QRectF(w * 0.05, h * 0.08, w * 0.9, h * 0.84), 70, 240, "#8fd0ff", 0.75)


# ---- the list of files -----------------------------------------------------------------------

Drawer = Callable[[QPainter, int, int, random.Random], None]
HERO = (1920, 800)
WIDE = (1600, 1000)
SLIDE = (1920, 1080)
SQUARE = (800, 800)
PORTRAIT_HUES = {
    "portrait-wu-meng": "#2f7de1",
    "portrait-zhao-yanping": "#e0577d",
    "portrait-sun-hui": "#3aa0a0",
    "portrait-kong-lei": "#d98a1c",
    "portrait-tu-ruimin": "#8b5cf6",
}


def _portrait(hue: str) -> Drawer:
    return lambda p, w, h, rng: portrait(p, w, h, rng, hue)


IMAGES: dict[str, tuple[tuple[int, int], Drawer]] = {
    "hero-industry.jpg": (HERO, hero_industry),
    "hero-livability.jpg": (HERO, hero_livability),
    "hero-business.jpg": (HERO, hero_business),
    "hero-talent.jpg": (HERO, hero_talent),
    "gallery-chips.jpg": (WIDE, gallery_chips),
    "gallery-auto.jpg": (WIDE, gallery_auto),
    "gallery-network.jpg": (WIDE, gallery_network),
    "gallery-biomed.jpg": (WIDE, gallery_biomed),
    "illustration-lake-park.jpg": (WIDE, illustration_lake_park),
    "illustration-water-cycle.jpg": (WIDE, illustration_water_cycle),
    "illustration-one-stop.jpg": (WIDE, illustration_one_stop),
    "illustration-community.jpg": (WIDE, illustration_community),
    "map-etown.png": ((1600, 1000), district_map),
    "attract-skyline.jpg": (SLIDE, attract_skyline),
    "attract-green.jpg": (SLIDE, attract_green),
    "attract-network.jpg": (SLIDE, attract_network),
    **{f"{name}.jpg": (SQUARE, _portrait(hue)) for name, hue in PORTRAIT_HUES.items()},
}


def render(name: str, size: tuple[int, int], drawer: Drawer) -> QImage:
    image = QImage(size[0], size[1], QImage.Format_RGB32)
    image.fill(QColor(NAVY))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    # seeded by name, so each picture is stable whatever else is added to the list
    drawer(painter, size[0], size[1], random.Random(name))
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "content" / "images"
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (size, drawer) in IMAGES.items():
        target = args.out / name
        image = render(name, size, drawer)
        quality = -1 if target.suffix == ".png" else 86
        if not image.save(str(target), None, quality):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"{target}  {size[0]}x{size[1]}  {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
