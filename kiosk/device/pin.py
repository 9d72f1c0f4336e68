"""The installer PIN: 4 to 8 digits, kept Argon2-hashed in ``installer-pin`` beside
``device.json`` (owner-only), so enrolling again does not touch it; and its lock-out
(:class:`PinLock`), kept in ``installer-pin-lockout.json`` beside it."""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.files import write_atomically
from kiosk.settings import KioskSettings
from shared.errors import InvalidInput

if TYPE_CHECKING:
    from argon2 import PasswordHasher

log = logging.getLogger(__name__)

MIN_DIGITS = 4
MAX_DIGITS = 8


@functools.cache
def _hasher() -> PasswordHasher:
    """Loaded when a PIN is first set or checked, not at every start (argon2 and cffi)."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def installer_pin_file(settings: KioskSettings) -> Path:
    return settings.config_dir / "installer-pin"


def set_installer_pin(settings: KioskSettings, pin: str) -> None:
    """Set (or change) the PIN. ``InvalidInput`` unless it is 4 to 8 digits."""
    if not (pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        raise InvalidInput(
            f"The installer PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits, with nothing else.",
            field="pin",
        )
    write_atomically(installer_pin_file(settings), _hasher().hash(pin).encode(), private=True)
    log.info("installer PIN set")


def installer_pin_is_set(settings: KioskSettings) -> bool:
    return installer_pin_file(settings).is_file()


def check_installer_pin(settings: KioskSettings, pin: str) -> bool:
    """Whether ``pin`` is the installer PIN. False when no PIN is set, or the file is
    unreadable: the installer exit stays shut rather than open."""
    try:
        stored = installer_pin_file(settings).read_text().strip()
    except OSError:
        return False
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(stored, pin)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError):
        log.warning("the installer PIN file is damaged; set the PIN again")
        return False


# The lock-out -------------------------------------------------------------------------------

# Wrong PINs in a row before the pad locks, and how long each lock-out lasts: the first
# one minute, the second five, every later one thirty, until the right PIN is typed.
TRIES_PER_ROUND = 5
LOCKOUT_STEPS: tuple[float, ...] = (60.0, 300.0, 1800.0)


def installer_pin_lockout_file(settings: KioskSettings) -> Path:
    return settings.config_dir / "installer-pin-lockout.json"


@dataclass(frozen=True, slots=True)
class PinAttempt:
    """What one PIN typed on the pad led to."""

    authorised: bool
    # Wrong PINs still allowed before the pad locks (0 once it has).
    tries_left: int
    # Seconds until the pad takes a PIN again (0: it does now).
    locked_seconds: float


@dataclass(slots=True)
class _State:
    wrong: int = 0
    lockouts: int = 0
    locked_until: float = 0.0


class PinLock:
    """The installer PIN's lock-out: wrong tries and when the pad opens again, kept in
    ``state_file`` (written atomically, owner-only) so a restart neither forgets nor
    shortens it. Each lock-out is longer than the one before (``steps``); the right PIN
    starts the count again. ``state_file=None`` keeps the count in memory only.

    The clock is the wall clock, the only one that survives a restart; a wait is never
    longer than its step, so a clock put back cannot lock the pad for longer.
    """

    def __init__(
        self,
        check_pin: Callable[[str], bool],
        state_file: Path | None,
        *,
        tries: int = TRIES_PER_ROUND,
        steps: tuple[float, ...] = LOCKOUT_STEPS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if tries < 1 or not steps or min(steps) <= 0:
            raise ValueError("a lock-out needs at least one try and positive steps")
        self._check_pin = check_pin
        self._file = state_file
        self._tries = tries
        self._steps = steps
        self._clock = clock
        self._memory = _State()

    def seconds_locked(self) -> float:
        """How long until the pad takes a PIN again; 0 when it does now."""
        return self._left(self._load())

    def tries_left(self) -> int:
        state = self._load()
        return 0 if self._left(state) else self._tries - state.wrong % self._tries

    def attempt(self, pin: str) -> PinAttempt:
        """Check ``pin``, unless the pad is locked (then it is not even looked at)."""
        state = self._load()
        left = self._left(state)
        if left:
            return PinAttempt(authorised=False, tries_left=0, locked_seconds=left)
        if self._check_pin(pin):
            self._save(_State())
            return PinAttempt(authorised=True, tries_left=self._tries, locked_seconds=0.0)
        state.wrong += 1
        if state.wrong % self._tries:
            self._save(state)
            return PinAttempt(
                authorised=False,
                tries_left=self._tries - state.wrong % self._tries,
                locked_seconds=0.0,
            )
        step = self._steps[min(state.lockouts, len(self._steps) - 1)]
        state.lockouts += 1
        state.locked_until = self._clock() + step
        self._save(state)
        log.warning("installer PIN locked for %g s (lock-out %d)", step, state.lockouts)
        return PinAttempt(authorised=False, tries_left=0, locked_seconds=step)

    def _left(self, state: _State) -> float:
        if not state.lockouts:
            return 0.0
        step = self._steps[min(state.lockouts - 1, len(self._steps) - 1)]
        return max(0.0, min(state.locked_until - self._clock(), step))

    def _load(self) -> _State:
        if self._file is None:
            return _State(**asdict(self._memory))
        try:
            raw = json.loads(self._file.read_bytes())
            return _State(
                wrong=int(raw["wrong"]),
                lockouts=int(raw["lockouts"]),
                locked_until=float(raw["locked_until"]),
            )
        except FileNotFoundError:
            return _State()
        except (OSError, ValueError, TypeError, KeyError):
            # Shut rather than open: a damaged file counts as one lock-out, starting now.
            log.warning("the installer PIN lock-out file is damaged; locking the pad")
            state = _State(lockouts=1, locked_until=self._clock() + self._steps[0])
            self._save(state)
            return state

    def _save(self, state: _State) -> None:
        if self._file is None:
            self._memory = _State(**asdict(state))
            return
        write_atomically(self._file, json.dumps(asdict(state)).encode(), private=True)


def installer_pin_lock(settings: KioskSettings) -> PinLock:
    """The lock on this kiosk's installer PIN, kept beside it in the config folder."""
    return PinLock(
        functools.partial(check_installer_pin, settings), installer_pin_lockout_file(settings)
    )
