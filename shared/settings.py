"""What every program's one settings object shares: defaults, then a TOML file, then the
environment (the environment wins), and command-line overrides above them all.

A program's settings class derives from :class:`ProgramSettings` and names where its file
is with :meth:`ProgramSettings.config_file`; nothing else reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    TomlConfigSettingsSource,
)


class ProgramSettings(BaseSettings):
    @classmethod
    def config_file(cls) -> Path | None:
        """The TOML file to read, if there is one (each program says where)."""
        return None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = cls.config_file()
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, path or [])

    @classmethod
    def load(cls, **overrides: Any) -> Self:
        """The settings, with the command line's options (those given) on top."""
        return cls(**{k: v for k, v in overrides.items() if v is not None})
