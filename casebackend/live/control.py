"""What the hub's processes tell each other, and how a command-line tool tells them.

Every hub process listens to one room, ``hub``: which kiosks and desks are connected to
each process, claims, the last screen of each claimed request, sign-ins taken away, and
"alive" every second. A message is a JSON head (``k`` the kind, ``p`` the sending process)
and, for a screen, a new line and the screen itself (``docs/live.md``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

CONTROL = "hub"
# The sender named by a command-line tool (not a hub process: never "gone").
TOOL = "tool"


def control(kind: str, body: str = "", **fields: Any) -> str:
    head = json.dumps({"k": kind, **fields}, separators=(",", ":"))
    return f"{head}\n{body}" if body else head


def tell_backends(session: Session, kind: str) -> None:
    """Tell every running backend process, when this transaction commits, that something
    changed in the database: ``recheck`` the sign-ins they hold (a member of staff
    deactivated, a kiosk revoked), ``reload`` the catalogue, routing rules and directory.

    Only on PostgreSQL, through its NOTIFY (every process with the postgresql broker hears
    it). On SQLite there is one backend process: its re-check finds a sign-in taken away
    within ``live_recheck_seconds``, and a new catalogue is served after a restart.
    """
    if session.get_bind().dialect.name == "postgresql":
        from casebackend.live.pgbroker import notify_in

        notify_in(session, CONTROL, control(kind, p=TOOL))
