"""What the admin screen tells the operator on site, gathered from the running services.

The text is made here, Qt-free, so the admin screen only lays it out and tests can read it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.problems import Problem
from kiosk.content.report import count


@dataclass
class AdminInfo:
    version: str = "-"
    loaded_at: str = "-"
    source: str = "-"  # the content folder, or the last good copy
    problems: list[Problem] = field(default_factory=list)
    uptime: str = "-"
    last_crash: str | None = None
    disk: str = "-"
    log_dir: str = "-"
    usage_today: str = "-"

    def lines(self) -> list[tuple[str, str]]:
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        return [
            ("内容版本 Content version", self.version),
            ("加载时间 Loaded at", self.loaded_at),
            ("来源 Source", self.source),
            ("问题 Problems", f"{count(errors, 'error')}, {count(warnings, 'warning')}"),
            ("运行时间 Uptime", self.uptime),
            ("上次故障 Last crash", self.last_crash or "none"),
            ("磁盘 Disk", self.disk),
            ("日志 Logs", self.log_dir),
            ("今日使用 Today", self.usage_today),
        ]


def duration(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days} d {hours} h {rest // 60} min"


def disk_text(folder: Path) -> str:
    try:
        disk = shutil.disk_usage(folder)
    except OSError as exc:
        return f"unknown ({exc})"
    return f"{disk.free / 1e9:.1f} GB free of {disk.total / 1e9:.1f} GB"


def usage_text(path: Path, today) -> str:
    """Today's visits from the analytics file, in one line."""
    from kiosk.services.analytics import collect

    if not path.exists():
        return "no visits yet"
    try:
        stats = collect(path, today)
    except Exception as exc:  # noqa: BLE001 - a report must not break the admin screen
        return f"unavailable ({exc})"
    views = sum(n for _, n, _ in stats.top_panels)
    top = f", most viewed: {stats.top_panels[0][0]}" if stats.top_panels else ""
    return f"{count(stats.sessions, 'visit')}, {count(views, 'panel view')}{top}"
