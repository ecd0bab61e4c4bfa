"""The staff PIN: a salted scrypt hash in the configuration (a clear PIN only
in a demo), `python -m kiosk hash-pin`, and a delay growing after wrong
tries that closing the dialog does not reset. Also: `site_commune`, checked
by one rule for the configuration and the session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kiosk_helpers import SIZE, STAFF_PIN, screen_text

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.pin import FIRST_DELAY, MAX_DELAY, PinThrottle, hash_pin, parse_pin_hash, verify_pin
from kiosk.screens.staff import StaffScreen

REPO = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ hashing
def test_a_hash_is_salted_and_checks_only_its_pin():
    first, second = hash_pin("4321"), hash_pin("4321")
    assert first != second  # a salt of its own
    assert "4321" not in first
    n, r, p, salt, digest = parse_pin_hash(first)
    assert n >= 2**14 and len(salt) == 16 and len(digest) == 32
    assert verify_pin("4321", first) and verify_pin("4321", second)
    for wrong in ("1234", "43210", "432", "", "٤٣٢١"):
        assert not verify_pin(wrong, first), wrong


@pytest.mark.parametrize(
    "stored",
    ["1234", "scrypt$16384$8$1$abc", "md5$1$1$1$AAAA$AAAA", "scrypt$3$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==",
     "scrypt$1073741824$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA=="],
)  # fmt: skip
def test_a_damaged_hash_is_refused(stored):
    with pytest.raises(ValueError):
        parse_pin_hash(stored)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", ""])
def test_only_4_to_12_digits_make_a_pin(pin):
    with pytest.raises(ValueError):
        hash_pin(pin)


# ------------------------------------------------------------ configuration
def _config(tmp_path, text: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_a_clear_pin_is_refused_outside_a_demo(tmp_path):
    with pytest.raises(ConfigError) as error:
        _config(tmp_path, 'staff_pin = "1234"\n')
    assert "staff_pin" in str(error.value) and "python -m kiosk hash-pin" in str(error.value)


def test_a_demo_may_keep_a_clear_pin_which_is_hashed_at_load(tmp_path):
    config = _config(tmp_path, 'demo = true\nstaff_pin = "1234"\n')
    assert config.staff_pin is None and "1234" not in repr(config)
    assert verify_pin("1234", config.staff_pin_hash)


def test_a_hash_from_the_command_is_accepted(tmp_path):
    stored = hash_pin("55667788")
    config = _config(tmp_path, f'staff_pin_hash = "{stored}"\n')
    assert verify_pin("55667788", config.staff_pin_hash)
    with pytest.raises(ConfigError, match="staff_pin_hash"):
        _config(tmp_path, 'staff_pin_hash = "55667788"\n')


def test_the_demo_file_stores_the_hash_of_1234():
    config = load_config(REPO / "kiosk" / "demo.toml")
    assert config.demo and config.staff_pin is None
    assert verify_pin("1234", config.staff_pin_hash)
    # The example file gives no PIN anyone could copy.
    example = load_config(REPO / "kiosk" / "kiosk.example.toml")
    assert example.staff_pin_hash is None and not example.demo


def _hash_pin_command(text: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )


def test_hash_pin_prints_the_line_to_paste(tmp_path):
    result = _hash_pin_command("20202020\n20202020\n")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith('staff_pin_hash = "scrypt$') and "20202020" not in result.stdout + result.stderr
    config = _config(tmp_path, line + "\n")
    assert verify_pin("20202020", config.staff_pin_hash)


@pytest.mark.parametrize("text", ["2020\n2021\n", "12\n12\n", "abcd\nabcd\n"])
def test_hash_pin_refuses_a_bad_or_mistyped_pin(text):
    result = _hash_pin_command(text)
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr


# ----------------------------------------------------------------- the delay
def test_the_delay_grows_after_four_wrong_pins(tmp_path):
    clock = Clock()
    throttle = PinThrottle(clock=clock)
    for _ in range(4):
        assert throttle.failed() == 0
    assert throttle.failed() == FIRST_DELAY == 60
    clock.now += 30
    assert throttle.seconds_left() == 30
    clock.now += 30
    assert throttle.seconds_left() == 0
    assert throttle.failed() == 120  # then doubling
    clock.now += 120
    assert throttle.failed() == 240
    for _ in range(20):
        clock.now += MAX_DELAY
        throttle.failed()
    assert throttle.seconds_left() == MAX_DELAY  # capped at one hour
    throttle.succeeded()
    assert throttle.seconds_left() == 0 and throttle.failures == 0


def test_the_count_is_shared_through_its_file(tmp_path):
    """Browser mode: each session is a process; a reload must not reset the count."""
    clock, path = Clock(), tmp_path / "state.json"
    for _ in range(5):
        PinThrottle(path, clock=clock).failed()
    assert PinThrottle(path, clock=clock).seconds_left() == 60
    assert "failures" in path.read_text() and STAFF_PIN not in path.read_text()


# ---------------------------------------------------------- the staff screen
async def _type_pin(pilot, pin: str) -> None:
    await pilot.press(*pin, "enter")
    await pilot.pause()


async def test_wrong_pins_lock_the_exit_even_across_closing_the_dialog(make_app):
    app = make_app()
    clock = Clock()
    app.pin_throttle.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f12")
        await pilot.pause()
        for _ in range(10):  # Enter alone, held down: not a try
            await pilot.press("enter")
        assert app.pin_throttle.failures == 0
        for _ in range(4):
            await _type_pin(pilot, "0000")
        assert "Code incorrect" in screen_text(app)
        # Closing and opening the dialog again resets nothing.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+f12")
        await pilot.pause()
        await _type_pin(pilot, "1111")
        assert app.screen.query_one("#staff-message").text == "⚠ Trop d'essais, réessayez dans 60 s."
        assert "Trop d'essais" in screen_text(app)
        # The right PIN is not even checked while locked.
        await _type_pin(pilot, STAFF_PIN)
        assert app.is_running and isinstance(app.screen, StaffScreen)
        for secret in (STAFF_PIN, app.config.staff_pin_hash[:20], "scrypt"):
            assert secret not in screen_text(app)
        clock.now += 61
        await pilot.pause(1.2)  # the message goes when the wait is over
        assert "Trop d'essais" not in screen_text(app)
        await _type_pin(pilot, STAFF_PIN)
    assert app.return_code == 0


# ----------------------------------------------------------------- the commune
def test_a_site_commune_outside_the_nord_is_refused_at_load(tmp_path):
    from questionnaires import Session, load_flow

    # Paris and Arras are in the rules' list of communes, not in the Nord.
    for code in ("75056", "62041", "99999", "5935"):
        with pytest.raises(ConfigError) as error:
            _config(tmp_path, f'site_commune = "{code}"\n')
        assert "site_commune" in str(error.value) and "Nord" in str(error.value)
        with pytest.raises(ValueError, match="Nord"):
            Session(load_flow("resident"), "fr", site_commune=code)
    assert KioskConfig(site_commune=" 59512 ").site_commune == "59512"


async def test_a_valid_site_commune_works_at_the_first_tap(make_app):
    from kiosk.screens.question import QuestionScreen

    app = make_app(site_commune="59512")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#lang-fr")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.error_count == 0
        assert app.screen.query("#commune-59512")
