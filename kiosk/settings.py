"""The kiosk's one settings object: defaults, then a TOML file, then the environment.

Environment variables are ``FIRSTSTOP_KIOSK_<NAME>`` (``FIRSTSTOP_KIOSK_IDLE_SECONDS``); the
file is ``kiosk.toml`` in the kiosk's config directory, or the one named by
``FIRSTSTOP_KIOSK_CONFIG``. Command-line options win over both. Nothing else in the kiosk
reads the environment.

What enrolment gives a kiosk (its token, issuer and location) is not a setting: it lives in
``device.json`` beside this file (see :mod:`kiosk.device`).

The sources are merged and the values checked here, without pydantic (which the other
programs' :class:`shared.settings.ProgramSettings` uses through pydantic-settings), with the
same precedence, the same reading of the environment (names in any case) and the same
reading of a value as pydantic's lax mode (``"yes"`` is true, ``"90"`` is 90). The kiosk
draws its welcome screen before anything imports pydantic: pydantic-settings cost some
50 ms and 7 MB, and pydantic itself with its first model about 100 ms and 9 MiB more,
all before the first frame. A value that is wrong is reported with the setting's name,
what it must be and where it came from, every such problem at once
(:class:`KioskSettingsError`), for the installer at the console.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Self

import platformdirs

from shared.errors import FirstStopError

ENV_PREFIX = "FIRSTSTOP_KIOSK_"
_CONFIG_FILE = "FIRSTSTOP_KIOSK_CONFIG"
APP_NAME = "firststop"


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kiosk"


class KioskSettingsError(FirstStopError):
    """Settings the kiosk cannot start with: each problem names the setting, what it must be
    and where the value came from (the file, the environment variable, the command line)."""

    code = "invalid_settings"

    def __init__(self, problems: list[str]) -> None:
        if len(problems) == 1:
            message = problems[0]
        else:
            message = "The kiosk's settings need correcting:\n" + "\n".join(
                f"- {problem}" for problem in problems
            )
        super().__init__(message)
        self.problems = tuple(problems)


def _limits(
    *, ge: float | None = None, gt: float | None = None, le: float | None = None
) -> dict[str, float]:
    """A field's bounds, as pydantic's ``Field(ge=…, gt=…, le=…)`` gave them."""
    bounds = {"ge": ge, "gt": gt, "le": le}
    return {name: bound for name, bound in bounds.items() if bound is not None}


@dataclass(frozen=True, slots=True, kw_only=True)
class KioskSettings:
    """The kiosk's settings, checked however they are made.

    Built directly (as tests do) it holds what it is given, coerced and checked; ``load``
    reads the file and the environment beneath what it is given. A changed copy:
    ``dataclasses.replace(settings, idle_seconds=600)``, checked the same way.
    """

    # Where the device file and kiosk.toml live (owner-only), and where the outbox and the
    # cached catalogue live.
    config_dir: Path = field(default_factory=default_config_dir)
    data_dir: Path = field(default_factory=default_data_dir)

    # Lock-down: full screen, frameless, on top, break-out keys swallowed. Off only for
    # development (``firststop kiosk --windowed``).
    locked: bool = True
    width: int = field(default=1280, metadata=_limits(ge=320))
    height: int = field(default=800, metadata=_limits(ge=320))

    # Idle: a warning after ``idle_seconds`` without a touch, counting down
    # ``idle_warning_seconds`` (one tap extends), then the privacy wipe.
    idle_seconds: float = field(default=90, metadata=_limits(ge=5))
    idle_warning_seconds: float = field(default=30, metadata=_limits(ge=20))

    # Background work.
    sync_seconds: float = field(default=10, metadata=_limits(gt=0))
    heartbeat_seconds: float = field(default=30, metadata=_limits(gt=0))
    catalogue_refresh_seconds: float = field(default=15 * 60, metadata=_limits(gt=0))

    # Large text meets EN 301 549 5.1.4: a capital H subtends at least 0.7° at this viewing
    # distance. ``screen_dpi`` is the panel's real density; unset, the screen's own report.
    viewing_distance_mm: float = field(default=500, metadata=_limits(gt=0))
    screen_dpi: float | None = field(default=None, metadata=_limits(gt=0))

    default_language: str = "en"
    # Spoken prompts through QtTextToSpeech; ``speech_engine`` picks one (unset: Qt's default).
    speech_engine: str | None = None

    # A built-in 2D barcode scanner typing as a keyboard (kiosk/scanner.py): keys this
    # close together, ending in Enter, are a scan, not a person's typing. 0: no scanner.
    scan_gap_ms: int = field(default=50, metadata=_limits(ge=0, le=500))

    # The installer exit: hold the top-left corner this long, then the PIN.
    installer_hold_seconds: float = field(default=5, metadata=_limits(ge=2))
    # The watchdog: a screen that stops answering this long ends the process (exit 70) so
    # the operating system restarts it.
    watchdog_seconds: float = field(default=20, metadata=_limits(ge=5))

    def __post_init__(self) -> None:
        """Coerce and check what was given (defaults too), as pydantic's constructor did."""
        given = {f.name: (getattr(self, f.name), "as given") for f in fields(self)}
        for name, value in _checked(given).items():
            object.__setattr__(self, name, value)

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

    @classmethod
    def load(cls, **overrides: Any) -> Self:
        """The settings, with the command line's options (those given) on top: what was given
        wins over the environment, which wins over the file, which wins over the defaults."""
        problems: list[str] = []
        found: dict[str, tuple[Any, str]] = {}
        path = cls.config_file()
        if path is not None and path.is_file():
            found.update(_read_file(path, problems))
        environment = {name.lower(): (name, value) for name, value in os.environ.items()}
        for f in fields(cls):
            named = environment.get(f"{ENV_PREFIX}{f.name}".lower())
            if named is not None:
                variable, value = named
                found[f.name] = (value, f"in the environment variable {variable}")
        for name, value in overrides.items():
            if value is not None:
                found[name] = (value, "on the command line")
        values = _checked(found, problems)
        return cls(**values)


def load_settings(**overrides: Any) -> KioskSettings:
    return KioskSettings.load(**overrides)


_NAMES = frozenset(f.name for f in fields(KioskSettings))
_TOML_PLACE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def _read_file(path: Path, problems: list[str]) -> dict[str, tuple[Any, str]]:
    """The file's settings, each with where it came from; a file that cannot be read or is
    not TOML, or a name the kiosk does not know, is a problem."""
    try:
        with path.open("rb") as file:
            table = tomllib.load(file)
    except OSError as exc:
        problems.append(f"The settings file {path} could not be read ({exc.strerror}).")
        return {}
    except UnicodeDecodeError:
        problems.append(f"The settings file {path} is not plain text (UTF-8).")
        return {}
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        where = (
            "" if place is None else " at its end" if place[1] is None else f" on line {place[1]}"
        )
        problems.append(
            f"The settings file {path} has a mistake{where} ({_TOML_PLACE.sub('', str(exc))}). "
            'Each setting is one line, name = value, with text in quotes: default_language = "pl".'
        )
        return {}
    found: dict[str, tuple[Any, str]] = {}
    for name, value in table.items():
        if name in _NAMES:
            found[name] = (value, f"in {path}")
        else:
            problems.append(f"{path} names a setting the kiosk does not have: {name}{_near(name)}.")
    return found


def _near(name: str) -> str:
    import difflib  # only for a mistyped name

    close = difflib.get_close_matches(name, sorted(_NAMES), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _checked(
    found: Mapping[str, tuple[Any, str]], problems: list[str] | None = None
) -> dict[str, Any]:
    """Every field's value (``found``'s, else its default), coerced to its type and within
    its bounds; raises :class:`KioskSettingsError` with every problem at once."""
    problems = [] if problems is None else problems
    values: dict[str, Any] = {}
    for name in found:
        if name not in _NAMES:
            problems.append(f"{name} {found[name][1]} is not a setting the kiosk has{_near(name)}.")
    for f in fields(KioskSettings):
        if f.name not in found:
            continue
        value, source = found[f.name]
        problem: str | None
        try:
            value = values[f.name] = _coerce(str(f.type), value)
        except ValueError as exc:
            problem = str(exc)
        else:
            problem = _out_of_bounds(value, f.metadata)
        if problem is not None:
            problems.append(f"{f.name} {source} must be {problem} (it is {_shown(value)}).")
    if problems:
        raise KioskSettingsError(problems)
    return values


def _coerce(kind: str, value: Any) -> Any:
    """``value`` as ``kind`` (the field's annotation), read as pydantic's lax mode reads it;
    a ValueError says what it must be."""
    optional = kind.endswith(" | None")
    if optional and value is None:
        return None
    return _COERCIONS[kind.removesuffix(" | None")](value)


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    raise ValueError("true or false")


def _int(value: Any) -> int:
    """A whole number: ``"90"``, ``" 90 "``, ``"90.0"``, ``90.0`` (not ``90.5`` or ``"9e1"``)."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        whole, point, zeros = value.strip().partition(".")
        if not (point and zeros.strip("0")):
            try:
                return int(whole)
            except ValueError:
                pass
    raise ValueError("a whole number")


def _float(value: Any) -> float:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise ValueError("a number")


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise ValueError("text (in quotes in the file)")


def _path(value: Any) -> Path:
    if isinstance(value, str | os.PathLike):
        return Path(value)
    raise ValueError("a folder's path (in quotes in the file)")


_COERCIONS: dict[str, Callable[[Any], Any]] = {
    "bool": _bool,
    "int": _int,
    "float": _float,
    "str": _str,
    "Path": _path,
}


def _out_of_bounds(value: Any, limits: Mapping[str, float]) -> str | None:
    """What the value must be, if it is outside the field's bounds (NaN is outside any)."""
    if value is None:
        return None
    if "ge" in limits and not value >= limits["ge"]:
        return f"at least {_shown(limits['ge'])}"
    if "gt" in limits and not value > limits["gt"]:
        return f"more than {_shown(limits['gt'])}"
    if "le" in limits and not value <= limits["le"]:
        return f"at most {_shown(limits['le'])}"
    return None


def _shown(value: Any) -> str:
    """A value as the installer would write it in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
