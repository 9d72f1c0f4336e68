"""The kiosk's heartbeat: version, outbox depth and held count, and the screen's vitals.

Sent from the sync worker's thread every ``heartbeat_seconds``, once each: one that fails
is logged by its error code and superseded by the next. It names the screen, never its
content (see :mod:`kiosk.sync.vitals`).

The outbox's depth and held count take in visits as well as cases: everything the kiosk
keeps that the backend has not acknowledged, so a kiosk whose visits are stuck or refused
shows on the fleet board as one whose cases are. A visit waits for seconds when online, so
it seldom shows.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Protocol

from kiosk.outbox import Outbox
from kiosk.sync.vitals import KioskVitals
from shared.errors import FirstStopError
from shared.fleet.schemas import Heartbeat

log = logging.getLogger(__name__)


def kiosk_version() -> str:
    """The kiosk's version, as the backend reports its own: in a bundle, from the
    ``VERSION`` file beside its program (a bundle carries no package metadata: it read
    ``0.0.0`` before), else the installed ``firststop`` package's."""
    if getattr(sys, "frozen", False):
        try:
            written = (Path(sys.executable).parent / "VERSION").read_text(encoding="utf-8")
            return written.split()[-1]  # "firststop-kiosk 0.1.0"
        except (OSError, IndexError):
            return "0.0.0"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("firststop")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"


class HeartbeatClient(Protocol):
    """What sends a heartbeat; ``shared.client.BackendClient`` is one."""

    def send_heartbeat(self, heartbeat: Heartbeat) -> None: ...


class HeartbeatSender:
    def __init__(
        self,
        client: HeartbeatClient,
        outbox: Outbox,
        vitals: KioskVitals,
        *,
        version: str | None = None,
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._vitals = vitals
        self._version = version or kiosk_version()

    def build(self) -> Heartbeat:
        vitals = self._vitals.snapshot()
        return Heartbeat(
            version=self._version,
            outbox_depth=self._outbox.depth(),
            outbox_held=self._outbox.held_count(),
            screen=vitals.screen,
            frame_age_s=round(vitals.frame_age_s, 3),
            touch_age_s=None if vitals.touch_age_s is None else round(vitals.touch_age_s, 3),
        )

    def send(self) -> bool:
        """Send one heartbeat now; whether the backend took it."""
        beat = self.build()
        try:
            self._client.send_heartbeat(beat)
        except FirstStopError as error:
            log.info("heartbeat not sent: %s", error.code)
            return False
        log.debug("heartbeat sent")
        return True
