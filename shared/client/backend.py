"""The backend client: one typed method per call of the internal API (``/api/v1``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from types import TracebackType
from typing import Self, TypeVar
from urllib.parse import quote

from shared import references
from shared.addresses import AddressMatch, AddressMatches, parse_postcode
from shared.appointments import references as appointment_references
from shared.appointments.schemas import (
    AppointmentCancel,
    AppointmentCheck,
    AppointmentCreate,
    AppointmentList,
    AppointmentRead,
    AppointmentRebook,
    Arrival,
    Offer,
    OpeningHours,
    OpenState,
    PublicAppointment,
    SlotList,
)
from shared.cases.schemas import (
    CaseCreate,
    CasePage,
    CaseRead,
    NoteCreate,
    PublicCase,
    StatusChange,
)
from shared.cases.tracking import TOKEN_PARAMETER
from shared.cases.workflow import CaseStatus
from shared.catalogue.schemas import Catalogue
from shared.client.schemas import Health
from shared.client.transport import UNREADABLE, Response, Sleep, Timeout, Transport
from shared.errors import Unavailable
from shared.figures.schemas import FiguresReport
from shared.fleet.schemas import Heartbeat
from shared.identity.schemas import Enrolment, EnrolRequest, LoginRequest, StaffSessionRead
from shared.lookup.schemas import CaseLookup, LookupKind
from shared.schema import SchemaError, decode, encode
from shared.triage.schemas import (
    CallNext,
    Close,
    Colleagues,
    Park,
    SpeakToSomeone,
    SpeakToSomeoneRead,
    Transfer,
    TriageEntry,
    TriageList,
    TriageOutcome,
    WalkInCreate,
)
from shared.visits.schemas import VisitCreate, VisitRead

API_PREFIX = "/api/v1"

_Model = TypeVar("_Model")


class BackendClient:
    """Talks to the case backend; every method answers a shared schema or raises a
    ``shared.errors.FirstStopError`` (never a transport's own exception):

    * a refusal is the backend's own error, rebuilt by ``error_from_wire`` with its message;
    * a connection that fails or times out, or a 502/503/504 after the retries, is
      ``Unavailable`` with a plain message (``details["reason"]`` says which);
    * a certificate this device does not trust is ``Unavailable`` saying so, for installers.

    Reads and creates carrying an idempotency key are retried with exponential backoff
    (``backoff``, ``2 * backoff``, …, ``retries`` times); other calls are sent once. One
    keep-alive session per client: make one per thread that talks to the backend (or share
    one; each send is serialised), and ``close()`` it, or use it as a context manager.

    Answers are read ignoring fields this version does not know, so a newer backend that
    adds a field does not break a kiosk that has not been updated yet.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: Timeout = (3.05, 10.0),
        retries: int = 3,
        backoff: float = 0.5,
        verify: bool | str = True,
        retry_after_cap: float = 30.0,
        sleep: Sleep | None = None,
    ) -> None:
        """``base_url`` is the backend's address (``http://127.0.0.1:8765``); ``verify`` is
        ``True``, ``False`` or the path of a CA bundle; ``sleep`` replaces the wait between
        retries (tests), which otherwise ends early when the client is closed."""
        self._transport = Transport(
            base_url.rstrip("/") + API_PREFIX,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            verify=verify,
            retry_after_cap=retry_after_cap,
            sleep=sleep,
        )
        self.token = token

    # Lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._transport.close()

    @property
    def closed(self) -> bool:
        return self._transport.closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Anyone ------------------------------------------------------------------------------

    def health(self) -> Health:
        return self._get("health", Health, operation="health")

    def catalogue(self) -> Catalogue:
        return self._get("catalogue", Catalogue, operation="catalogue")

    def track(self, reference: str, tracking_token: str | None = None) -> PublicCase:
        """A case's status and dates; with its tracking token, its full public view. A
        mistyped reference is refused here, without a round trip."""
        params: dict[str, str | int] | None = (
            {TOKEN_PARAMETER: tracking_token} if tracking_token else None
        )
        return self._get(
            f"track/{_reference(reference)}", PublicCase, operation="track", params=params
        )

    # Signing in --------------------------------------------------------------------------

    def enrol(self, code: str, name: str = "kiosk") -> Enrolment:
        """Exchange a one-time enrolment code for this kiosk's token and issuer.

        The token is not kept: store it, then set ``client.token``."""
        body = EnrolRequest(code=code, name=name)
        return self._post("devices/enrol", body, Enrolment, operation="enrol")

    def login(self, username: str, password: str) -> StaffSessionRead:
        """Sign a member of staff in. The session token is not kept: set ``client.token``."""
        body = LoginRequest(username=username, password=password)
        return self._post("staff/login", body, StaffSessionRead, operation="login")

    def logout(self) -> None:
        self._transport.send("POST", "staff/logout", operation="logout", token=self.token)

    # Kiosks ------------------------------------------------------------------------------

    def send_heartbeat(self, heartbeat: Heartbeat) -> None:
        """Report this kiosk's state (device token). Sent once, never retried: a heartbeat
        that does not arrive is superseded by the next one."""
        response = self._transport.send(
            "POST",
            "devices/heartbeat",
            operation="heartbeat",
            token=self.token,
            body=encode(heartbeat),
        )
        response.close()

    def record_visit(self, visit: VisitCreate) -> VisitRead:
        """Record a finished visit to this kiosk (device token). The visit's id makes the
        call idempotent: sent again (an acknowledgement lost), it answers ``recorded:
        False`` and stores nothing. So the id goes as the idempotency key too, and the call
        is retried like a create."""
        return self._post(
            "visits", visit, VisitRead, operation="record_visit", idempotency_key=visit.id
        )

    # Cases -------------------------------------------------------------------------------

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead:
        """Record a case. Sending the same key and body again answers the same case (so the
        call is retried like a read); the same key with another body is ``Conflict``."""
        return self._post(
            "cases", data, CaseRead, operation="create_case", idempotency_key=idempotency_key
        )

    def get_case(self, reference: str) -> CaseRead:
        return self._get(f"cases/{_reference(reference)}", CaseRead, operation="get_case")

    def search_cases(
        self,
        *,
        status: CaseStatus | None = None,
        service_code: str | None = None,
        location: str | None = None,
        q: str | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> CasePage:
        params: dict[str, str | int] = {"page": page, "page_size": page_size}
        for name, value in (
            ("status", status),
            ("service_code", service_code),
            ("location", location),
            ("q", q),
        ):
            if value is not None:
                params[name] = str(value)
        return self._get("cases", CasePage, operation="search_cases", params=params)

    def change_status(self, reference: str, change: StatusChange) -> CaseRead:
        path = f"cases/{_reference(reference)}/status"
        return self._post(path, change, CaseRead, operation="change_status")

    def add_note(self, reference: str, note: NoteCreate) -> CaseRead:
        path = f"cases/{_reference(reference)}/notes"
        return self._post(path, note, CaseRead, operation="add_note")

    def lookup_cases(self, q: str, by: LookupKind | None = None) -> CaseLookup:
        """Staff: the cases a reference, email, phone, postcode or name finds (newest
        first, at most 50, within the caller's locations for a greeter). Audited."""
        params: dict[str, str | int] = {"q": q}
        if by is not None:
            params["by"] = by.value
        return self._get("lookup/cases", CaseLookup, operation="lookup_cases", params=params)

    # Addresses ---------------------------------------------------------------------------

    def find_addresses(self, postcode: str) -> list[AddressMatch]:
        """The gazetteer's addresses at a postcode, in street-number order (kiosk or staff).

        A postcode typed any way is read here first, so one that cannot be a UK postcode is
        ``InvalidInput`` (with a message to show) without a round trip. An empty list means
        the backend does not know the postcode: offer to type the address instead."""
        found = self._get(
            "addresses",
            AddressMatches,
            operation="find_addresses",
            params={"postcode": parse_postcode(postcode)},
        )
        return found.addresses

    # The triage list (docs/api.md) -------------------------------------------------------

    def triage_list(self, location: str | None = None) -> TriageList:
        """A greeter's location's open list, in calling order (faults included)."""
        params: dict[str, str | int] | None = {"location": location} if location else None
        return self._get("triage", TriageList, operation="triage_list", params=params)

    def colleagues(self, location: str | None = None) -> Colleagues:
        """Whom a visitor can be passed to at the location (its desk staff)."""
        params: dict[str, str | int] | None = {"location": location} if location else None
        return self._get("triage/staff", Colleagues, operation="colleagues", params=params)

    def add_walk_in(self, walk_in: WalkInCreate) -> TriageEntry:
        return self._post("triage/walk-ins", walk_in, TriageEntry, operation="add_walk_in")

    def speak_to_someone(self, request: SpeakToSomeone) -> SpeakToSomeoneRead:
        """A kiosk: queue the customer for an advisor; the ticket to show them."""
        return self._post(
            "triage/speak-to-someone", request, SpeakToSomeoneRead, operation="speak_to_someone"
        )

    def call_next(self, location: str | None = None) -> TriageEntry:
        """The top of the list, called; ``NotFound`` when nobody is waiting. A help
        request is claimed: send ``help.claim`` on the live hub to open the mirror."""
        body = CallNext(location_code=location)
        return self._post("triage/next", body, TriageEntry, operation="call_next")

    def triage_action(
        self,
        entry_id: str,
        action: str,
        body: object | None = None,
        location: str | None = None,
    ) -> TriageEntry:
        """``call``, ``no-show`` (no body); ``park`` (:class:`Park`), ``transfer``
        (:class:`Transfer`), ``close`` (:class:`Close`): the entry as it now is."""
        response = self._transport.send(
            "POST",
            f"triage/{quote(entry_id, safe='')}/{action}",
            operation=f"triage_{action}",
            token=self.token,
            body=encode(body) if body is not None else None,
            params={"location": location} if location else None,
        )
        return _read(response, TriageEntry)

    def park(self, entry_id: str, reason: str, location: str | None = None) -> TriageEntry:
        return self.triage_action(entry_id, "park", Park(reason=reason), location)

    def transfer(
        self, entry_id: str, transfer: Transfer, location: str | None = None
    ) -> TriageEntry:
        return self.triage_action(entry_id, "transfer", transfer, location)

    def close_entry(
        self, entry_id: str, outcome: TriageOutcome, location: str | None = None
    ) -> TriageEntry:
        return self.triage_action(entry_id, "close", Close(outcome=outcome), location)

    # Opening hours and appointments (docs/appointments.md) -------------------------------

    def opening_hours(self, location: str) -> OpeningHours:
        return self._get(
            f"locations/{quote(location, safe='')}/hours", OpeningHours, operation="opening_hours"
        )

    def open_state(self, location: str, at: datetime | None = None) -> OpenState:
        """Whether the location is open (now, or at ``at``), and when that next changes."""
        params: dict[str, str | int] | None = {"at": at.isoformat()} if at else None
        return self._get(
            f"locations/{quote(location, safe='')}/open",
            OpenState,
            operation="open_state",
            params=params,
        )

    def appointment_offers(self, location: str | None = None) -> list[Offer]:
        """The services bookable (at one location): which tier-3 tiles can book."""
        params: dict[str, str | int] | None = {"location": location} if location else None
        response = self._transport.send(
            "GET",
            "appointments/offers",
            operation="appointment_offers",
            token=self.token,
            params=params,
        )
        return _read(response, list[Offer])

    def appointment_slots(
        self, location: str, service: str, first_day: date | None = None, days: int = 7
    ) -> SlotList:
        """Free times, earliest first, from ``first_day`` (today) for ``days`` days."""
        params: dict[str, str | int] = {"location": location, "service": service, "days": days}
        if first_day is not None:
            params["from"] = first_day.isoformat()
        return self._get(
            "appointments/slots", SlotList, operation="appointment_slots", params=params
        )

    def book_appointment(
        self, booking: AppointmentCreate, *, idempotency_key: str | None = None
    ) -> AppointmentRead:
        """One seat, or ``SlotTaken`` ("That time has just been taken …") when the last
        went to someone else first: show the times again. It carries an idempotency key (a
        new one unless given), so it is retried like a read: a retry after a timeout answers
        the booking the first attempt made, never a second one."""
        return self._post(
            "appointments",
            booking,
            AppointmentRead,
            operation="book_appointment",
            idempotency_key=idempotency_key or uuid.uuid4().hex,
        )

    def appointments(self, location: str | None = None, day: date | None = None) -> AppointmentList:
        """Staff: a location's appointments on a day (today), by time."""
        params: dict[str, str | int] = {}
        if location is not None:
            params["location"] = location
        if day is not None:
            params["day"] = day.isoformat()
        return self._get("appointments", AppointmentList, operation="appointments", params=params)

    def get_appointment(self, reference: str) -> AppointmentRead:
        return self._get(
            f"appointments/{_appointment(reference)}", AppointmentRead, operation="get_appointment"
        )

    def find_appointment(self, reference: str, check: AppointmentCheck) -> PublicAppointment:
        """Before a cancel or a move: the booking (when and where), or the refusal the change
        would meet (``NotFound`` for a wrong reference or contact alike, ``Conflict`` for one
        cancelled, past or too late)."""
        return self._post(
            f"appointments/{_appointment(reference)}/find",
            check,
            PublicAppointment,
            operation="find_appointment",
        )

    def cancel_appointment(
        self, reference: str, cancel: AppointmentCancel | None = None
    ) -> PublicAppointment:
        """Staff, or with ``contact`` (the booking's phone or email) for anyone else."""
        return self._post(
            f"appointments/{_appointment(reference)}/cancel",
            cancel or AppointmentCancel(),
            PublicAppointment,
            operation="cancel_appointment",
        )

    def rebook_appointment(self, reference: str, rebook: AppointmentRebook) -> PublicAppointment:
        return self._post(
            f"appointments/{_appointment(reference)}/rebook",
            rebook,
            PublicAppointment,
            operation="rebook_appointment",
        )

    def arrive(self, reference: str) -> Arrival:
        """The customer is here (a kiosk at the location, or staff): checked in and on the
        triage list. A mistyped reference is refused here, without a round trip."""
        response = self._transport.send(
            "POST",
            f"appointments/{_appointment(reference)}/arrive",
            operation="arrive",
            token=self.token,
        )
        return _read(response, Arrival)

    # Figures -----------------------------------------------------------------------------

    def figures(self, first: date, last: date, location: str | None = None) -> FiguresReport:
        """The figures for whole days ``first`` to ``last`` (inclusive, in the council's
        timezone), at one location or (``None``) the whole council (docs/figures.md). A
        greeter may read their own locations' only: another's is ``Forbidden``."""
        params: dict[str, str | int] = {"from": first.isoformat(), "to": last.isoformat()}
        if location is not None:
            params["location"] = location
        return self._get("figures", FiguresReport, operation="figures", params=params)

    # Plumbing ----------------------------------------------------------------------------

    def _get(
        self,
        path: str,
        model: type[_Model],
        *,
        operation: str,
        params: dict[str, str | int] | None = None,
    ) -> _Model:
        response = self._transport.send(
            "GET", path, operation=operation, token=self.token, params=params
        )
        return _read(response, model)

    def _post(
        self,
        path: str,
        body: object,
        model: type[_Model],
        *,
        operation: str,
        idempotency_key: str | None = None,
    ) -> _Model:
        response = self._transport.send(
            "POST",
            path,
            operation=operation,
            token=self.token,
            body=encode(body),
            idempotency_key=idempotency_key,
        )
        return _read(response, model)


def _appointment(text: str) -> str:
    return quote(appointment_references.parse(text).compact, safe="")


def _reference(text: str) -> str:
    # Checked here so a mistyped reference gets its plain InvalidReference even offline.
    return quote(references.parse(text).compact, safe="")


def _read(response: Response, model: type[_Model]) -> _Model:
    try:
        return decode(model, response.content)
    except SchemaError:
        raise Unavailable(UNREADABLE, reason="unreadable") from None
    finally:
        response.close()
