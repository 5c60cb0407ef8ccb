"""How loud the kiosk is now: the site's day level, its evening level from `evening_from`
(and on a visit woken after closing), and silence while the standby screen shows."""

from __future__ import annotations

from datetime import datetime

from kiosk.content.views import OpeningHours, SoundSettings
from kiosk.services.hours import is_open


def sound_level(
    sound: SoundSettings, hours: OpeningHours | None, now: datetime, standby: bool
) -> float:
    """The level (0 silent, 1 full) films and the audio guide's voice play at, at `now`."""
    if standby:
        return 0.0
    evening = sound.evening_starts()
    if (evening is not None and now.time() >= evening) or not is_open(hours, now):
        return sound.evening_volume
    return sound.day_volume
