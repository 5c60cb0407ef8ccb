"""A speech-dispatcher of the tests' own, with espeak-ng and its sound sent nowhere.

The tests drive the real engine (Qt's speechd plugin, speech-dispatcher, espeak-ng), not a mock:
the kiosk asks for a voice by name, speech-dispatcher reports which voice it set and when it
began and finished each text. Only the sound goes nowhere, through libao's null driver: the
server runs with a configuration and HOME of its own (a copy of the system's, with
`AudioOutputMethod "libao"`, and a ~/.libao saying `default_driver=null`), on a socket of its
own that SPEECHD_ADDRESS points every client of this test run at (subprocesses included).

`.ci/run` installs speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SYSTEM_CONFIG = Path("/etc/speech-dispatcher")
INSTALL = "apt-get install speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"


class SpeechServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-speechd-"))
        self.socket = self.root / "speechd.sock"
        self.process: subprocess.Popen | None = None
        self.problem = ""

    @property
    def address(self) -> str:
        return f"unix_socket:{self.socket}"

    def start(self) -> bool:
        binary = shutil.which("speech-dispatcher")
        if binary is None or not SYSTEM_CONFIG.is_dir():
            self.problem = f"speech-dispatcher is not installed ({INSTALL})"
            return False
        config, home = self.root / "config", self.root / "home"
        shutil.copytree(SYSTEM_CONFIG, config)
        home.mkdir()
        (home / ".libao").write_text("default_driver=null\nquiet\n")
        conf = config / "speechd.conf"
        lines = [
            line for line in conf.read_text().splitlines() if not line.startswith("AudioOutput")
        ]
        conf.write_text("\n".join([*lines, 'AudioOutputMethod "libao"', ""]))
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
        self.process = subprocess.Popen(
            [binary, "-s", "-t", "0", "-c", "unix_socket", "-S", str(self.socket),
             "-C", str(config), "-L", str(self.root / "log"), "-P", str(self.root / "pid")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.socket.exists():
                return True
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.problem = f"speech-dispatcher did not start (logs in {self.root / 'log'})"
        self.stop()
        return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
