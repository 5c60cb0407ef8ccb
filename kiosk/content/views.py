"""What the screens read of a content snapshot: plain read-only records, without pydantic.
Qt-free.

The validating models (kiosk/content/models.py) are built on these classes, so a screen
that asks `isinstance(block, ImageBlock)` or calls `text.get("en")` works on either. The
loader hands the running kiosk these records (`models.as_view`), and the snapshot cache
pickles them: a start from the cache imports neither pydantic nor the models, which cost
about a quarter of the start and 24 MiB of memory.

A record's fields are its attributes (`vars(record)`, in the models' order); they are set once,
when the record is made from a validated model, and never changed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

R = TypeVar("R", bound="Record")

NOTICE_FILE = "notice.yaml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# operable parts between these heights above the floor (ADA 308, EN 301 549 8.3)
REACH_MM = (380, 1220)
SCREEN_55_MM = (1218, 685)  # a 55-inch 16:9 screen's picture, long and short side


class FrozenDict(dict):
    """A mapping that refuses changes; copies and pickles like a dict (unlike MappingProxy)."""

    def _refuse(self, *_args, **_kwargs):
        raise TypeError("a content snapshot is read-only; load a new one instead")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self):
        return (type(self), (dict(self),))

    def __deepcopy__(self, memo):
        return type(self)({k: copy.deepcopy(v, memo) for k, v in self.items()})

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))


class Record:
    """A read-only record; equal to another of its class with the same fields.

    (In the pydantic models these methods come after BaseModel's, which win there.) The
    fields are declared for the type checker only: at run time a record has no annotations,
    which pydantic would take for fields of the models built on it."""

    if TYPE_CHECKING:
        note: str | None

    @classmethod
    def of(cls: type[R], **fields: Any) -> R:
        """A record with exactly these fields (how `models.as_view` makes them)."""
        record = object.__new__(cls)
        record.__dict__.update(fields)
        return record

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError("a content snapshot is read-only; load a new one instead")

    def __delattr__(self, name: str) -> None:
        raise TypeError("a content snapshot is read-only; load a new one instead")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self).__name__, *vars(self).values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in fields(self))
        return f"{type(self).__name__}({shown})"


def fields(record: Record) -> list[tuple[str, object]]:
    """(name, value) of every field of a record or a validating model, in the models' order."""
    return [(name, value) for name, value in vars(record).items() if not name.startswith("_")]


def replace(record: R, **changes: Any) -> R:
    """A copy of a record with some fields changed (a new snapshot; nothing mutates). A
    validating model (made by a test, say) is copied as pydantic copies it."""
    if hasattr(record, "model_copy"):
        return record.model_copy(update=changes)
    unknown = set(changes) - set(vars(record))
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    return type(record).of(**{**vars(record), **changes})


class LocalText(Record):
    """Visitor text: `root` is one string for every language, or a mapping per language."""

    if TYPE_CHECKING:
        root: str | Mapping[str, str]
        _speak: str | Mapping[str, str] | None

    def get(self, lang: str) -> str:
        """The text in `lang`, else in the first language it has (falls back, never empty)."""
        if isinstance(self.root, str):
            return self.root
        if lang in self.root:
            return self.root[lang]
        return next(iter(self.root.values()))

    def spoken_form(self, lang: str) -> str | None:
        """The `speak:` form for `lang`, if the operator wrote one."""
        speak = self._speak
        if isinstance(speak, Mapping):
            return speak.get(lang)
        return speak

    def spoken(self, lang: str) -> str:
        """What the voice says in `lang`: the spoken form, else the text shown."""
        return self.spoken_form(lang) or self.get(lang)

    def languages(self) -> set[str] | None:
        """Languages given explicitly; None for a single string meant for all."""
        return None if isinstance(self.root, str) else set(self.root)


class _FilePath(Record):
    if TYPE_CHECKING:
        root: str

    def __str__(self) -> str:
        return self.root


class ImagePath(_FilePath):
    pass


class VideoPath(_FilePath):
    pass


class CaptionPath(_FilePath):
    pass


def walk(value: object, where: str = "") -> Iterator[tuple[str, object]]:
    """Every record, LocalText and file path inside `value`, with a readable location."""
    yield where, value
    if isinstance(value, (LocalText, _FilePath)):
        return
    if isinstance(value, Record):
        for name, item in fields(value):
            yield from walk(item, f"{where}.{name}" if where else name)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, f"{where}[{index}]")
    elif isinstance(value, Mapping):  # (captions per language)
        for key, item in value.items():
            yield from walk(item, f"{where}.{key}")


class Dated(Record):
    """Anything that can be scheduled: shown only from/until a day (inclusive)."""

    if TYPE_CHECKING:
        show_from: date | None
        show_until: date | None

    def visible_on(self, day: date) -> bool:
        if self.show_from and day < self.show_from:
            return False
        return not (self.show_until and day > self.show_until)


# ---- blocks ---------------------------------------------------------------------------------


class TextBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["text"]
        title: LocalText | None
        body: LocalText


class Figure(Record):
    if TYPE_CHECKING:
        value: float
        decimals: int
        zh_units: bool
        unit: LocalText | None
        label: LocalText
        source: LocalText
        as_of: date | None


class FiguresBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["figures"]
        title: LocalText | None
        items: Sequence[Figure]


class ImageBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["image"]
        image: ImagePath
        caption: LocalText | None
        credit: LocalText | None


class GalleryImage(Record):
    if TYPE_CHECKING:
        image: ImagePath
        caption: LocalText | None
        credit: LocalText | None


class GalleryBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["gallery"]
        title: LocalText | None
        images: Sequence[GalleryImage]


class VideoBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["video"]
        title: LocalText | None
        video: VideoPath
        poster: ImagePath
        captions: Mapping[str, CaptionPath]
        caption: LocalText | None
        credit: LocalText | None


class TimelineEvent(Record):
    if TYPE_CHECKING:
        when: LocalText
        title: LocalText
        text: LocalText | None


class TimelineBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["timeline"]
        title: LocalText | None
        events: Sequence[TimelineEvent]


class StoryBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["story"]
        person: LocalText
        role: LocalText | None
        organisation: LocalText | None
        quote: LocalText
        image: ImagePath | None
        source: LocalText | None


class Bar(Record):
    if TYPE_CHECKING:
        label: LocalText
        value: float


class BarChartBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["bar_chart"]
        title: LocalText | None
        unit: LocalText | None
        bars: Sequence[Bar]
        source: LocalText


class Link(Record):
    if TYPE_CHECKING:
        label: LocalText
        url: str


class LinksBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["links"]
        title: LocalText | None
        links: Sequence[Link]


class Hotspot(Record):
    if TYPE_CHECKING:
        x: float
        y: float
        title: LocalText
        text: LocalText


class MapBlock(Dated):
    if TYPE_CHECKING:
        type: Literal["map"]
        title: LocalText | None
        image: ImagePath
        hotspots: Sequence[Hotspot]


Block = (
    TextBlock
    | FiguresBlock
    | ImageBlock
    | GalleryBlock
    | TimelineBlock
    | StoryBlock
    | BarChartBlock
    | LinksBlock
    | MapBlock
    | VideoBlock
)


class Panel(Dated):
    if TYPE_CHECKING:
        id: str
        title: LocalText
        subtitle: LocalText | None
        icon: str
        accent: str
        hero_image: ImagePath | None
        blocks: Sequence[Block]

    def visible_blocks(self, day: date) -> list[Block]:
        return [block for block in self.blocks if block.visible_on(day)]


# ---- site -----------------------------------------------------------------------------------


class IdleSettings(Record):
    if TYPE_CHECKING:
        timeout_seconds: float
        countdown_seconds: float
        attract_after_seconds: float


class Accessibility(Record):
    if TYPE_CHECKING:
        idle_factor: float
        reduced_motion: bool
        voices: Mapping[str, Sequence[str]]
        volume: float


class AttractItem(Record):
    if TYPE_CHECKING:
        image: ImagePath | None
        video: VideoPath | None
        sound: bool


class AttractSettings(Record):
    if TYPE_CHECKING:
        images: Sequence[ImagePath]
        items: Sequence[AttractItem]
        seconds_per_slide: float
        call_to_action: LocalText | None

    def slides(self) -> tuple[AttractItem, ...]:
        """The loop's items in order: the pictures of `images:`, then `items:`."""
        pictures = (
            AttractItem.of(note=None, image=image, video=None, sound=False) for image in self.images
        )
        return (*pictures, *self.items)


class SoundSettings(Record):
    if TYPE_CHECKING:
        video_sound: bool
        day_volume: float
        evening_volume: float
        evening_from: str | None

    def evening_starts(self) -> time | None:
        if self.evening_from is None:
            return None
        return time(int(self.evening_from[:2]), int(self.evening_from[3:]))


# The site's colours when site.yaml gives none (the models take their defaults from here).
THEME_DEFAULTS: dict[str, Any] = {
    "background": "#0b1d33",
    "surface": "#13294a",
    "text": "#f4f7fb",
    "muted": "#a9b8cc",
    "primary": "#2f8cff",
    "high_contrast": False,
}


class Theme(Record):
    if TYPE_CHECKING:
        background: str
        surface: str
        text: str
        muted: str
        primary: str
        high_contrast: bool

    @classmethod
    def default(cls) -> Theme:
        """The look of a site.yaml without `theme:`."""
        return cls.of(note=None, **THEME_DEFAULTS)


class AdminSettings(Record):
    if TYPE_CHECKING:
        pin_hash: str


class Mounting(Record):
    if TYPE_CHECKING:
        bottom_edge_mm: int
        screen_height_mm: int | None

    def height_mm(self, portrait: bool) -> int:
        if self.screen_height_mm is not None:
            return self.screen_height_mm
        return SCREEN_55_MM[0] if portrait else SCREEN_55_MM[1]

    def floor_mm(self, y: float, screen_px: int, portrait: bool) -> float:
        """Height above the floor of the screen line `y` px from the top."""
        return self.bottom_edge_mm + (screen_px - y) / screen_px * self.height_mm(portrait)

    def highest_reach_px(self, screen_px: int, portrait: bool) -> int:
        """The screen line (px from the top) at the top of the reach band; 0 if all of the
        screen is within reach."""
        above = REACH_MM[1] - self.bottom_edge_mm  # mm of screen within reach, from the bottom
        y = screen_px * (1 - above / self.height_mm(portrait))
        return max(0, min(screen_px, round(y + 0.5)))


class DisplaySettings(Record):
    if TYPE_CHECKING:
        orientation: Literal["auto", "landscape", "portrait"]
        mounting: Mounting
        scale_factor: float | None
        hide_cursor: bool


class OpeningHours(Record):
    if TYPE_CHECKING:
        mon: str | None
        tue: str | None
        wed: str | None
        thu: str | None
        fri: str | None
        sat: str | None
        sun: str | None
        closed_dates: Sequence[date]

    def hours_on(self, day: date) -> tuple[time, time] | None:
        """Opening and closing time on `day`, or None when closed."""
        if day in self.closed_dates:
            return None
        value = getattr(self, WEEKDAYS[day.weekday()])
        if value in (None, "closed"):
            return None
        start, end = value.split("-")

        def parse(text: str) -> time:
            hours, minutes = int(text[:2]), int(text[3:])
            return time.max if hours == 24 else time(hours, minutes)

        return parse(start), parse(end)


class Announcement(Dated):
    if TYPE_CHECKING:
        title: LocalText | None
        text: LocalText


class Site(Record):
    if TYPE_CHECKING:
        title: LocalText
        subtitle: LocalText | None
        announcements: Sequence[Announcement]
        languages: Sequence[str]
        default_language: str
        panels: Sequence[str]
        headline_figures: Sequence[Figure]
        idle: IdleSettings
        accessibility: Accessibility
        attract: AttractSettings
        sound: SoundSettings
        theme: Theme
        admin: AdminSettings
        display: DisplaySettings
        opening_hours: OpeningHours | None
        chrome: Mapping[str, Mapping[str, str]]


class Notice(Record):
    if TYPE_CHECKING:
        level: Literal["information", "closure", "evacuation"]
        title: LocalText
        text: LocalText
        until: datetime | None

    def shown_at(self, now: datetime) -> bool:
        return self.until is None or now < self.until


class Content(Record):
    """One validated snapshot of a content folder: `site`, `panels` (by id), `root` (the
    folder), `version` and `notice`."""

    if TYPE_CHECKING:
        site: Site
        panels: Mapping[str, Panel]
        root: Path
        version: str
        notice: Notice | None

    def image_path(self, image: ImagePath | None) -> Path | None:
        return None if image is None else self.root / image.root

    def documents(self) -> Iterator[tuple[str, Record]]:
        """(file, record) for site.yaml, every panel file and notice.yaml."""
        yield "site.yaml", self.site
        for panel_id, panel in self.panels.items():
            yield f"panels/{panel_id}.yaml", panel
        if self.notice is not None:
            yield NOTICE_FILE, self.notice

    def _files(self, kind: type[_FilePath]) -> list[str]:
        """Every file of `kind` the content refers to, relative to its folder, each once."""
        found = {
            value.root
            for _, record in self.documents()
            for _, value in walk(record)
            if isinstance(value, kind)
        }
        return sorted(found)

    def image_files(self) -> list[str]:
        return self._files(ImagePath)

    def video_files(self) -> list[str]:
        """Every film, in panels and the attract loop."""
        return self._files(VideoPath)

    def caption_files(self) -> list[str]:
        return self._files(CaptionPath)

    def visible_panels(self, day: date) -> list[Panel]:
        """Panels in the order site.yaml gives, leaving out those not shown on `day`."""
        return [
            self.panels[panel_id]
            for panel_id in self.site.panels
            if panel_id in self.panels and self.panels[panel_id].visible_on(day)
        ]
