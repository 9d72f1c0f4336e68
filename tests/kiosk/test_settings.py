"""The kiosk's settings, read and checked without pydantic: values from the environment read
as pydantic read them, the same precedence, and every bad value named with where it came
from, for the installer at the console."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from firststop.cli import build_parser
from kiosk.settings import KioskSettings, KioskSettingsError, load_settings


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings file the kiosk reads (not written yet), and no kiosk settings in the
    environment but the ones a test sets."""
    import os

    for name in os.environ:
        if name.upper().startswith("FIRSTSTOP_KIOSK_"):
            monkeypatch.delenv(name)
    path = tmp_path / "kiosk.toml"
    monkeypatch.setenv("FIRSTSTOP_KIOSK_CONFIG", str(path))
    return path


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("locked", "No", False),
        ("locked", "on", True),
        ("locked", "T", True),
        ("locked", "0", False),
        ("width", " 1024 ", 1024),
        ("width", "1_024", 1024),
        ("height", "640.0", 640),
        ("idle_seconds", "120.5", 120.5),
        ("idle_seconds", "120", 120.0),
        ("screen_dpi", "96", 96.0),
        ("speech_engine", "mock", "mock"),
        ("default_language", "pl", "pl"),
        ("data_dir", "/srv/kiosk", Path("/srv/kiosk")),
    ],
)
def test_a_value_from_the_environment_is_read_as_its_setting_s_type(
    config, monkeypatch, name, text, value
):
    monkeypatch.setenv(f"FIRSTSTOP_KIOSK_{name.upper()}", text)
    loaded = getattr(load_settings(), name)
    assert loaded == value
    assert type(loaded) is type(value)


@pytest.mark.parametrize(
    ("name", "text", "must"),
    [
        ("locked", "maybe", "must be true or false"),
        ("locked", "2", "must be true or false"),
        ("width", "1024.5", "must be a whole number"),
        ("width", "1e3", "must be a whole number"),
        ("idle_seconds", "soon", "must be a number"),
        ("screen_dpi", "", "must be a number"),
    ],
)
def test_a_value_from_the_environment_that_is_not_its_type_is_refused(
    config, monkeypatch, name, text, must
):
    monkeypatch.setenv(f"FIRSTSTOP_KIOSK_{name.upper()}", text)
    with pytest.raises(KioskSettingsError) as refused:
        load_settings()
    variable = f"FIRSTSTOP_KIOSK_{name.upper()}"
    assert (
        refused.value.message
        == f'{name} in the environment variable {variable} {must} (it is "{text}").'
    )


def test_a_value_from_the_file_that_is_not_its_type_is_refused(config):
    config.write_text('default_language = 5\nconfig_dir = 7\nwidth = 1024.0\nlocked = "yes"\n')
    with pytest.raises(KioskSettingsError) as refused:
        load_settings()
    assert refused.value.problems == (
        f"config_dir in {config} must be a folder's path (in quotes in the file) (it is 7).",
        f"default_language in {config} must be text (in quotes in the file) (it is 5).",
    )


def test_the_command_line_wins_over_the_environment_which_wins_over_the_file(config, monkeypatch):
    config.write_text("idle_seconds = 120\nsync_seconds = 20\nwidth = 1024\nheight = 700\n")
    monkeypatch.setenv("firststop_kiosk_sync_seconds", "30")  # names in any case
    monkeypatch.setenv("FIRSTSTOP_KIOSK_WIDTH", "1100")
    monkeypatch.setenv("FIRSTSTOP_KIOSK_NOT_A_SETTING", "1")  # not looked up, so no harm
    settings = load_settings(width=1200, height=None, locked=False)
    assert settings.heartbeat_seconds == 30  # the default
    assert settings.idle_seconds == 120  # the file over the default
    assert settings.sync_seconds == 30  # the environment over the file
    assert settings.width == 1200  # the command line over both
    assert settings.height == 700  # None: not given
    assert settings.locked is False


def test_a_name_the_kiosk_does_not_have_is_refused_in_the_file_and_on_the_command_line(config):
    config.write_text("idle_second = 120\n")
    with pytest.raises(KioskSettingsError) as refused:
        load_settings()
    assert refused.value.message == (
        f"{config} names a setting the kiosk does not have: idle_second "
        "(did you mean idle_seconds?)."
    )
    config.unlink()
    with pytest.raises(KioskSettingsError, match=r"^colour on the command line is not a setting"):
        load_settings(colour="blue")


@pytest.mark.parametrize("source", ["file", "environment", "command line"])
def test_a_value_out_of_range_is_refused_naming_where_it_came_from(config, monkeypatch, source):
    settings: dict[str, float] = {}
    if source == "file":
        config.write_text("idle_warning_seconds = 5\n")
        where = f"in {config}"
    elif source == "environment":
        monkeypatch.setenv("FIRSTSTOP_KIOSK_IDLE_WARNING_SECONDS", "5")
        where = "in the environment variable FIRSTSTOP_KIOSK_IDLE_WARNING_SECONDS"
    else:
        settings = {"idle_warning_seconds": 5}
        where = "on the command line"
    with pytest.raises(KioskSettingsError) as refused:
        load_settings(**settings)
    assert refused.value.message == f"idle_warning_seconds {where} must be at least 20 (it is 5)."


def test_every_problem_is_reported_at_once(config, monkeypatch):
    config.write_text("scan_gap_ms = 900\nsync_seconds = 0\nwatchdog = 20\n")
    monkeypatch.setenv("FIRSTSTOP_KIOSK_WIDTH", "100")
    with pytest.raises(KioskSettingsError) as refused:
        load_settings(screen_dpi=-1)
    assert refused.value.message == "\n".join(
        [
            "The kiosk's settings need correcting:",
            f"- {config} names a setting the kiosk does not have: watchdog "
            "(did you mean watchdog_seconds?).",
            "- width in the environment variable FIRSTSTOP_KIOSK_WIDTH must be at least 320 "
            "(it is 100).",
            f"- sync_seconds in {config} must be more than 0 (it is 0).",
            "- screen_dpi on the command line must be more than 0 (it is -1).",
            f"- scan_gap_ms in {config} must be at most 500 (it is 900).",
        ]
    )


def test_a_file_that_is_not_toml_is_refused_with_its_line(config):
    config.write_text('default_language = "pl"\nidle_seconds 120\n')
    with pytest.raises(KioskSettingsError) as refused:
        load_settings()
    assert refused.value.message.startswith(
        f"The settings file {config} has a mistake on line 2 (Expected '=' after a key"
    )


def test_a_settings_object_made_or_copied_in_code_is_checked_too(tmp_path):
    settings = KioskSettings(config_dir=tmp_path, data_dir=tmp_path, screen_dpi=96)
    assert settings.screen_dpi == 96.0
    assert isinstance(settings.screen_dpi, float)
    assert replace(settings, idle_seconds=600).idle_seconds == 600
    with pytest.raises(
        KioskSettingsError, match=r"^idle_warning_seconds as given must be at least 20"
    ):
        replace(settings, idle_warning_seconds=5)


@pytest.mark.parametrize("command", [["kiosk"], ["kiosk", "--smoke"]])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("idle_warning_seconds = 5\n", "idle_warning_seconds in {config} must be at least 20"),
        ('default_language = "pl\n', "The settings file {config} has a mistake on line 1"),
    ],
)
def test_firststop_kiosk_says_what_is_wrong_and_exits_2(config, capsys, text, message, command):
    config.write_text(text)
    args = build_parser().parse_args(command)
    assert args.run(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message.format(config=config))
    assert "Traceback" not in err


def test_the_settings_import_no_pydantic():
    """The welcome screen is drawn before pydantic is imported: the settings must not."""
    imported = subprocess.run(
        [sys.executable, "-c", "import kiosk.settings, sys; print('pydantic' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert imported.stdout.strip() == "False"
