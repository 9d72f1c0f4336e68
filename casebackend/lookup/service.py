"""Case lookup for staff: find cases by reference, email, phone, postcode or name.

Who sees what (the same rule as opening a case, :func:`casebackend.cases.service.get_case`):
a greeter finds the cases made at their own locations (by the kiosks there, or at their
desks); caseworkers and admins find every case. Managers do no case work and find none.

Every search is audited: who searched, what kind of thing they searched by, and how many
cases it found. Never what was typed: a phone number, an email address or a name is the
customer's data (a reference is not, and is recorded).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from casebackend.audit import service as audit
from casebackend.cases.models import Case
from casebackend.context import BackendContext
from casebackend.customers.models import Customer
from casebackend.customers.service import normalise_email, normalise_phone
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.organisation.service import normalise_postcode
from shared import references
from shared.addresses.postcodes import parse_postcode
from shared.errors import InvalidInput
from shared.lookup.schemas import (
    MAX_HITS,
    MIN_PHONE_DIGITS,
    CaseHit,
    CaseLookup,
    LookupKind,
    search_kind,
)

# Who may search: everyone who works with customers' cases.
SEARCHERS = (Role.GREETER, Role.CASEWORKER, Role.ADMIN)


def lookup_cases(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    text: str,
    kind: LookupKind | None = None,
    *,
    through: str,
) -> CaseLookup:
    """The cases ``text`` finds (read as ``kind``, or as :func:`search_kind` says), newest
    first, at most :data:`MAX_HITS`, within what ``principal`` may see."""
    principal.require_staff(*SEARCHERS)
    kind = kind or search_kind(text)
    query = select(Case).where(_matching(kind, text))
    if not principal.sees_every_location:
        query = query.where(Case.location_id.in_(principal.location_ids))
    rows = list(
        session.scalars(query.order_by(Case.created_at.desc(), Case.id.desc()).limit(MAX_HITS + 1))
    )
    more = len(rows) > MAX_HITS
    rows = rows[:MAX_HITS]
    found = f"by {kind.value}: {len(rows)}{'+' if more else ''} found"
    if kind is LookupKind.REFERENCE:
        found = f"{found} ({references.parse(text).compact})"
    audit.record(
        session,
        principal,
        "case_lookup",
        through=through,
        case_id=rows[0].id if len(rows) == 1 else None,
        detail=found,
    )
    names = _customer_names(session, {c.customer_id for c in rows if c.customer_id})
    return CaseLookup(kind=kind, items=[_hit(session, ctx, c, names) for c in rows], more=more)


def _matching(kind: LookupKind, text: str) -> ColumnElement[bool]:
    submitted = Case.submitted_contact
    if kind is LookupKind.REFERENCE:
        return Case.reference == references.parse(text).compact
    if kind is LookupKind.EMAIL:
        email = normalise_email(text)
        if email is None or "@" not in email:
            raise InvalidInput("Type the whole email address.", field="q")
        return or_(
            Case.customer_id.in_(_customers(Customer.email == email)),
            submitted["email"].as_string() == email,
        )
    if kind is LookupKind.PHONE:
        phone = normalise_phone(text)
        if phone is None or len(phone) < MIN_PHONE_DIGITS:
            raise InvalidInput("Type the whole phone number.", field="q")
        return or_(
            Case.customer_id.in_(_customers(Customer.phone == phone)),
            submitted["phone"].as_string() == phone,
        )
    if kind is LookupKind.POSTCODE:
        postcode = normalise_postcode(parse_postcode(text))
        return or_(
            Case.postcode == postcode,
            Case.customer_id.in_(_customers(Customer.postcode == postcode)),
            submitted["postcode"].as_string() == postcode,
        )
    words = [_like(word) for word in text.casefold().split()]
    if not words:
        raise InvalidInput("Type a name to search for.", field="q")
    record_name = func.lower(Customer.first_name + " " + Customer.last_name)
    given_name = func.lower(
        func.coalesce(submitted["first_name"].as_string(), "")
        + " "
        + func.coalesce(submitted["last_name"].as_string(), "")
    )
    return or_(
        Case.customer_id.in_(_customers(*(record_name.like(w, escape="\\") for w in words))),
        and_(*(given_name.like(w, escape="\\") for w in words)),
    )


def _customers(*conditions: ColumnElement[bool]) -> Select[int]:
    return select(Customer.id).where(Customer.erased_at.is_(None), *conditions)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _customer_names(session: Session, ids: set[Any]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Customer.id, Customer.first_name, Customer.last_name).where(
            Customer.id.in_(ids), Customer.erased_at.is_(None)
        )
    )
    return {row.id: f"{row.first_name} {row.last_name}".strip() for row in rows}


def _hit(session: Session, ctx: BackendContext, case: Case, names: dict[int, str]) -> CaseHit:
    service = ctx.catalogue.any_service(session, case.service_code)
    given = case.submitted_contact or {}
    name = names.get(case.customer_id or 0) or " ".join(
        part for part in (given.get("first_name"), given.get("last_name")) if part
    )
    return CaseHit(
        reference=case.reference,
        reference_display=references.parse(case.reference).display,
        service_code=case.service_code,
        service_name=service.name if service else case.service_code,
        status=case.status,
        status_label=case.status.label,
        channel=case.channel,
        assisted=case.assisted_by_id is not None,
        created_at=case.created_at,
        location_code=ctx.directory.location_code(session, case.location_id),
        customer_name=name or None,
        postcode=_postcode_display(case.postcode),
    )


def _postcode_display(compact: str | None) -> str | None:
    if not compact:
        return None
    try:
        return parse_postcode(compact)
    except InvalidInput:
        return compact
