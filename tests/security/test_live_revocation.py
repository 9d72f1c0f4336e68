"""Taking a sign-in away reaches the live hub: the operator's own commands, run as another
process against the running backend's database, close the sockets within seconds."""

from __future__ import annotations

import subprocess
import sys

from shared.live.messages import (
    DeskWelcome,
    KioskPresence,
    KioskWelcome,
    LiveError,
    TriageChanged,
)
from shared.triage.schemas import TriageKind
from tests.casebackend.test_live import kiosk_socket
from tests.casebackend.test_live_security import CLOSED_WITHIN_S, closed_after, desk_with
from tests.conftest import Backend


def _admin(backend: Backend, *args: str) -> None:
    database = backend.context.settings.database_url
    done = subprocess.run(
        [sys.executable, "-m", "firststop", "admin", "--database", database, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _the_kiosk_joining(message: object) -> bool:
    if isinstance(message, TriageChanged):
        return message.entry.kind is TriageKind.KIOSK_FAULT
    return isinstance(message, KioskPresence)


def test_deactivate_staff_and_revoke_device_close_live_sockets_within_seconds(
    backend: Backend,
) -> None:
    headers, enrolment = backend.enrol("shop")
    sam_headers = backend.login("sam")
    with desk_with(backend, sam_headers) as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)

        _admin(backend, "deactivate-staff", "sam")
        # Within CLOSED_WITHIN_S of the command's end, or closed_after fails. (The kiosk's
        # presence, and its line on the triage list, may reach the desk first: it joined
        # just before.)
        seen, code, _ = closed_after(sam, within=CLOSED_WITHIN_S)
        seen = [m for m in seen if not _the_kiosk_joining(m)]
        assert [type(m) for m in seen] == [LiveError], seen
        assert code == 4410

        _admin(backend, "revoke-device", str(enrolment["device_id"]))
        seen, code, _ = closed_after(kiosk)
        assert [type(m) for m in seen] == [LiveError], seen
        assert code == 4410
    for token in (sam_headers, headers):
        assert backend.http.get(f"{backend.api}/devices", headers=token).status_code == 401
