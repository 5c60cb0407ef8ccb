"""The content layer must load and validate without Qt (the CLI and CI rely on it)."""

import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import importlib, pkgutil, sys
import kiosk.content
for module in pkgutil.walk_packages(kiosk.content.__path__, "kiosk.content."):
    importlib.import_module(module.name)
from kiosk.cli import main
main(["validate"])
qt = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "qtpy", "qtawesome")]
print("QT:", qt)
"""


def test_content_layer_and_validate_command_do_not_import_qt():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True)
    assert "QT: []" in out.stdout, out.stdout + out.stderr
