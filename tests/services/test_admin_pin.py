from __future__ import annotations

import logging
import re

import pytest

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


# The sample site.yaml's hash of the documented sample PIN 2580, made on another machine.
SAMPLE_HASH = (
    "pbkdf2_sha256$200000$e7a1c3f09b5d4a2687c1f0e2d3b4a596"
    "$a3bce2ff3dd1e88aea6be8791157c63ab8967968610cf4642a30f860d2e2bf84"
)


def test_a_hash_made_elsewhere_opens_the_gate_with_its_pin_only():
    assert verify_pin("2580", SAMPLE_HASH)
    assert not verify_pin("2581", SAMPLE_HASH)
    assert not verify_pin("2580", SAMPLE_HASH.replace("pbkdf2_sha256", "pbkdf2_sha512"))
    assert not verify_pin("2580", SAMPLE_HASH.replace("$200000$", "$199999$"))
    assert not verify_pin("2580", SAMPLE_HASH + "$extra")
    assert not verify_pin("2580", "pbkdf2_sha256$many$00$00")
    assert not verify_pin("2580", "pbkdf2_sha256$1000$not-hex$00")


def test_the_same_pin_and_salt_give_the_same_hash():
    salt = bytes(range(16))
    made = hash_pin("2580", iterations=1000, salt=salt)
    assert made.startswith("pbkdf2_sha256$1000$000102030405060708090a0b0c0d0e0f$")
    assert made == hash_pin("2580", iterations=1000, salt=salt)
    assert made != hash_pin("2580", iterations=1001, salt=salt)
    assert verify_pin("2580", made)


def gate_at(now):
    return PinGate(hash_pin("2580", iterations=1000), monotonic=lambda: now[0])


def test_the_lock_holds_until_its_last_moment_then_lets_the_right_pin_in():
    now = [100.0]
    gate = gate_at(now)
    for _ in range(5):
        assert not gate.attempt("1111")
    now[0] += 29.5
    assert gate.locked_for() == 0.5
    assert not gate.attempt("2580")  # still locked, even for the right PIN
    now[0] += 0.5
    assert gate.locked_for() == 0
    assert gate.attempt("2580")


def test_the_lock_doubles_each_time_up_to_fifteen_minutes():
    now = [0.0]
    gate = gate_at(now)
    locks = []
    for _ in range(12):
        gate.attempt("1111")
        locks.append(gate.locked_for())
        now[0] += gate.locked_for()
    assert locks == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]


def test_wrong_pins_and_lock_outs_are_logged_without_the_digits(caplog):
    now = [0.0]
    gate = gate_at(now)
    with caplog.at_level(logging.INFO, logger="kiosk.services.admin_pin"):
        for _ in range(6):
            gate.attempt("7391")
            now[0] += gate.locked_for()
        assert gate.attempt("2580")
    records = [r for r in caplog.records if r.name == "kiosk.services.admin_pin"]
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", "wrong admin PIN (1 in a row)"),
        ("WARNING", "wrong admin PIN (2 in a row)"),
        ("WARNING", "wrong admin PIN (3 in a row)"),
        ("WARNING", "wrong admin PIN (4 in a row)"),
        ("WARNING", "wrong admin PIN (5 in a row): PIN pad locked for 30 s"),
        ("WARNING", "wrong admin PIN (6 in a row): PIN pad locked for 60 s"),
        ("INFO", "admin PIN accepted after 6 wrong in a row"),
    ]
    assert "7391" not in caplog.text and "2580" not in caplog.text


def test_a_right_pin_first_time_logs_nothing(caplog):
    gate = gate_at([0.0])
    with caplog.at_level(logging.DEBUG, logger="kiosk.services.admin_pin"):
        assert gate.attempt("2580")
    assert caplog.records == []


def hash_pin_answers(monkeypatch, *answers):
    replies = iter(answers)

    def ask(prompt):
        reply = next(replies)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    monkeypatch.setattr(hash_pin_cli.getpass, "getpass", ask)


@pytest.mark.parametrize(
    "pin",
    [
        "25a0",
        "12 34",
        "",
        "123",
        "1234567890123",
        pytest.param("２５８０", id="fullwidth"),  # digits to str.isdigit(), not to the pad
        pytest.param("٢٥٨٠", id="arabic-indic"),
    ],
)
def test_hash_pin_command_refuses_pins_the_pad_cannot_type(monkeypatch, capsys, pin):
    hash_pin_answers(monkeypatch, pin, pin)
    assert hash_pin_cli.hash_pin_command() == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "a PIN is 4 to 12 digits (the PIN pad has only digits)\n"


@pytest.mark.parametrize("pin", ["0000", "123456789012"])
def test_hash_pin_command_accepts_four_to_twelve_digits(monkeypatch, capsys, pin):
    hash_pin_answers(monkeypatch, pin, pin)
    assert hash_pin_cli.hash_pin_command() == 0
    out, err = capsys.readouterr()
    assert verify_pin(pin, out.strip())
    assert pin not in out.strip().split("$")[:2]
    assert "pin_hash" in err


@pytest.mark.parametrize("stop", [EOFError(), KeyboardInterrupt()])
def test_hash_pin_command_can_be_cancelled(monkeypatch, capsys, stop):
    hash_pin_answers(monkeypatch, "2580", stop)
    assert hash_pin_cli.hash_pin_command() == 1
    assert capsys.readouterr() == ("", "cancelled\n")
