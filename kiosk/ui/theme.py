"""Theme tokens and text roles: the QSS in assets/theme.qss is filled from these.

Labels carry a dynamic property `role` (one of FONT_SIZES) and get size and colour from the
QSS; painted widgets ask `font(role, scale)`. A+ re-applies the stylesheet with a larger scale.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QFont

from kiosk.content.views import Theme
from kiosk.paths import assets_dir

# Pixel sizes at text scale 1.0 (1920x1080). Body text >= 22 px, titles >= 48 px.
FONT_SIZES: dict[str, int] = {
    "display": 72,  # home title
    "h1": 56,  # screen title (panel hero)
    "h2": 42,  # block title: a panel's chapter
    "h3": 32,  # card / event title
    "body": 30,  # running text: >= 28 px in landscape, >= 30 px in portrait
    "quote": 34,
    "caption": 22,
    "source": 22,  # source lines under figures and charts
    "figure-value": 64,
    "figure-unit": 28,
    "figure-label": 24,
    "button": 24,
    "tile-title": 40,
    "tile-subtitle": 24,
    "countdown": 120,  # the idle countdown's seconds
}

TEXT_SCALES = (1.0, 1.3)  # A, A+

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC"]


LARGE_PX = 56  # text this large is legible already: A+ leaves it as it is


def font_px(role: str, scale: float = 1.0) -> int:
    """The role's size at the visitor's text size; A+ enlarges what is there to be read, not
    titles and numbers that are large already (they would push the rest off the screen)."""
    base = FONT_SIZES[role]
    return base if base >= LARGE_PX else round(base * scale)


def font(role: str, scale: float = 1.0, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(font_px(role, scale))
    f.setBold(bold or role in ("display", "h1", "h2", "figure-value", "tile-title"))
    return f


# ---- colours and the stylesheet -------------------------------------------------------------

HIGH_CONTRAST = {
    "background": "#000000",
    "surface": "#000000",
    "text": "#ffffff",
    "muted": "#ffffff",
    "primary": "#ffd400",
}


@dataclass(frozen=True)
class Palette:
    """Colours of one theme, as '#rrggbb' strings; painted widgets use the same as the QSS."""

    background: str
    surface: str
    text: str
    muted: str
    primary: str
    on_primary: str  # text drawn on a primary-coloured fill
    outline: str
    pressed: str  # fill of a pressed control
    border_px: int
    high_contrast: bool
    accent_text: str = ""  # the primary colour as text: made light (or dark) enough to read
    backdrop: str = "#000000"  # behind a full-screen photo, and the standby screen
    alert: str = "#ffb4a8"  # error text (wrong PIN, lock-out)
    danger: str = "#ff6b5a"  # outline of buttons that stop or restart the kiosk
    # The keypad's focus ring (kiosk/ui/keypad.py): a yellow band with a black one inside it,
    # so one of the two stands out on any ground (light, dark, a photo, high contrast's black).
    focus: str = "#ffd400"
    focus_halo: str = "#000000"


def _mix(a: str, b: str, amount: float) -> str:
    ca, cb = QColor(a), QColor(b)
    mixed = [round(x + (y - x) * amount) for x, y in zip(_rgb(ca), _rgb(cb), strict=False)]
    return QColor(*mixed).name()


def _rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


@lru_cache(maxsize=16)  # asked on every paint of a tile or a card: worked out once a theme
def palette(site_theme: Theme) -> Palette:
    if site_theme.high_contrast:
        c = HIGH_CONTRAST
        return Palette(
            **c,
            on_primary="#000000",
            outline=c["primary"],
            pressed="#333300",
            border_px=3,
            high_contrast=True,
            backdrop="#000000",
            alert=c["primary"],
            danger="#ffffff",
            accent_text=c["primary"],
        )
    return Palette(
        background=site_theme.background,
        surface=site_theme.surface,
        text=site_theme.text,
        muted=site_theme.muted,
        primary=site_theme.primary,
        on_primary=max(("#ffffff", "#000000"), key=lambda ink: _contrast(ink, site_theme.primary)),
        outline=_mix(site_theme.surface, site_theme.text, 0.22),
        pressed=_mix(site_theme.surface, site_theme.primary, 0.45),
        border_px=2,
        high_contrast=False,
        backdrop=_backdrop(site_theme.background),
        alert=_mix(site_theme.text, "#ff4a33", 0.45),
        danger=_mix(site_theme.text, "#ff4a33", 0.7),
        accent_text=readable(
            site_theme.primary, (site_theme.surface, site_theme.background), site_theme.text
        ),
    )


def readable(colour: str, grounds: tuple[str, ...], text: str, ratio: float = 4.5) -> str:
    """`colour` mixed toward `text` (the theme's text colour) just enough to reach `ratio`
    against every ground it is drawn on; itself if it already does."""
    for step in range(21):
        mixed = _mix(colour, text, step / 20)
        if all(_contrast(mixed, ground) >= ratio for ground in grounds):
            return mixed
    return text


def _contrast(a: str, b: str) -> float:
    def lum(name: str) -> float:
        def channel(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = _rgb(QColor(name))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b_)

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _backdrop(background: str) -> str:
    """A dark theme's background made darker still; a light theme keeps its own."""
    if QColor(background).lightnessF() < 0.5:
        return _mix(background, "#000000", 0.6)
    return background


def tokens(site_theme: Theme, scale: float = 1.0) -> dict[str, str]:
    """Everything `{name}` in theme.qss may use: colours, `border_px`, `<role>_px` sizes, and
    `background_rgb` ("11, 29, 51") for see-through fills: `rgba({background_rgb}, 200)`."""
    colours = palette(site_theme)
    values = {k: str(v) for k, v in asdict(colours).items()}
    red, green, blue = _rgb(QColor(colours.background))
    values["background_rgb"] = f"{red}, {green}, {blue}"
    values.update(
        {role.replace("-", "_") + "_px": str(font_px(role, scale)) for role in FONT_SIZES}
    )
    return values


_TOKEN = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def stylesheet(site_theme: Theme, scale: float = 1.0, template: str | None = None) -> str:
    """assets/theme.qss with its tokens filled in; an unknown token is an error, not a blank."""
    if template is None:
        template = (assets_dir() / "theme.qss").read_text(encoding="utf-8")
    values = tokens(site_theme, scale)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"theme.qss uses an unknown token {{{name}}}")
        return values[name]

    return _TOKEN.sub(fill, template)
