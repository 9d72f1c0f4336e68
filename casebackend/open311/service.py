"""GeoReport v2 (with the FixMyStreet extensions) over the case service.

This module turns what an Open311 client sends into calls to :mod:`casebackend.cases.service`
and what comes back into the spec's records. The rules about cases (answers, places,
references, workflow, SLA, notifications, audit) stay in the case service.

Choices the spec leaves open, made here:

* Information-only services (``kind == information``) are not published: there is
  nothing to submit for them.
* ``attribute[code]`` values for codes the service does not ask about are ignored, so a
  client that adds its own fields (FixMyStreet adds several) still gets its report in.
* ``account_id`` is echoed back but not stored; ``device_id`` is not stored; contact
  details go to the customer record ("tell us once") and are never published.
* Media URLs are kept in a private case note and published as the request's
  ``media_url``.
* Requests to services that are not reports of a place (applications, complaints,
  changes of address ...) are listed without their description, address or position:
  those say something about a person, not about a street.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from casebackend.cases import service as cases
from casebackend.cases.models import ActorKind, Case
from casebackend.context import BackendContext
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.open311 import repository
from casebackend.open311.parsing import (
    MAX_PAGE_SIZE,
    Form,
    comma_list,
    invalid,
    optional,
    parse_datetime,
    parse_page,
)
from casebackend.open311.render import end_of_day, w3c
from casebackend.open311.schemas import (
    AttributeOut,
    CreatedRequest,
    CreatedUpdate,
    Discovery,
    Endpoint,
    RequestOut,
    ServiceDefinition,
    ServiceOut,
    TokenOut,
    UpdateOut,
    ValueOut,
)
from shared import references
from shared.cases.schemas import MAX_DESCRIPTION, CaseCreate, NoteCreate, StatusChange
from shared.cases.workflow import CLOSED_STATUSES, TRANSITIONS, CaseStatus
from shared.catalogue import Service
from shared.catalogue.schemas import Datatype, ServiceKind, ServiceType
from shared.errors import InvalidInput, InvalidReference, NotAuthenticated, NotFound

THROUGH = "open311"
# When this face last changed in a way a client would notice.
CHANGESET = "2026-11-23T00:00:00Z"
CONTACT = "Contact the council's customer services team about this API."
KEY_SERVICE = (
    "API keys are issued by the council's system administrators "
    "(the backend's create-api-key command). Ask the council for one."
)
FORMATS = ["text/xml", "application/json"]
MAX_WINDOW = timedelta(days=90)
MAX_UPDATE_DESCRIPTION = 2000
MAX_MEDIA_URLS = 3
MAX_MEDIA_URL_LENGTH = 1000
MEDIA_UPDATE_NOTE = "Photo or video sent with an update through Open311:"

# A UK postcode at the end of an address string, for routing by area.
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\s*$", re.IGNORECASE)
_UPRN = re.compile(r"^\d{1,12}$")
_MEDIA_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)

# Our statuses in FixMyStreet's extended vocabulary, for service request updates.
EXTENDED_STATUS = {
    CaseStatus.SUBMITTED: "OPEN",
    CaseStatus.TRIAGED: "INVESTIGATING",
    # Waiting for more from the customer: still being looked into, nothing scheduled yet.
    CaseStatus.AWAITING_CUSTOMER: "INVESTIGATING",
    CaseStatus.IN_PROGRESS: "IN_PROGRESS",
    CaseStatus.RESOLVED: "FIXED",
    CaseStatus.CLOSED: "CLOSED",
    CaseStatus.DUPLICATE: "DUPLICATE",
    # FixMyStreet has no "cancelled"; CLOSED is "closed, nothing more to say".
    CaseStatus.CANCELLED: "CLOSED",
}
# Statuses a client may post, and what each does to an open case (the rest reopen a closed one).
_CLOSING = {
    "CLOSED": CaseStatus.CLOSED,
    "FIXED": CaseStatus.RESOLVED,
    "DUPLICATE": CaseStatus.DUPLICATE,
    "NOT_COUNCILS_RESPONSIBILITY": CaseStatus.CLOSED,
    "NO_FURTHER_ACTION": CaseStatus.CLOSED,
    "CANCELLED": CaseStatus.CANCELLED,
}
_OPENING = frozenset(
    {
        "OPEN",
        "REOPEN",
        "INVESTIGATING",
        "IN_PROGRESS",
        "ACTION_SCHEDULED",
        "PLANNED",
        "INTERNAL_REFERRAL",
        "FOR_TRIAGE",
    }
)
_OPEN_STATUSES = frozenset(CaseStatus) - CLOSED_STATUSES

M = TypeVar("M")

# CaseCreate's fields under the names an Open311 client used for them.
_PARAMETER_NAMES = {
    ("description",): "description",
    ("place", "address"): "address_string",
    ("place", "postcode"): "address_string",
    ("place", "uprn"): "address_id",
    ("place", "lat"): "lat",
    ("place", "long"): "long",
    ("customer", "first_name"): "first_name",
    ("customer", "last_name"): "last_name",
    ("customer", "email"): "email",
    ("customer", "phone"): "phone",
    ("body",): "description",
    ("note",): "description",
}


# Jurisdiction and callers ------------------------------------------------------------------


def check_jurisdiction(ctx: BackendContext, jurisdiction_id: str | None) -> None:
    """One jurisdiction is served, so the parameter is optional; a different one is not here."""
    given = optional(jurisdiction_id)
    if given is not None and given.lower() != ctx.settings.jurisdiction_id.lower():
        raise NotFound(
            f"There is no jurisdiction {given!r} here; this endpoint serves "
            f"{ctx.settings.jurisdiction_id}."
        )


def authenticate(session: Session, api_key: str | None) -> Principal:
    if not optional(api_key):
        raise NotAuthenticated("An api_key is required to do this.")
    try:
        return identity.principal_for_api_key(session, (api_key or "").strip())
    except NotAuthenticated:
        raise NotAuthenticated("The api_key is not valid.") from None


# Discovery and services --------------------------------------------------------------------


def discovery(ctx: BackendContext, endpoint_path: str) -> Discovery:
    url = ctx.settings.public_base_url.rstrip("/") + endpoint_path
    return Discovery(
        changeset=CHANGESET,
        contact=CONTACT,
        key_service=KEY_SERVICE,
        endpoints=[Endpoint(url=url, changeset=CHANGESET, type="production", formats=FORMATS)],
    )


def published(ctx: BackendContext) -> list[Service]:
    return [s for s in ctx.catalogue.get().services if s.kind is not ServiceKind.INFORMATION]


def published_service(ctx: BackendContext, code: str) -> Service:
    service = ctx.catalogue.get().service(code)
    if service is None or service.kind is ServiceKind.INFORMATION:
        raise NotFound(f"There is no service with the service_code {code!r}.")
    return service


def service_list(ctx: BackendContext) -> list[ServiceOut]:
    return [
        ServiceOut(
            service_code=s.code,
            service_name=s.name,
            description=s.description,
            metadata=s.metadata,
            type=s.type.value,
            keywords=", ".join(s.keywords),
            group=s.groups[0] if s.groups else None,
            groups=list(s.groups),
        )
        for s in published(ctx)
    ]


def service_definition(ctx: BackendContext, code: str) -> ServiceDefinition:
    """The questions, numbered from 1 in the catalogue's order; kiosk-only metadata stays home."""
    service = published_service(ctx, code)
    ordered = sorted(enumerate(service.attributes), key=lambda pair: (pair[1].order, pair[0]))
    return ServiceDefinition(
        service_code=service.code,
        attributes=[
            AttributeOut(
                variable=a.variable,
                code=a.code,
                datatype=a.datatype.value,
                required=a.required,
                datatype_description=a.datatype_description,
                order=position,
                description=a.description,
                values=[ValueOut(key=v.key, name=v.name) for v in a.values],
            )
            for position, (_, a) in enumerate(ordered, start=1)
        ],
    )


# Creating requests -------------------------------------------------------------------------


def create_request(
    session: Session, ctx: BackendContext, principal: Principal, form: Form
) -> CreatedRequest:
    check_jurisdiction(ctx, form.get("jurisdiction_id"))
    code = form.get("service_code")
    if code is None:
        raise invalid("service_code is required: choose one from services.xml or services.json.")
    service = published_service(ctx, code)
    description = form.get("description") or ""
    if len(description) > MAX_DESCRIPTION:
        raise invalid(
            f"description must be {MAX_DESCRIPTION:,} characters or fewer; "
            f"this one has {len(description):,}."
        )
    media = _media_urls(form)
    data = _validated(
        CaseCreate,
        {
            "service_code": service.code,
            "description": description,
            "answers": _answers(form, service),
            "place": _place(form, service),
            "customer": _contact(form),
        },
    )
    try:
        created = cases.create_case(session, ctx, principal, data, through=THROUGH)
    except InvalidInput as exc:
        raise invalid(*_answer_problems(exc, service)) from None
    case = created.case
    if media:
        _private_note(session, ctx, principal, case, repository.MEDIA_NOTE, media)
    notice = _notice(case.sla_due)
    account_id = form.get("account_id")
    if service.type is ServiceType.BATCH:
        return CreatedRequest(token=case.reference, service_notice=notice, account_id=account_id)
    if service.type is ServiceType.BLACKBOX:
        return CreatedRequest(service_notice=notice, account_id=account_id)
    return CreatedRequest(
        service_request_id=case.reference, service_notice=notice, account_id=account_id
    )


def _validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        reader = _readers.get(model) or _readers.setdefault(model, TypeAdapter(model))
        return cast(M, reader.validate_python(data))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = tuple(str(p) for p in error["loc"])
            name = _PARAMETER_NAMES.get(where, ".".join(where))
            problems.append(f"{name}: {error['msg']}")
        raise invalid(*problems) from None


# Built once per schema: building one reads the whole schema.
_readers: dict[type, TypeAdapter[Any]] = {}


def _place(form: Form, service: Service) -> dict[str, Any] | None:
    lat, long = form.get("lat"), form.get("long")
    address = form.get("address_string")
    address_id = form.get("address_id")
    if (lat is None) != (long is None):
        raise invalid("lat and long go together: send both, or neither.")
    point = _point(lat, long) if lat is not None and long is not None else None
    if address_id is not None and not _UPRN.match(address_id):
        raise invalid("address_id must be a UPRN: a number of up to 12 digits.")
    if point is None and address is None and address_id is None:
        if service.location_required:
            raise invalid(
                f"{service.name} needs a location: send lat and long, address_string or address_id."
            )
        return None
    postcode = _POSTCODE.search(address) if address else None
    return {
        "address": address,
        "postcode": f"{postcode.group(1)} {postcode.group(2)}".upper() if postcode else None,
        "uprn": address_id,
        "lat": point[0] if point else None,
        "long": point[1] if point else None,
    }


def _point(lat: str, long: str) -> tuple[float, float]:
    try:
        point = (float(lat), float(long))
    except ValueError:
        point = (math.nan, math.nan)
    if not all(math.isfinite(x) for x in point):
        raise invalid("lat and long must be numbers in degrees (WGS84), like 52.9548 and -1.1581.")
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise invalid("lat must be from -90 to 90 and long from -180 to 180 (WGS84 degrees).")
    return point


def _contact(form: Form) -> dict[str, Any] | None:
    contact = {name: form.get(name) for name in ("first_name", "last_name", "email", "phone")}
    return contact if any(contact.values()) else None


def _answers(form: Form, service: Service) -> dict[str, Any]:
    sent = form.attributes()
    answers: dict[str, Any] = {}
    problems = []
    for attribute in service.attributes:
        values = sent.get(attribute.code, [])
        if not values:
            if attribute.required and attribute.variable:
                problems.append(f"attribute[{attribute.code}] is required: {attribute.description}")
        elif attribute.datatype is Datatype.MULTIVALUELIST:
            answers[attribute.code] = values
        elif len(values) == 1:
            answers[attribute.code] = values[0]
        else:
            problems.append(f"attribute[{attribute.code}] takes one value, not {len(values)}.")
    if problems:
        raise invalid(*problems)
    return answers


def _answer_problems(exc: InvalidInput, service: Service) -> list[str]:
    fields = exc.details.get("fields")
    if not isinstance(fields, dict):
        return [exc.message]
    problems = []
    for code, message in fields.items():
        attribute = service.attribute(str(code))
        if attribute is None:
            problems.append(str(message))
            continue
        text = f"attribute[{code}]: {message}"
        if attribute.datatype.is_list:
            text += f" Allowed keys: {', '.join(v.key for v in attribute.values)}."
        problems.append(text)
    return problems


def _media_urls(form: Form) -> list[str]:
    urls = form.get_all("media_url")
    if len(urls) > MAX_MEDIA_URLS:
        raise invalid(f"Send at most {MAX_MEDIA_URLS} media_url values.")
    for url in urls:
        if len(url) > MAX_MEDIA_URL_LENGTH or not _MEDIA_URL.match(url):
            raise invalid(
                f"media_url must be an http or https URL of at most "
                f"{MAX_MEDIA_URL_LENGTH} characters."
            )
    return urls


def _private_note(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    case: Case,
    heading: str,
    lines: list[str],
) -> None:
    note = NoteCreate(body="\n".join([heading, *lines]), public=False)
    cases.add_note(session, ctx, principal, case.reference, note, through=THROUGH)


def _notice(due: date | None) -> str | None:
    if due is None:
        return None
    return f"We aim to deal with this by {due:%A} {due.day} {due:%B %Y}."


# Reading requests --------------------------------------------------------------------------


def list_requests(
    session: Session,
    ctx: BackendContext,
    *,
    service_request_id: str | None = None,
    service_code: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> list[RequestOut]:
    """GET requests: ``service_request_id`` overrides everything else, as the spec says."""
    public = public_service_codes(ctx)
    ids = comma_list(service_request_id)
    if ids:
        wanted = {ref for ref in map(_compact_or_none, ids[:MAX_PAGE_SIZE]) if ref}
        found = repository.find_requests(session, references=wanted, service_codes=public)
        return requests_out(session, ctx, found)
    start, end = window(start_date, end_date)
    number, size = parse_page(page, page_size)
    asked = comma_list(service_code)
    found = repository.find_requests(
        session,
        service_codes=[code for code in asked if code in public] if asked else public,
        start=start,
        end=end,
        statuses=_statuses(status),
        offset=(number - 1) * size,
        limit=size,
    )
    return requests_out(session, ctx, found)


def one_request(session: Session, ctx: BackendContext, service_request_id: str) -> RequestOut:
    return requests_out(session, ctx, [_find_public(session, ctx, service_request_id)])[0]


def token(session: Session, ctx: BackendContext, token_id: str) -> TokenOut:
    """Tokens are issued only by batch services, and a token is the request's id."""
    try:
        case = _find(session, token_id)
    except NotFound:
        raise NotFound(f"There is no token {token_id!r}.") from None
    service = ctx.catalogue.any_service(session, case.service_code)
    if service is None or service.type is not ServiceType.BATCH:
        raise NotFound(f"There is no token {token_id!r}.")
    return TokenOut(service_request_id=case.reference, token=case.reference)


def _compact_or_none(text: str) -> str | None:
    try:
        return references.parse(text).compact
    except InvalidReference:
        return None


def public_service_codes(ctx: BackendContext) -> list[str]:
    """Only reports of a problem in a place are public service requests.

    Complaints, applications, changes of address and the like are about a person: their
    existence is nobody else's business, so they are not listed or found here at all (the
    customer tracks them by reference on the tracking page).
    """
    return [s.code for s in ctx.catalogue.get().services if s.kind is ServiceKind.REPORT]


def _find_public(session: Session, ctx: BackendContext, service_request_id: str) -> Case:
    case = _find(session, service_request_id)
    if case.service_code not in public_service_codes(ctx):
        raise NotFound(f"There is no service request {service_request_id!r}.")
    return case


def _find(session: Session, service_request_id: str) -> Case:
    """A malformed id names nothing, so it is a 404 like any id we do not have."""
    try:
        compact = references.parse(service_request_id).compact
    except InvalidReference as exc:
        raise NotFound(
            f"There is no service request {service_request_id!r}. {exc.message}"
        ) from None
    case = repository.find_request(session, compact)
    if case is None:
        raise NotFound(f"There is no service request {service_request_id!r}.")
    return case


def window(
    start_date: str | None, end_date: str | None, *, now: datetime | None = None
) -> tuple[datetime, datetime]:
    """A span of at most 90 days; by default the most recent 90."""
    start = parse_datetime("start_date", start_date)
    end = parse_datetime("end_date", end_date)
    if start is None:
        end = end or now or datetime.now(UTC)
        start = end - MAX_WINDOW
    if end is None:
        end = start + MAX_WINDOW
    if start > end:
        raise invalid("start_date must be before end_date.")
    if end - start > MAX_WINDOW:
        raise invalid("start_date and end_date may be at most 90 days apart.")
    return start, end


def _statuses(status: str | None) -> set[CaseStatus] | None:
    asked = {s.lower() for s in comma_list(status)}
    if not asked <= {"open", "closed"}:
        raise invalid("status must be open, closed, or both separated by a comma.")
    if asked == {"open"}:
        return set(_OPEN_STATUSES)
    if asked == {"closed"}:
        return set(CLOSED_STATUSES)
    return None


def requests_out(session: Session, ctx: BackendContext, found: list[Case]) -> list[RequestOut]:
    ids = [c.id for c in found]
    teams = repository.team_names(session, {c.team_id for c in found if c.team_id is not None})
    notes = repository.latest_public_notes(session, ids)
    media = repository.media_urls(session, ids)
    zone = ctx.settings.timezone
    records = []
    for case in found:
        service = ctx.catalogue.any_service(session, case.service_code)
        about_a_place = service is not None and service.kind is ServiceKind.REPORT
        records.append(
            RequestOut(
                service_request_id=case.reference,
                status="open" if case.status.is_open else "closed",
                status_notes=notes.get(case.id),
                service_name=service.name if service else case.service_code,
                service_code=case.service_code,
                description=(case.description or None) if about_a_place else None,
                agency_responsible=teams.get(case.team_id) if case.team_id else None,
                service_notice=_notice(case.sla_due),
                requested_datetime=w3c(case.created_at, zone),
                updated_datetime=w3c(case.updated_at, zone),
                expected_datetime=end_of_day(case.sla_due, zone) if case.sla_due else None,
                address=case.address if about_a_place else None,
                address_id=case.uprn if about_a_place else None,
                zipcode=case.postcode if about_a_place else None,
                lat=case.lat if about_a_place else None,
                long=case.long if about_a_place else None,
                media_url=media.get(case.id) if about_a_place else None,
            )
        )
    return records


# Service request updates (FixMyStreet) -----------------------------------------------------


def list_updates(
    session: Session,
    ctx: BackendContext,
    *,
    start_date: str | None = None,
    end_date: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> list[UpdateOut]:
    start, end = window(start_date, end_date)
    number, size = parse_page(page, page_size)
    rows = repository.find_updates(
        session,
        start=start,
        end=end,
        service_codes=public_service_codes(ctx),
        offset=(number - 1) * size,
        limit=size,
    )
    zone = ctx.settings.timezone
    return [
        UpdateOut(
            update_id=f"{row.kind}-{row.id}",
            service_request_id=row.reference,
            status=EXTENDED_STATUS[row.status],
            updated_datetime=w3c(row.at, zone),
            description=row.text or None,
            media_url=None,
            external_status_code=row.status.value,
        )
        for row in rows
    ]


def post_update(
    session: Session, ctx: BackendContext, principal: Principal, form: Form
) -> CreatedUpdate:
    """One record per update: a status change carrying the words, or else a public note."""
    check_jurisdiction(ctx, form.get("jurisdiction_id"))
    required = ("update_id", "service_request_id", "status", "updated_datetime")
    missing = [name for name in required if form.get(name) is None]
    if missing:
        raise invalid(*(f"{name} is required." for name in missing))
    parse_datetime("updated_datetime", form.get("updated_datetime"))
    asked = (form.get("status") or "").upper()
    if asked not in _CLOSING and asked not in _OPENING:
        allowed = ", ".join(sorted({*_CLOSING, *_OPENING}))
        raise invalid(f"status must be one of {allowed}.")
    description = form.get("description") or ""
    if len(description) > MAX_UPDATE_DESCRIPTION:
        raise invalid(
            f"description must be {MAX_UPDATE_DESCRIPTION:,} characters or fewer; "
            f"this one has {len(description):,}."
        )
    media = _media_urls(form)
    case = _find(session, form.get("service_request_id") or "")
    if case.source_kind is not ActorKind.API_KEY or case.source_id != principal.id:
        # A client updates the requests it sent, never another channel's cases.
        raise NotFound(
            f"There is no service request {form.get('service_request_id')!r} from this client."
        )
    target = _target(case.status, asked)
    if target is not None:
        change = _validated(StatusChange, {"status": target, "note": description, "public": True})
        cases.change_status(session, ctx, principal, case.reference, change, through=THROUGH)
        update_id = f"status-{repository.latest_own_change(session, case, principal.id)}"
    elif description:
        note = _validated(NoteCreate, {"body": description, "public": True})
        cases.add_note(session, ctx, principal, case.reference, note, through=THROUGH)
        update_id = f"note-{repository.latest_own_note(session, case, principal.id)}"
    else:
        raise invalid(
            "There is nothing to record: send a description, or a status that changes "
            f"the request (it is {EXTENDED_STATUS[case.status]} now)."
        )
    if media:
        _private_note(session, ctx, principal, case, MEDIA_UPDATE_NOTE, media)
    return CreatedUpdate(update_id=update_id)


def _target(current: CaseStatus, asked: str) -> CaseStatus | None:
    """The status an update moves a case to, when the workflow allows it; else none."""
    closing = _CLOSING.get(asked)
    if closing is not None:
        return closing if current.is_open and closing in TRANSITIONS[current] else None
    if not current.is_open and CaseStatus.IN_PROGRESS in TRANSITIONS[current]:
        return CaseStatus.IN_PROGRESS
    return None
