"""Typed, frozen models of the operator's content files: the validation. Qt-free.

site.yaml is `Site`; each panel file is `Panel`. `Content` is one validated snapshot of the
whole folder; a reload builds a new one, nothing is mutated in place. Each model is built on
the record of the same name in kiosk/content/views.py, which holds what screens call (`get`,
`visible_on`, ...); `as_view` turns a validated model into those records for the running
kiosk.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk.content import catalogue, views
from kiosk.content.icons import check_icon_name
from kiosk.content.views import (  # noqa: F401 - the models' own names, for their users
    NOTICE_FILE,
    REACH_MM,
    SCREEN_55_MM,
    THEME_DEFAULTS,
    WEEKDAYS,
    FrozenDict,
    walk,
)

LANG_PATTERN = r"^[a-z]{2}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# Per language, in letters (a Chinese character counts two): every language is shown at once.
NOTICE_WIDTH = {"title": 50, "text": 280}


# A loaded snapshot is immutable all the way down: tuples for lists, read-only mappings.
K = TypeVar("K")
V = TypeVar("V")
ReadOnly = Annotated[Mapping[K, V], AfterValidator(FrozenDict)]
# (Sequence fields are validated as lists, then kept as tuples: `AfterValidator(tuple)`.)

# A number a screen can show: finite (.nan and .inf are refused), at most 13 digits before the
# point, so it fits a figure tile and a bar chart's axis.
MAX_SHOWN = 1e12
ShownNumber = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_SHOWN, le=MAX_SHOWN)]

# PBKDF2 rounds a PIN hash may ask for: below, a stolen site.yaml is cheap to guess from; above,
# checking one PIN on the kiosk would freeze its screen (2,000,000,000 rounds: minutes).
PIN_ROUNDS = (1_000, 1_000_000)

Color = Annotated[str, Field(pattern=COLOR_PATTERN, examples=["#1f6feb"])]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Lang = Annotated[str, Field(pattern=LANG_PATTERN, examples=["zh", "en"])]


class ImagePath(RootModel[str], views.ImagePath):
    """A path relative to the content folder, e.g. `images/industry.jpg`.

    The loader checks that it stays inside the folder and names a readable image.
    """

    model_config = ConfigDict(defer_build=True)

    root: Annotated[str, Field(min_length=1, max_length=300, examples=["images/hero.jpg"])]

    def __str__(self) -> str:
        return self.root


class VideoPath(RootModel[str], views.VideoPath):
    """A video file inside the content folder, e.g. `videos/tour.mp4` (H.264/AAC MP4, or WebM).

    The loader checks it stays inside the folder and is a video by its content."""

    model_config = ConfigDict(defer_build=True)

    root: Annotated[str, Field(min_length=1, max_length=300, examples=["videos/tour.mp4"])]

    def __str__(self) -> str:
        return self.root


class CaptionPath(RootModel[str], views.CaptionPath):
    """A caption file inside the content folder: WebVTT (`.vtt`) or SubRip (`.srt`).

    The loader parses it and reports every mistake with the caption file's line."""

    model_config = ConfigDict(defer_build=True)

    root: Annotated[str, Field(min_length=1, max_length=300, examples=["videos/tour.en.vtt"])]

    def __str__(self) -> str:
        return self.root


_OneText = Annotated[str, Field(min_length=1, max_length=5000)]


_Texts = Union[_OneText, Annotated[ReadOnly[Lang, _OneText], Field(min_length=1)]]  # noqa: UP007
_spoken_forms: TypeAdapter = TypeAdapter(_Texts, config=ConfigDict(defer_build=True))
SPEAK_KEY = "speak"


class LocalText(RootModel[Union[str, Mapping[str, str]]], views.LocalText):  # noqa: UP007
    """Visitor text: one string for every language, or a mapping `{zh: ..., en: ...}`.

    The mapping may add `speak:`, what the kiosk's voice says instead of the text shown (one
    string, or per language): `{zh: 亦庄, en: E-Town, speak: {en: ee town}}`.
    """

    model_config = ConfigDict(defer_build=True)

    root: _Texts
    _speak: str | Mapping[str, str] | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _spoken_form(cls, value: Any, handler: Any) -> LocalText:
        speak = None
        if isinstance(value, Mapping) and SPEAK_KEY in value:
            value = dict(value)
            try:
                speak = _spoken_forms.validate_python(value.pop(SPEAK_KEY))
            except ValidationError as error:
                raise ValueError(
                    "speak: is what the voice says instead of the text: one text, or one per "
                    "language ({zh: ..., en: ...}); "
                    + "; ".join(e["msg"] for e in error.errors(include_url=False))
                ) from None
        model = handler(value)
        model._speak = speak
        return model

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict:
        schema = handler(core_schema)
        texts = handler.resolve_ref_schema(schema)
        for option in texts.get("anyOf", ()):
            if option.get("type") == "object":
                option["properties"] = {
                    SPEAK_KEY: {
                        "description": "what the voice says instead of the text shown: one "
                        "text, or one per language",
                        "anyOf": [{"type": "string"}, {"type": "object"}],
                    }
                }
        return schema


class Model(BaseModel, views.Record):
    # Schemas are built on the first validation, not at import: a start from the snapshot
    # cache (kiosk/content/snapshot_cache.py) never validates, so it never pays for them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    note: Annotated[
        str | None,
        Field(
            max_length=2000,
            description="For operators only (where a figure comes from, what to replace, what "
            "to confirm): never shown to visitors.",
        ),
    ] = None


class Dated(Model, views.Dated):
    """Anything that can be scheduled: shown only from/until a day (inclusive)."""

    show_from: date | None = None
    show_until: date | None = None

    @model_validator(mode="after")
    def _window_in_order(self):
        if self.show_from and self.show_until and self.show_until < self.show_from:
            raise ValueError(
                f"show_until ({self.show_until}) is before show_from ({self.show_from}); "
                "swap the two dates"
            )
        return self


# ---- blocks ---------------------------------------------------------------------------------


class TextBlock(Dated, views.TextBlock):
    """Paragraphs in a small Markdown subset: **bold**, *italic*, `- ` bullets, blank lines."""

    type: Literal["text"]
    title: LocalText | None = None
    body: LocalText


class Figure(Model, views.Figure):
    value: ShownNumber
    decimals: Annotated[int, Field(ge=0, le=3)] = 0
    zh_units: Annotated[
        bool,
        Field(
            description="Chinese large-number units: in Chinese, from 10,000 on, the number is "
            "shown in 万 (10^4) or 亿 (10^8), whichever fits its size, with up to two decimals "
            "(349200 -> 34.92万, 1200000000 -> 12亿); other languages keep digits (349,200). "
            "`decimals` still applies below 10,000 and in other languages. Put the rest of "
            "the unit in `unit` (人, 元).",
        ),
    ] = False
    unit: LocalText | None = None
    label: LocalText
    source: LocalText
    as_of: date | None = None


class FiguresBlock(Dated, views.FiguresBlock):
    type: Literal["figures"]
    title: LocalText | None = None
    items: Annotated[Sequence[Figure], Field(min_length=1, max_length=8), AfterValidator(tuple)]


class ImageBlock(Dated, views.ImageBlock):
    type: Literal["image"]
    image: ImagePath
    caption: LocalText | None = None
    credit: LocalText | None = None


class GalleryImage(Model, views.GalleryImage):
    image: ImagePath
    caption: LocalText | None = None
    credit: LocalText | None = None


class GalleryBlock(Dated, views.GalleryBlock):
    type: Literal["gallery"]
    title: LocalText | None = None
    images: Annotated[
        Sequence[GalleryImage], Field(min_length=1, max_length=40), AfterValidator(tuple)
    ]


class VideoBlock(Dated, views.VideoBlock):
    """A film: its poster until a tap plays it, captions in the displayed language (on by
    default: every soundtrack is captioned), large controls and a full-screen view."""

    type: Literal["video"]
    title: LocalText | None = None
    video: VideoPath
    poster: Annotated[
        ImagePath,
        Field(description="a still shown until the film plays (its first frame, say)"),
    ]
    captions: Annotated[
        ReadOnly[Lang, CaptionPath],
        Field(
            description="one caption file per language, e.g. {zh: videos/tour.zh.vtt, en: "
            "videos/tour.en.vtt}; shown in the displayed language and switching with it",
        ),
    ] = Field(default_factory=FrozenDict)
    caption: LocalText | None = None
    credit: LocalText | None = None


class TimelineEvent(Model, views.TimelineEvent):
    when: LocalText  # "1992", or {zh: 起步, en: Start} when there is no year
    title: LocalText
    text: LocalText | None = None

    @field_validator("when", mode="before", json_schema_input_type=int | LocalText)
    @classmethod
    def _year_as_text(cls, value):
        # `when: 1992` parses as an int and `when: 2024-05-01` as a date; operators mean text.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value.isoformat() if isinstance(value, date) else value


class TimelineBlock(Dated, views.TimelineBlock):
    type: Literal["timeline"]
    title: LocalText | None = None
    events: Annotated[
        Sequence[TimelineEvent], Field(min_length=1, max_length=30), AfterValidator(tuple)
    ]


class StoryBlock(Dated, views.StoryBlock):
    type: Literal["story"]
    person: LocalText
    role: LocalText | None = None
    organisation: LocalText | None = None
    quote: LocalText
    image: ImagePath | None = None
    source: LocalText | None = None


class Bar(Model, views.Bar):
    label: LocalText
    value: ShownNumber


class BarChartBlock(Dated, views.BarChartBlock):
    type: Literal["bar_chart"]
    title: LocalText | None = None
    unit: LocalText | None = None
    bars: Annotated[Sequence[Bar], Field(min_length=1, max_length=12), AfterValidator(tuple)]
    source: LocalText


class Link(Model, views.Link):
    label: LocalText
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=500)]


class LinksBlock(Dated, views.LinksBlock):
    """Links shown as QR codes for the visitor's phone; nothing opens on the kiosk."""

    type: Literal["links"]
    title: LocalText | None = None
    links: Annotated[Sequence[Link], Field(min_length=1, max_length=6), AfterValidator(tuple)]


class Hotspot(Model, views.Hotspot):
    x: Annotated[float, Field(ge=0, le=1)]
    y: Annotated[float, Field(ge=0, le=1)]
    title: LocalText
    text: LocalText


class MapBlock(Dated, views.MapBlock):
    type: Literal["map"]
    title: LocalText | None = None
    image: ImagePath
    hotspots: Annotated[
        Sequence[Hotspot], Field(min_length=1, max_length=20), AfterValidator(tuple)
    ]


Block = Annotated[
    Union[  # noqa: UP007
        TextBlock,
        FiguresBlock,
        ImageBlock,
        GalleryBlock,
        TimelineBlock,
        StoryBlock,
        BarChartBlock,
        LinksBlock,
        MapBlock,
        VideoBlock,
    ],
    Field(discriminator="type"),
]

BLOCK_TYPES: tuple[str, ...] = (
    "text",
    "figures",
    "image",
    "gallery",
    "timeline",
    "story",
    "bar_chart",
    "links",
    "map",
    "video",
)


# ---- panel ----------------------------------------------------------------------------------


class Panel(Dated, views.Panel):
    id: Slug
    title: LocalText
    subtitle: LocalText | None = None
    icon: Annotated[str, Field(examples=["mdi6.factory"])]
    accent: Color
    hero_image: ImagePath | None = None
    blocks: Annotated[Sequence[Block], Field(min_length=1, max_length=60), AfterValidator(tuple)]

    @field_validator("icon")
    @classmethod
    def _known_icon(cls, name: str) -> str:
        check_icon_name(name)
        return name


# ---- site -----------------------------------------------------------------------------------


COUNTDOWN_MIN_SECONDS = 20  # WCAG 2.2 SC 2.2.1: at least 20 s to extend with one action


class IdleSettings(Model, views.IdleSettings):
    timeout_seconds: Annotated[float, Field(gt=0, le=3600)] = 90
    countdown_seconds: Annotated[
        float,
        Field(
            ge=COUNTDOWN_MIN_SECONDS,
            le=120,
            description='how long "Still there?" waits for an answer; at least 20 seconds, '
            "the time WCAG 2.2 (SC 2.2.1) gives a visitor to ask for more",
        ),
    ] = 20
    attract_after_seconds: Annotated[float, Field(ge=0, le=3600)] = 30

    @field_validator("countdown_seconds", mode="before")
    @classmethod
    def _time_to_answer(cls, value: object) -> object:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if number is not None and number < COUNTDOWN_MIN_SECONDS:
            raise ValueError(
                f"a visitor needs at least {COUNTDOWN_MIN_SECONDS} seconds to answer "
                f'"Still there?" (WCAG 2.2, SC 2.2.1); found {value}: write '
                f"countdown_seconds: {COUNTDOWN_MIN_SECONDS} or more"
            )
        return value


class Accessibility(Model, views.Accessibility):
    """Time and motion for visitors who need them (WCAG 2.2 SC 2.2.1, 2.2.2, 2.3.3)."""

    idle_factor: Annotated[
        float,
        Field(
            ge=1,
            le=10,
            description="every idle time (the timeout, the countdown) is multiplied by this "
            "while a visitor uses the keypad or audio mode; back to 1 when the session ends",
        ),
    ] = 2.0
    reduced_motion: Annotated[
        bool,
        Field(
            description="screens change, numbers appear and attract slides follow each other "
            "without sliding, counting up, panning or fading"
        ),
    ] = False
    voices: Annotated[
        ReadOnly[
            Lang, Annotated[Sequence[Annotated[str, Field(min_length=1)]], AfterValidator(tuple)]
        ],
        Field(
            description='voice names to try first, per language (`zh: ["Microsoft Huihui"]`); '
            "then the kiosk's own list for that language (kiosk/content/spoken.py)",
        ),
    ] = Field(default_factory=FrozenDict)
    volume: Annotated[
        float,
        Field(
            ge=0.2,
            le=1,
            description="speech volume at the start of every session (0.2 to 1: the engine's "
            "full volume); a visitor changes it in steps, and it returns to this afterwards",
        ),
    ] = 0.8


class AttractItem(Model, views.AttractItem):
    """One item of the attract loop: a picture (panned and zoomed for `seconds_per_slide`) or
    a video (played to its end, without sound unless `sound: true`)."""

    image: ImagePath | None = None
    video: VideoPath | None = None
    sound: bool = False

    @model_validator(mode="after")
    def _one_of_image_or_video(self):
        if (self.image is None) == (self.video is None):
            raise ValueError(
                "give either `image:` or `video:` for each attract item, e.g. "
                "{image: images/skyline.jpg} or {video: videos/loop.mp4}"
            )
        if self.sound and self.video is None:
            raise ValueError("`sound:` is for a video item; a picture has no sound")
        return self


class AttractSettings(Model, views.AttractSettings):
    images: Annotated[Sequence[ImagePath], AfterValidator(tuple)] = ()
    items: Annotated[
        Sequence[AttractItem],
        Field(
            max_length=40,
            description="pictures and videos in order, after any `images:`, e.g. "
            "[{image: images/a.jpg}, {video: videos/loop.mp4}]",
        ),
        AfterValidator(tuple),
    ] = ()
    seconds_per_slide: Annotated[float, Field(ge=2, le=120)] = 8
    call_to_action: LocalText | None = None  # None: the catalogue's words, in every language


_CLOCK_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class SoundSettings(Model, views.SoundSettings):
    """How loud the kiosk plays (videos, and the audio guide's voice), by the time of day."""

    video_sound: Annotated[
        bool,
        Field(description="panel videos start with their sound on (a visitor can mute one)"),
    ] = True
    day_volume: Annotated[
        float, Field(ge=0, le=1, description="the level while open (0 silent, 1 full)")
    ] = 0.8
    evening_volume: Annotated[float, Field(ge=0, le=1)] = 0.5
    evening_from: Annotated[
        str | None,
        Field(
            description="from this time (HH:MM) until closing the evening level applies; "
            "none: the day level all day. Outside opening hours (standby) the kiosk is silent",
            examples=["16:30"],
        ),
    ] = None

    @field_validator("evening_from")
    @classmethod
    def _clock_time(cls, value: str | None) -> str | None:
        if value is not None and not _CLOCK_RE.match(value):
            raise ValueError(f"expected a time like '16:30', found {value!r}")
        return value


class Theme(Model, views.Theme):
    background: Color = THEME_DEFAULTS["background"]
    surface: Color = THEME_DEFAULTS["surface"]
    text: Color = THEME_DEFAULTS["text"]
    muted: Color = THEME_DEFAULTS["muted"]
    primary: Color = THEME_DEFAULTS["primary"]
    high_contrast: bool = THEME_DEFAULTS["high_contrast"]


class AdminSettings(Model, views.AdminSettings):
    pin_hash: Annotated[
        str,
        Field(
            pattern=r"^pbkdf2_sha256\$\d+\$[0-9a-f]+\$[0-9a-f]+$",
            description="Written by `kiosk set-pin`; never the PIN itself.",
        ),
    ]

    @field_validator("pin_hash")
    @classmethod
    def _rounds_in_range(cls, value: str) -> str:
        rounds = int(value.split("$")[1])
        low, high = PIN_ROUNDS
        if not low <= rounds <= high:
            raise ValueError(
                f"the hash asks for {rounds:,} rounds; the kiosk accepts {low:,} to {high:,} "
                "(more would freeze the screen while a PIN is checked): make a new one with "
                "`kiosk set-pin`"
            )
        return value


class Mounting(Model, views.Mounting):
    """Where the screen hangs, so the kiosk knows which part of it a visitor can reach."""

    bottom_edge_mm: Annotated[
        int,
        Field(ge=0, le=3000, description="height of the picture's bottom edge above the floor"),
    ] = 520
    screen_height_mm: Annotated[
        int | None,
        Field(
            ge=100,
            le=3000,
            description="height of the picture in mm; default: a 55-inch screen in the "
            "orientation shown (685 landscape, 1218 portrait)",
        ),
    ] = None


class DisplaySettings(Model, views.DisplaySettings):
    orientation: Literal["auto", "landscape", "portrait"] = "auto"
    mounting: Mounting = Mounting()
    scale_factor: Annotated[float, Field(gt=0.25, le=4)] | None = None
    hide_cursor: bool = True


_HOURS_RE = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


class OpeningHours(Model, views.OpeningHours):
    """Weekly hours as `"09:00-17:30"` per weekday; a missing day or `closed` means closed."""

    mon: str | None = None
    tue: str | None = None
    wed: str | None = None
    thu: str | None = None
    fri: str | None = None
    sat: str | None = None
    sun: str | None = None
    closed_dates: Annotated[Sequence[date], AfterValidator(tuple)] = ()

    @field_validator(*WEEKDAYS)
    @classmethod
    def _hours_format(cls, value: str | None) -> str | None:
        if value is None or value == "closed":
            return value
        match = _HOURS_RE.match(value)
        if not match or value[:5] >= value[6:]:
            raise ValueError(f"expected hours like '09:00-17:30' or 'closed', found {value!r}")
        return value


class Announcement(Dated, views.Announcement):
    """A notice on the home screen (opening hours, a closure, an event), in the Markdown
    subset of text blocks; `show_from`/`show_until` put it up and take it down by themselves."""

    title: LocalText | None = None
    text: LocalText


class Site(Model, views.Site):
    title: LocalText
    subtitle: LocalText | None = None
    announcements: Annotated[
        Sequence[Announcement], Field(max_length=3), AfterValidator(tuple)
    ] = ()
    languages: Annotated[
        Sequence[Lang], Field(min_length=1, max_length=4), AfterValidator(tuple)
    ] = ("zh", "en")
    default_language: Lang = "zh"
    panels: Annotated[Sequence[Slug], Field(min_length=1, max_length=12), AfterValidator(tuple)]
    headline_figures: Annotated[Sequence[Figure], Field(max_length=6), AfterValidator(tuple)] = ()
    idle: IdleSettings = IdleSettings()
    accessibility: Accessibility = Accessibility()
    attract: AttractSettings = AttractSettings()
    sound: SoundSettings = SoundSettings()
    theme: Theme = Theme()
    admin: AdminSettings
    display: DisplaySettings = DisplaySettings()
    opening_hours: OpeningHours | None = None
    # The kiosk's own words (kiosk/content/catalogue.py) given or changed per language:
    # `chrome: {home: {fr: Accueil}, language_name: {fr: FR}}`.
    chrome: ReadOnly[str, ReadOnly[Lang, _OneText]] = Field(default_factory=FrozenDict)

    @field_validator("chrome")
    @classmethod
    def _chrome_keys_known(cls, value: Mapping[str, Mapping[str, str]]):
        unknown = sorted(set(value) - catalogue.KEYS)
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(catalogue.KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            known = ", ".join(sorted(catalogue.KEYS))
            raise ValueError(f"unknown chrome text {unknown[0]!r}{hint} (known: {known})")
        return value

    @model_validator(mode="after")
    def _default_language_listed(self):
        if self.default_language not in self.languages:
            raise ValueError(
                f"default_language {self.default_language!r} is not in languages "
                f"{self.languages}; add it there or pick one of them"
            )
        return self


class Notice(Model, views.Notice):
    """`notice.yaml`: a message that takes over every screen (above attract, standby and the
    admin screen) while the file is there, until `until` if given. Every language of the site
    is shown at once: an evacuation notice cannot wait for a visitor to find the EN button."""

    level: Annotated[
        Literal["information", "closure", "evacuation"],
        Field(description="information (blue), closure (amber) or evacuation (red)"),
    ] = "information"
    title: LocalText
    text: LocalText
    until: Annotated[
        datetime | None,
        Field(
            description='Local time the notice ends by itself, e.g. "2026-12-02 18:00"; '
            "without it the notice stays until the file is removed.",
            examples=["2026-12-02 18:00"],
        ),
    ] = None

    @field_validator("title", "text")
    @classmethod
    def _fits_one_screen(cls, value: LocalText, info) -> LocalText:
        """Every language is on one screen at once, in large type: a few lines each."""
        most = NOTICE_WIDTH[info.field_name]
        texts = {"": value.root} if isinstance(value.root, str) else value.root
        for lang, text in texts.items():
            width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
            if width > most:
                where = f" in {lang!r}" if lang else ""
                raise ValueError(
                    f"too long to fit on the screen beside the other languages{where}: "
                    f"{len(text)} characters, at most {most} letters or {most // 2} Chinese "
                    "characters; say less, or point to where more is said"
                )
        return value

    @field_validator("until")
    @classmethod
    def _local_time(cls, value: datetime | None) -> datetime | None:
        """A time with a zone is turned into the kiosk's local time, then compared as such."""
        if value is not None and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value


class Content(Model, views.Content):
    """One validated snapshot of a content folder."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True
    )

    site: Site
    panels: ReadOnly[str, Panel]
    root: Path
    version: str
    notice: Notice | None = None  # notice.yaml, when the folder has one


def as_view(value: Any) -> Any:
    """`value` with every validated model in it turned into its plain record (views.py):
    what the running kiosk and the snapshot cache hold."""
    if isinstance(value, BaseModel):
        view: type[views.Record] = next(
            c for c in type(value).__mro__ if c.__module__ == views.__name__
        )
        private = value.__pydantic_private__ or {}  # (LocalText's `_speak`)
        return view.of(
            **{name: as_view(item) for name, item in vars(value).items()},
            **{name: as_view(item) for name, item in private.items()},
        )
    if isinstance(value, tuple):
        return tuple(as_view(item) for item in value)
    if isinstance(value, FrozenDict):
        return FrozenDict({key: as_view(item) for key, item in value.items()})
    return value
