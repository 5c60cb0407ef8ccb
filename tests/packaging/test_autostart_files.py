"""The start-on-boot files say what keeps a kiosk running: restart, watchdog, no time limit."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def read_unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_kiosk_unit_restarts_on_crash_within_a_start_limit_and_has_a_watchdog():
    unit = read_unit(PACKAGING / "systemd" / "etown-kiosk.service")
    service = unit["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "main"
    assert service["Restart"] == "on-failure"
    assert service["RestartSec"] == "3"
    assert service["WatchdogSec"] == "30"
    assert service["ExecStart"] == "%h/etown-kiosk/kiosk run"
    assert service["Environment"] == "QT_QPA_PLATFORM=xcb"
    # Start limits belong in [Unit]; systemd ignores them in [Service].
    assert unit["Unit"]["StartLimitIntervalSec"] == "300"
    assert unit["Unit"]["StartLimitBurst"] == "5"
    assert "StartLimitBurst" not in service
    assert unit["Unit"]["After"] == unit["Unit"]["PartOf"] == "graphical-session.target"
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_content_timer_starts_the_pull_service_that_validates_first():
    timer = read_unit(PACKAGING / "systemd" / "etown-kiosk-content.timer")
    assert timer["Timer"]["OnUnitActiveSec"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    service = read_unit(PACKAGING / "systemd" / "etown-kiosk-content.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"].startswith("%h/etown-kiosk/pull-content.sh")
    script = (PACKAGING / "content-repo" / "pull-content.sh").read_text()
    assert script.index('validate --content "$staging"') < script.index("merge --ff-only")


def test_content_hooks_are_executable_and_run_kiosk_validate():
    for name in ("pre-commit", "pull-content.sh"):
        path = PACKAGING / "content-repo" / name
        assert path.stat().st_mode & stat.S_IXUSR, f"{name} is not executable"
        assert "validate --content" in path.read_text()


def test_xdg_autostart_entry_runs_the_kiosk():
    entry = read_unit(PACKAGING / "etown-kiosk.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].endswith("/etown-kiosk/kiosk run")
    assert entry["Terminal"] == "false"
    assert entry["NoDisplay"] == "true"


def test_windows_task_starts_at_logon_restarts_and_never_times_out():
    root = ET.parse(PACKAGING / "windows" / "etown-kiosk-task.xml").getroot()

    def text(path: str) -> str:
        node = root.find(path, TASK_NS)
        assert node is not None, f"missing {path}"
        return node.text

    assert root.find("t:Triggers/t:LogonTrigger", TASK_NS) is not None
    assert text("t:Triggers/t:LogonTrigger/t:Repetition/t:Interval") == "PT1M"
    assert text("t:Settings/t:RestartOnFailure/t:Interval") == "PT1M"
    assert text("t:Settings/t:RestartOnFailure/t:Count") == "3"
    assert text("t:Settings/t:ExecutionTimeLimit") == "PT0S"
    assert text("t:Settings/t:MultipleInstancesPolicy") == "IgnoreNew"
    assert text("t:Settings/t:DisallowStartIfOnBatteries") == "false"
    assert text("t:Settings/t:StopIfGoingOnBatteries") == "false"
    assert text("t:Principals/t:Principal/t:LogonType") == "InteractiveToken"
    assert text("t:Actions/t:Exec/t:Command") == r"KIOSK_DIR\kiosk.exe"
    assert text("t:Actions/t:Exec/t:Arguments") == "run"
    installer = (PACKAGING / "windows" / "install.ps1").read_text()
    assert 'Replace("KIOSK_DIR"' in installer and 'Replace("KIOSK_USER"' in installer


@pytest.mark.parametrize(
    "unit", ["etown-kiosk.service", "etown-kiosk-content.service", "etown-kiosk-content.timer"]
)
def test_systemd_analyze_verify_accepts_the_units(unit, tmp_path):
    """systemd's own parser, when the machine has it (CI and kiosks do; the key checks above
    run everywhere). A fake home holds the executables the units name."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: apt-get install systemd")
    home = tmp_path / "home"
    (home / "etown-kiosk").mkdir(parents=True)
    for name in ("kiosk", "pull-content.sh"):
        exe = home / "etown-kiosk" / name
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    units = tmp_path / "units"
    shutil.copytree(PACKAGING / "systemd", units)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    result = subprocess.run(
        [analyze, "--user", "verify", "--man=no", str(units / unit)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    problems = [line for line in result.stderr.splitlines() if unit in line or "%h" in line]
    assert result.returncode == 0 and not problems, result.stderr
