"""Each program's one settings object: defaults, then its TOML file, then the environment,
then the command line's options."""

from __future__ import annotations

import pytest

from casebackend.settings import BackendSettings
from casebackend.settings import load_settings as load_backend_settings
from kiosk.settings import KioskSettingsError
from kiosk.settings import load_settings as load_kiosk_settings


def test_the_kiosk_reads_its_file_then_the_environment_then_the_command_line(tmp_path, monkeypatch):
    config = tmp_path / "kiosk.toml"
    config.write_text('idle_seconds = 120\ndefault_language = "pl"\nheartbeat_seconds = 15\n')
    monkeypatch.setenv("FIRSTSTOP_KIOSK_CONFIG", str(config))
    monkeypatch.setenv("FIRSTSTOP_KIOSK_DEFAULT_LANGUAGE", "ar")
    settings = load_kiosk_settings(heartbeat_seconds=5, locked=None)
    assert settings.idle_seconds == 120  # the file
    assert settings.default_language == "ar"  # the environment over the file
    assert settings.heartbeat_seconds == 5  # the command line over both
    assert settings.locked is True  # an option not given leaves the default


def test_a_kiosk_setting_out_of_range_is_refused(tmp_path, monkeypatch):
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_warning_seconds = 5\n")
    monkeypatch.setenv("FIRSTSTOP_KIOSK_CONFIG", str(config))
    with pytest.raises(KioskSettingsError) as refused:
        load_kiosk_settings()
    assert refused.value.message == (
        f"idle_warning_seconds in {config} must be at least 20 (it is 5)."
    )


def test_the_backend_reads_the_file_named_in_its_environment(tmp_path, monkeypatch):
    config = tmp_path / "backend.toml"
    config.write_text('port = 9000\ntimezone = "Europe/London"\n')
    monkeypatch.setenv("FIRSTSTOP_BACKEND_CONFIG", str(config))
    monkeypatch.setenv("FIRSTSTOP_BACKEND_PORT", "9100")
    assert load_backend_settings().port == 9100
    monkeypatch.delenv("FIRSTSTOP_BACKEND_PORT")
    assert BackendSettings().port == 9000
    monkeypatch.delenv("FIRSTSTOP_BACKEND_CONFIG")
    assert BackendSettings().port == 8765
