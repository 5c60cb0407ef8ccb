"""The content shipped with the app must validate cleanly: no errors, no warnings."""

from __future__ import annotations

from kiosk.commands.validate import validate_command
from tests.conftest import SAMPLE_CONTENT


def test_shipped_content_has_no_problems(capsys):
    status = validate_command(SAMPLE_CONTENT)
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.splitlines()[-1].endswith(", 0 warnings"), out
    assert len(out.splitlines()) == 1, out
