"""What the UI thread tells the sync worker about the kiosk's screen, for heartbeats.

The window calls ``frame_drawn()`` when a frame reaches the screen (``frameSwapped`` or a
paint), ``touched()`` on each input event and ``screen_shown(name)`` on navigation; the
worker thread reads ``snapshot()``. Plain Python and thread-safe (one lock); each call is
cheap enough for every frame.

A screen is named by an identifier (``welcome``, ``journey:pothole:size``, ``help``),
never by what it shows: a name that could carry content (spaces, capitals, anything longer
than 60 characters) is refused with ``ValueError``, so no customer data can reach a
heartbeat through it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

SCREEN_NAME = re.compile(r"^[a-z0-9_:\-]{0,60}$")


@dataclass(frozen=True, slots=True)
class VitalsSnapshot:
    screen: str
    # Seconds since the last frame was drawn (since start, if none yet).
    frame_age_s: float
    # Seconds since the last touch; None if nobody has touched the kiosk yet.
    touch_age_s: float | None


class KioskVitals:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._screen = "starting"
        self._last_frame_at = clock()
        self._last_touch_at: float | None = None

    def frame_drawn(self) -> None:
        now = self._clock()
        with self._lock:
            self._last_frame_at = now

    def touched(self) -> None:
        now = self._clock()
        with self._lock:
            self._last_touch_at = now

    def screen_shown(self, name: str) -> None:
        if not SCREEN_NAME.fullmatch(name):
            raise ValueError("a screen name is a short identifier: a-z, 0-9, _ : -")
        with self._lock:
            self._screen = name

    def snapshot(self) -> VitalsSnapshot:
        now = self._clock()
        with self._lock:
            frame, touch, screen = self._last_frame_at, self._last_touch_at, self._screen
        return VitalsSnapshot(
            screen=screen,
            frame_age_s=max(0.0, now - frame),
            touch_age_s=None if touch is None else max(0.0, now - touch),
        )
