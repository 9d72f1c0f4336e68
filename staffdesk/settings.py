"""The staff desk's one settings object: defaults, then a TOML file, then the environment.

Environment variables are ``FIRSTSTOP_DESK_<NAME>`` (``FIRSTSTOP_DESK_BACKEND_URL``); the
file is ``desk.toml`` in the desk's config directory, or the one named by
``FIRSTSTOP_DESK_CONFIG``. Command-line options win over both. Nothing else in the desk
reads the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ProgramSettings

ENV_PREFIX = "FIRSTSTOP_DESK_"
_CONFIG_FILE = "FIRSTSTOP_DESK_CONFIG"
APP_NAME = "firststop"


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "desk"


class DeskSettings(ProgramSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    # The case backend (its HTTP address; the live hub is ``/live`` on the same host).
    backend_url: str = "http://127.0.0.1:8765"
    # The location this tablet sits at, for staff who work at several (unset: asked at
    # sign-in when it matters).
    location: str | None = Field(default=None, max_length=40)
    # The audible alert for a new help request (the visual one is always on).
    sound: bool = True
    # A normal window of this size; full screen unless ``windowed`` (tablets).
    windowed: bool = False
    width: int = Field(default=1280, ge=320)
    height: int = Field(default=800, ge=320)
    # How often the board asks the hub for fresh kiosk health.
    board_refresh_seconds: float = Field(default=10, gt=0)
    # A CA bundle for a backend with the council's own certificate.
    ca_file: Path | None = None

    @classmethod
    def config_file(cls) -> Path | None:
        """The file named by FIRSTSTOP_DESK_CONFIG, else ``desk.toml`` in the default
        config directory, if it exists."""
        named = os.environ.get(_CONFIG_FILE)
        if named:
            return Path(named)
        path = default_config_dir() / "desk.toml"
        return path if path.exists() else None


def load_settings(**overrides: Any) -> DeskSettings:
    return DeskSettings.load(**overrides)
