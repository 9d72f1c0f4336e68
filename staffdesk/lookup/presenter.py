"""Find a case, the logic: searching, opening a case and adding a note, each off the UI
thread (the desk's :class:`~shared.ui.background.Background`) with the greeter's session,
and the answers put in plain words. Only the latest search and the latest case opened are
drawn: a greeter who searches twice quickly sees what they asked for last.

The backend scopes and audits every search and every case opened
(:mod:`casebackend.lookup.service`); nothing typed here is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from shared.cases.schemas import CaseRead, Channel, NoteCreate
from shared.client import BackendClient
from shared.errors import FirstStopError, NotFound, Unavailable
from shared.lookup.schemas import CaseHit, CaseLookup, LookupKind
from shared.ui.background import Background
from staffdesk.lookup.view import CaseDetail, HitRow, LookupView

KIND_WORDS = {
    LookupKind.REFERENCE: "reference",
    LookupKind.EMAIL: "email address",
    LookupKind.PHONE: "phone number",
    LookupKind.POSTCODE: "postcode",
    LookupKind.NAME: "name",
}
CHANNEL_WORDS = {
    Channel.KIOSK: "at a kiosk",
    Channel.ASSISTED_KIOSK: "at a kiosk, with help",
    Channel.FACE_TO_FACE: "face to face",
    Channel.WEB: "online",
    Channel.PHONE: "by phone",
    Channel.OPEN311: "through a partner's app",
}


def when(moment: datetime) -> str:
    """A time on the tablet's clock, as a greeter says it: ``4 Dec 2026, 14:05``."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def hit_row(hit: CaseHit) -> HitRow:
    who = ", ".join(p for p in (hit.customer_name, hit.postcode) if p)
    how = CHANNEL_WORDS[hit.channel] + (" (assisted)" if hit.assisted else "")
    return HitRow(
        reference=hit.reference,
        title=f"{hit.reference_display} · {hit.service_name}",
        lines=(
            f"{hit.status_label} · made {when(hit.created_at)} {how}",
            *((who,) if who else ()),
        ),
    )


def case_detail(case: CaseRead) -> CaseDetail:
    how = CHANNEL_WORDS[case.channel]
    if case.assisted_by:
        how = f"{how}, assisted by {case.assisted_by}"
    facts = [
        ("Status", case.status_label),
        ("Made", f"{when(case.created_at)}, {how}"),
        ("Where", case.location_code or "not at a location"),
        ("Team", case.team_name or "not routed yet"),
    ]
    if case.sla_due is not None:
        facts.append(("Due by", f"{case.sla_due.day} {case.sla_due:%b %Y}"))
    if case.place is not None and (case.place.address or case.place.postcode):
        facts.append(
            ("Place", ", ".join(p for p in (case.place.address, case.place.postcode) if p))
        )
    if case.description:
        facts.append(("Said", case.description))
    events: list[tuple[datetime, str]] = [
        (e.at, e.status.label + (f": {e.note}" if e.note else "")) for e in case.history
    ]
    events += [
        (n.at, f"{'Public update' if n.public else 'Note'} by {n.author}: {n.body}")
        for n in case.notes
    ]
    events.sort(key=lambda event: event[0])
    return CaseDetail(
        reference=case.reference,
        title=f"{case.reference_display} · {case.service_name}",
        facts=tuple(facts),
        history=tuple((when(at), what) for at, what in events),
    )


def found_words(lookup: CaseLookup) -> str:
    count = len(lookup.items)
    by = KIND_WORDS[lookup.kind]
    if count == 0:
        return f"No case found by that {by} among the cases you can see."
    cases = "1 case" if count == 1 else f"{count} cases"
    more = " Only the newest are shown: search by something more exact." if lookup.more else ""
    return f"{cases} found by {by}.{more}"


def error_words(error: FirstStopError) -> str:
    if isinstance(error, Unavailable):
        return f"The desk cannot reach the council's system. {error.message}"
    return error.message


class LookupPresenter(QObject):
    def __init__(
        self, view: LookupView, background: Background, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.background = background
        self.token: str | None = None
        self._search = 0
        self._open = 0
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.search_requested.connect(self._on_search_requested)
        self.view.case_chosen.connect(self._on_case_chosen)
        self.view.note_requested.connect(self._on_note_requested)

    def signed_in(self, token: str) -> None:
        self.token = token

    def signed_out(self) -> None:
        """Forget every search and case: the next greeter starts with an empty page."""
        self._search += 1
        self._open += 1
        self.token = None
        self.view.clear()

    def _call(
        self,
        work: Callable[[BackendClient], Any],
        done: Callable[[Any], None],
        failed: Callable[[FirstStopError], None],
    ) -> None:
        self.background.call_as(self.token, work, done, failed)

    def _on_search_requested(self, text: str) -> None:
        self._search += 1
        attempt = self._search
        self.view.show_status("Searching…")

        def done(lookup: CaseLookup) -> None:
            if attempt == self._search:
                self.view.show_hits([hit_row(hit) for hit in lookup.items])
                self.view.show_status(found_words(lookup))

        def failed(error: FirstStopError) -> None:
            if attempt == self._search:
                self.view.show_hits([])
                self.view.show_status(error_words(error), "error")

        self._call(lambda client: client.lookup_cases(text), done, failed)

    def _on_case_chosen(self, reference: str) -> None:
        self._open += 1
        self._show(lambda client: client.get_case(reference))

    def _on_note_requested(self, reference: str, body: str) -> None:
        self._open += 1
        note = NoteCreate(body=body)
        self._show(lambda client: client.add_note(reference, note), "The note is added.")

    def _show(self, work: Callable[[BackendClient], CaseRead], done_words: str = "") -> None:
        attempt = self._open

        def done(case: CaseRead) -> None:
            if attempt == self._open:
                self.view.show_case(case_detail(case))
                if done_words:
                    self.view.note_added()
                self.view.show_status(done_words)

        def failed(error: FirstStopError) -> None:
            if attempt == self._open:
                if isinstance(error, NotFound):
                    self.view.show_case(None)
                self.view.show_status(error_words(error), "error")

        self._call(work, done, failed)
