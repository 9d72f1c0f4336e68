"""Sending each outbox entry with the sign-in of the issuer that made its reference.

After re-enrolment the outbox may still hold entries whose references an earlier issuer
made; the backend takes such a reference only from the device that owns the issuer, so
those go with that enrolment's kept sign-in (``DeviceIdentity.retired``). If that sign-in
no longer works (the old device was revoked), the entry is refused as ``forbidden`` and
the outbox holds it for an installer, rather than stopping every other entry from going.

A visit goes with the current sign-in: it names no issuer of its own (the case it made, if
any, is named by reference only), and it is this kiosk's visit whichever enrolment it
happened under.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.outbox import Sender
from shared.cases.schemas import CaseCreate, CaseRead
from shared.errors import Forbidden, NotAuthenticated
from shared.references import parse
from shared.visits.schemas import VisitCreate, VisitRead


class IssuerRouter:
    """A ``Sender`` that picks the client by the reference's issuer."""

    def __init__(self, current: Sender, retired: Mapping[str, Sender] | None = None) -> None:
        self._current = current
        self._retired = dict(retired or {})

    def forget_retired(self) -> None:
        self._retired.clear()

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead:
        issuer = parse(data.reference).issuer if data.reference else None
        sender = self._retired.get(issuer) if issuer is not None else None
        if sender is None:
            return self._current.create_case(data, idempotency_key=idempotency_key)
        try:
            return sender.create_case(data, idempotency_key=idempotency_key)
        except NotAuthenticated:
            raise Forbidden(
                "This kiosk's earlier sign-in no longer works.", reason="retired_sign_in"
            ) from None

    def record_visit(self, visit: VisitCreate) -> VisitRead:
        return self._current.record_visit(visit)
