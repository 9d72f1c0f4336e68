"""The triage list's schemas as dataclasses (``shared.schema``) say on the wire what they
said as pydantic models: desks of the previous version read the hub's lines and the
backend's answers, and a backend reads the handovers it stored before. Both readers of a
desk (the live link's, pydantic; the backend client's, msgspec) read them alike, and both
checkers refuse what the backend refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.catalogue.schemas import Tier
from shared.live.messages import TriageChanged, read_message, write_message
from shared.schema import SchemaError, convert, decode, encode, to_builtins
from shared.triage.schemas import (
    AccessNeed,
    FaultKind,
    Handover,
    SpeakToSomeone,
    StaffName,
    TriageEntry,
    TriageKind,
    TriageOutcome,
    TriageState,
    WalkInCreate,
)

AT = datetime(2026, 12, 5, 10, 0, 0, 123456, tzinfo=UTC)
NAIVE = datetime(2026, 12, 5, 10, 0, 0)  # noqa: DTZ001 — SQLite hands back naive times

HANDOVER = Handover(
    from_staff=StaffName(id=3, name="Sam"),
    note="Bins",
    service_code="missed_bin",
    service_name="Missed bin",
    step_id="where",
    step_number=2,
    step_count=5,
    at=AT,
)
FULL = TriageEntry(
    id="a" * 32,
    kind=TriageKind.WALK_IN,
    location_code="shop",
    state=TriageState.CALLED,
    ticket="W014",
    waiting_since=AT,
    target_seconds=600,
    priority=True,
    needs=(AccessNeed.WHEELCHAIR, AccessNeed.SPEECH),
    tier=Tier.ASSISTED,
    service_code="missed_bin",
    service_name="Missed bin",
    topics=("Council tax", "Housing"),
    name="Ann",
    device_id=4,
    kiosk_name="Front door",
    appointment_reference="AP-1",
    remote=True,
    remote_from="lib",
    for_advisor=True,
    assigned_to=StaffName(id=1, name="Alex"),
    called_by=StaffName(id=3, name="Sam"),
    called_at=AT + timedelta(seconds=5),
    parked_reason="doc",
    handover=HANDOVER,
    sms_when_called=True,
    outcome=TriageOutcome.RESOLVED,
    ended_at=NAIVE,
)
FAULT = TriageEntry(
    id="b" * 32,
    kind=TriageKind.KIOSK_FAULT,
    location_code="shop",
    state=TriageState.WAITING,
    waiting_since=NAIVE,
    target_seconds=60,
    fault=FaultKind.NOT_RESPONDING,
)

# What the pydantic models wrote (model_dump_json), byte for byte.
_HANDOVER_JSON = (
    '{"from_staff":{"id":3,"name":"Sam"},"note":"Bins","service_code":"missed_bin",'
    '"service_name":"Missed bin","step_id":"where","step_number":2,"step_count":5,'
    '"at":"2026-12-05T10:00:00.123456Z"}'
)
FULL_JSON = (
    '{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","kind":"walk_in","location_code":"shop",'
    '"state":"called","ticket":"W014","waiting_since":"2026-12-05T10:00:00.123456Z",'
    '"target_seconds":600,"priority":true,"needs":["wheelchair","speech"],"tier":2,'
    '"service_code":"missed_bin","service_name":"Missed bin","topics":["Council tax","Housing"],'
    '"name":"Ann","device_id":4,"kiosk_name":"Front door","fault":null,'
    '"appointment_reference":"AP-1","remote":true,"remote_from":"lib","for_advisor":true,'
    '"assigned_to":{"id":1,"name":"Alex"},"called_by":{"id":3,"name":"Sam"},'
    '"called_at":"2026-12-05T10:00:05.123456Z","parked_reason":"doc",'
    f'"handover":{_HANDOVER_JSON},"sms_when_called":true,"outcome":"resolved",'
    '"ended_at":"2026-12-05T10:00:00"}'
)
FAULT_JSON = (
    '{"id":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","kind":"kiosk_fault","location_code":"shop",'
    '"state":"waiting","ticket":null,"waiting_since":"2026-12-05T10:00:00","target_seconds":60,'
    '"priority":false,"needs":[],"tier":null,"service_code":null,"service_name":null,'
    '"topics":[],"name":null,"device_id":null,"kiosk_name":null,"fault":"not_responding",'
    '"appointment_reference":null,"remote":false,"remote_from":null,"for_advisor":false,'
    '"assigned_to":null,"called_by":null,"called_at":null,"parked_reason":null,'
    '"handover":null,"sms_when_called":false,"outcome":null,"ended_at":null}'
)


@pytest.mark.parametrize(("entry", "written"), [(FULL, FULL_JSON), (FAULT, FAULT_JSON)])
def test_an_entry_is_written_as_before_and_both_desk_readers_read_it(
    entry: TriageEntry, written: str
) -> None:
    # The backend's answers and the client's reading (msgspec).
    assert encode(entry).decode() == written
    assert decode(TriageEntry, written) == entry
    # The hub's triage.changed (a pydantic message holding the dataclass), as a desk reads it.
    message = TriageChanged(entry=entry, server_time=AT)
    text = write_message(message)
    assert f'"entry":{written},' in text
    assert read_message(text, "hub") == message


def test_a_handover_stored_by_an_earlier_version_reads_back() -> None:
    # triage_entries.handover holds model_dump(mode="json"): the same builtins now.
    stored = {
        "from_staff": {"id": 3, "name": "Sam"},
        "note": "Bins",
        "service_code": "missed_bin",
        "service_name": "Missed bin",
        "step_id": "where",
        "step_number": 2,
        "step_count": 5,
        "at": "2026-12-05T10:00:00.123456Z",
    }
    assert to_builtins(HANDOVER) == stored
    assert convert(Handover, stored) == HANDOVER
    assert encode(HANDOVER).decode() == _HANDOVER_JSON


def test_requests_are_sent_as_before() -> None:
    walk_in = WalkInCreate(
        location_code="shop",
        topics=("Housing",),
        tier=Tier.APPOINTMENT,
        name="Bo",
        needs=(AccessNeed.OTHER,),
    )
    assert encode(walk_in) == (
        b'{"location_code":"shop","service_code":null,"topics":["Housing"],"tier":3,'
        b'"name":"Bo","needs":["other"],"for_advisor":false}'
    )
    assert encode(SpeakToSomeone()) == (
        b'{"service_code":null,"language":"en","needs":[],"phone":null}'
    )


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (WalkInCreate, {"topics": ["a", "b", "c", "d", "e", "f"]}),
        (WalkInCreate, {"topics": [""]}),
        (WalkInCreate, {"name": ""}),
        (WalkInCreate, {"needs": ["other"] * 8}),
        (SpeakToSomeone, {"phone": "call me"}),
        (SpeakToSomeone, {"language": "e"}),
        (Handover, {"from_staff": {"id": 1, "name": "A"}, "note": "x" * 501, "at": "2026-12-05"}),
    ],
)
def test_both_checkers_refuse_what_the_backend_refused(kind: type, data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(kind).validate_python(data)
    with pytest.raises(SchemaError):
        convert(kind, data)


def test_the_backend_still_refuses_a_field_it_does_not_know() -> None:
    body = b'{"topics":["Housing"],"priority":true}'
    with pytest.raises(ValidationError, match="priority"):
        TypeAdapter(WalkInCreate).validate_json(body)
    # A desk or kiosk reading a newer backend's answer ignores it.
    assert decode(WalkInCreate, body) == WalkInCreate(topics=("Housing",))
