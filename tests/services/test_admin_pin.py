from __future__ import annotations

import re

from kiosk.commands import hash_pin as hash_pin_cli
from kiosk.services.admin_pin import PinGate, hash_pin, verify_pin


def test_hash_format_and_verification():
    pin_hash = hash_pin("2580")
    assert re.fullmatch(r"pbkdf2_sha256\$200000\$[0-9a-f]{32}\$[0-9a-f]{64}", pin_hash)
    assert verify_pin("2580", pin_hash)
    assert not verify_pin("2581", pin_hash)
    assert hash_pin("2580") != pin_hash  # salted
    assert not verify_pin("2580", "not a hash")
    assert not verify_pin("2580", "md5$1$00$00")


def test_lock_out_after_five_wrong_pins_grows_and_a_right_pin_resets():
    now = [0.0]
    gate = PinGate(hash_pin("2580", iterations=1000), monotonic=lambda: now[0])
    for _ in range(4):
        assert not gate.attempt("0000")
    assert gate.locked_for() == 0
    assert not gate.attempt("0000")  # fifth
    assert gate.locked_for() == 30
    assert not gate.attempt("2580")  # refused while locked, not counted
    assert gate.failures == 5
    now[0] += 31
    assert not gate.attempt("0000")
    assert gate.locked_for() == 60  # doubled
    now[0] += 61
    assert gate.attempt("2580")
    assert gate.failures == 0


def test_hash_pin_command_prints_a_hash_for_matching_pins(monkeypatch, capsys):
    answers = iter(["2580", "2580"])
    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", lambda prompt: next(answers))
    assert hash_pin_cli.hash_pin_command() == 0
    printed = capsys.readouterr().out.strip()
    assert verify_pin("2580", printed)


def test_hash_pin_command_refuses_different_pins(monkeypatch, capsys):
    answers = iter(["2580", "2581"])
    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", lambda prompt: next(answers))
    assert hash_pin_cli.hash_pin_command() == 1
    assert "differ" in capsys.readouterr().err
