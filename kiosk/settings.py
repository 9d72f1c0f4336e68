"""The kiosk's one settings object: defaults, then a TOML file, then the environment.

Environment variables are ``FIRSTSTOP_KIOSK_<NAME>`` (``FIRSTSTOP_KIOSK_IDLE_SECONDS``); the
file is ``kiosk.toml`` in the kiosk's config directory, or the one named by
``FIRSTSTOP_KIOSK_CONFIG``. Command-line options win over both. Nothing else in the kiosk
reads the environment.

What enrolment gives a kiosk (its token, issuer and location) is not a setting: it lives in
``device.json`` beside this file (see :mod:`kiosk.device`).

The sources are merged here rather than by pydantic-settings (which the other programs'
:class:`shared.settings.ProgramSettings` uses) with the same precedence and the same
reading of the environment (names in any case; a value as pydantic reads a string): it
saves the kiosk some 50 ms and 7 MB before its welcome screen is drawn.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Self

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, model_validator

ENV_PREFIX = "FIRSTSTOP_KIOSK_"
_CONFIG_FILE = "FIRSTSTOP_KIOSK_CONFIG"
APP_NAME = "firststop"


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kiosk"


class KioskSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)

    # Where the device file and kiosk.toml live (owner-only), and where the outbox and the
    # cached catalogue live.
    config_dir: Path = Field(default_factory=default_config_dir)
    data_dir: Path = Field(default_factory=default_data_dir)

    # Lock-down: full screen, frameless, on top, break-out keys swallowed. Off only for
    # development (``firststop kiosk --windowed``).
    locked: bool = True
    width: int = Field(default=1280, ge=320)
    height: int = Field(default=800, ge=320)

    # Idle: a warning after ``idle_seconds`` without a touch, counting down
    # ``idle_warning_seconds`` (one tap extends), then the privacy wipe.
    idle_seconds: float = Field(default=90, ge=5)
    idle_warning_seconds: float = Field(default=30, ge=20)

    # Background work.
    sync_seconds: float = Field(default=10, gt=0)
    heartbeat_seconds: float = Field(default=30, gt=0)
    catalogue_refresh_seconds: float = Field(default=15 * 60, gt=0)

    # Large text meets EN 301 549 5.1.4: a capital H subtends at least 0.7° at this viewing
    # distance. ``screen_dpi`` is the panel's real density; unset, the screen's own report.
    viewing_distance_mm: float = Field(default=500, gt=0)
    screen_dpi: float | None = Field(default=None, gt=0)

    default_language: str = "en"
    # Spoken prompts through QtTextToSpeech; ``speech_engine`` picks one (unset: Qt's default).
    speech_engine: str | None = None

    # A built-in 2D barcode scanner typing as a keyboard (kiosk/scanner.py): keys this
    # close together, ending in Enter, are a scan, not a person's typing. 0: no scanner.
    scan_gap_ms: int = Field(default=50, ge=0, le=500)

    # The installer exit: hold the top-left corner this long, then the PIN.
    installer_hold_seconds: float = Field(default=5, ge=2)
    # The watchdog: a screen that stops answering this long ends the process (exit 70) so
    # the operating system restarts it.
    watchdog_seconds: float = Field(default=20, ge=5)

    @property
    def device_file(self) -> Path:
        return self.config_dir / "device.json"

    @property
    def outbox_file(self) -> Path:
        return self.data_dir / "outbox.sqlite3"

    @property
    def catalogue_file(self) -> Path:
        return self.data_dir / "catalogue.json"

    @classmethod
    def config_file(cls) -> Path | None:
        """The file named by FIRSTSTOP_KIOSK_CONFIG, else ``kiosk.toml`` in the default
        config directory, if it exists."""
        named = os.environ.get(_CONFIG_FILE)
        if named:
            return Path(named)
        path = default_config_dir() / "kiosk.toml"
        return path if path.exists() else None

    @model_validator(mode="before")
    @classmethod
    def _from_file_and_environment(cls, data: Any) -> Any:
        """What was given wins over the environment, which wins over the file."""
        if not isinstance(data, dict):
            return data
        found: dict[str, Any] = {}
        path = cls.config_file()
        if path is not None and path.is_file():
            with path.open("rb") as file:
                found.update(tomllib.load(file))
        environment = {name.lower(): value for name, value in os.environ.items()}
        for name in cls.model_fields:
            value = environment.get(f"{ENV_PREFIX}{name}".lower())
            if value is not None:
                found[name] = value
        return found | data

    @classmethod
    def load(cls, **overrides: Any) -> Self:
        """The settings, with the command line's options (those given) on top."""
        return cls(**{k: v for k, v in overrides.items() if v is not None})


def load_settings(**overrides: Any) -> KioskSettings:
    return KioskSettings.load(**overrides)
