"""Tell us once: one customer record, found again from what the customer tells any channel.

What a kiosk, an Open311 client or any other submission says about a customer is
*unverified*: anyone can type someone else's email address. So a submission never changes
an existing record and never moves a service account. The case keeps the details it was
submitted with (``Case.submitted_contact``); when they look like an existing customer's, a
*possible match* is flagged for staff to confirm, reject or merge. Only a brand-new customer
(nothing matches) is created from a submission. Staff-verified changes (``update_customer``,
confirming a match with ``apply_details``, merging) are the only way a record changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casebackend.audit import service as audit
from casebackend.cases.models import Case
from casebackend.customers.models import Customer, CustomerMatch, ServiceAccount
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.organisation.service import normalise_postcode
from shared import references
from shared.cases.schemas import ContactDetails
from shared.customers.schemas import (
    AccountRead,
    CustomerRead,
    CustomerUpdate,
    MatchedOn,
    MatchPage,
    MatchRead,
    MatchStatus,
    SubmittedContact,
)
from shared.errors import Conflict, InvalidInput, NotFound

# Who decides possible matches and merges records.
DECIDERS = (Role.CASEWORKER, Role.ADMIN)


def normalise_email(email: str | None) -> str | None:
    return email.strip().lower() if email and email.strip() else None


def normalise_phone(phone: str | None) -> str | None:
    """UK numbers to one form: ``+44 7700 900123`` and ``07700 900123`` both → ``07700900123``."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits or None


def _record_postcode(compact: str | None) -> str | None:
    """A UK postcode is at most 7 characters without its space; anything longer is not one."""
    return compact if compact and len(compact) <= 8 else None


def _name(value: str | None) -> str:
    return " ".join((value or "").split())


# Finding ------------------------------------------------------------------------------


def find_match(
    session: Session,
    *,
    email: str | None = None,
    phone: str | None = None,
    last_name: str | None = None,
    first_name: str | None = None,
    postcode: str | None = None,
    accounts: dict[str, str] | None = None,
) -> tuple[Customer, MatchedOn] | None:
    """Match on email, then phone, then name and postcode, then a service account: the
    strongest key first; the oldest record when two share a key."""
    live = select(Customer).where(Customer.erased_at.is_(None)).order_by(Customer.id)
    if normalised := normalise_email(email):
        found = session.scalars(live.where(Customer.email == normalised)).first()
        if found is not None:
            return found, MatchedOn.EMAIL
    if normalised := normalise_phone(phone):
        found = session.scalars(live.where(Customer.phone == normalised)).first()
        if found is not None:
            return found, MatchedOn.PHONE
    compact = normalise_postcode(postcode)
    if compact and _name(last_name):
        for candidate in session.scalars(live.where(Customer.postcode == compact)):
            same_last = candidate.last_name.casefold() == _name(last_name).casefold()
            same_first = not first_name or candidate.first_name.casefold() in (
                "",
                _name(first_name).casefold(),
            )
            if same_last and same_first:
                return candidate, MatchedOn.NAME_POSTCODE
    for service, account_ref in (accounts or {}).items():
        holder = _account_holder(session, service, account_ref)
        if holder is not None:
            return holder, MatchedOn.ACCOUNT
    return None


def find_customer(
    session: Session,
    *,
    email: str | None = None,
    phone: str | None = None,
    last_name: str | None = None,
    first_name: str | None = None,
    postcode: str | None = None,
) -> Customer | None:
    found = find_match(
        session,
        email=email,
        phone=phone,
        last_name=last_name,
        first_name=first_name,
        postcode=postcode,
    )
    return found[0] if found else None


def get_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("There is no customer with that number.", customer_id=customer_id)
    return customer


def _account_holder(session: Session, service: str, account_ref: str) -> Customer | None:
    account = session.scalars(
        select(ServiceAccount).where(
            ServiceAccount.service == service, ServiceAccount.account_ref == account_ref
        )
    ).first()
    return session.get(Customer, account.customer_id) if account is not None else None


# Submissions (unverified) -------------------------------------------------------------


def submitted_contact(details: ContactDetails) -> dict[str, Any]:
    """What is stored on the case: the details as given, normalised for matching."""
    return SubmittedContact(
        first_name=_name(details.first_name) or None,
        last_name=_name(details.last_name) or None,
        email=normalise_email(details.email),
        phone=normalise_phone(details.phone),
        postcode=normalise_postcode(details.postcode),
        address=details.address.strip() if details.address else None,
        accounts=dict(details.accounts),
    ).model_dump(mode="json")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a submission's contact details mean for the customer records."""

    # The case's customer: a record made just now from the submission, else None.
    customer: Customer | None = None
    # An existing record the details look like, and what matched: for staff to decide.
    possible: tuple[Customer, MatchedOn] | None = None


def resolve_submission(session: Session, details: ContactDetails) -> Resolution:
    """Never changes an existing customer: a new one is made only when nothing matches."""
    submitted = SubmittedContact.model_validate(submitted_contact(details))
    if not (
        submitted.email
        or submitted.phone
        or (submitted.postcode and submitted.last_name)
        or submitted.accounts
    ):
        return Resolution()
    found = find_match(
        session,
        email=submitted.email,
        phone=submitted.phone,
        last_name=submitted.last_name,
        first_name=submitted.first_name,
        postcode=submitted.postcode,
        accounts=submitted.accounts,
    )
    if found is not None:
        return Resolution(possible=found)
    return Resolution(customer=_new_customer(session, submitted))


def flag_match(
    session: Session,
    principal: Principal,
    case: Case,
    customer: Customer,
    matched_on: MatchedOn,
    *,
    through: str,
) -> CustomerMatch:
    match = CustomerMatch(
        case_id=case.id,
        customer_id=customer.id,
        matched_on=matched_on,
        status=MatchStatus.PENDING,
        created_at=utcnow(),
    )
    session.add(match)
    session.flush()
    audit.record(
        session,
        principal,
        "customer_match_flagged",
        through=through,
        case_id=case.id,
        customer_id=customer.id,
        detail=f"match {match.id} on {matched_on}",
    )
    return match


def _new_customer(session: Session, submitted: SubmittedContact) -> Customer:
    """A record from submitted details; accounts someone else holds are left with them."""
    customer = Customer(
        first_name=submitted.first_name or "",
        last_name=submitted.last_name or "",
        email=submitted.email,
        phone=submitted.phone,
        postcode=_record_postcode(submitted.postcode),
        address=submitted.address or "",
    )
    session.add(customer)
    session.flush()
    for service, account_ref in submitted.accounts.items():
        if _account_holder(session, service, account_ref) is None:
            session.add(
                ServiceAccount(customer_id=customer.id, service=service, account_ref=account_ref)
            )
    session.flush()
    return customer


# Staff decisions -----------------------------------------------------------------------


def list_matches(
    session: Session,
    principal: Principal,
    *,
    status: MatchStatus | None = MatchStatus.PENDING,
    page: int = 1,
    page_size: int = 50,
    through: str,
) -> MatchPage:
    principal.require_staff(*DECIDERS)
    query = select(CustomerMatch)
    if status is not None:
        query = query.where(CustomerMatch.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(
        session.scalars(
            query.order_by(CustomerMatch.created_at, CustomerMatch.id)
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
    )
    audit.record(
        session, principal, "customer_match_list", through=through, detail=f"{len(rows)} shown"
    )
    return MatchPage(
        items=[match_read(session, m) for m in rows], page=page, page_size=page_size, total=total
    )


def _pending(session: Session, match_id: int) -> tuple[CustomerMatch, Case]:
    match = session.get(CustomerMatch, match_id, with_for_update=True)
    if match is None:
        raise NotFound("There is no possible match with that number.", match_id=match_id)
    if match.status is not MatchStatus.PENDING:
        raise Conflict(f"This possible match was already {match.status}.", match_id=match_id)
    return match, session.get_one(Case, match.case_id)


def _decided(match: CustomerMatch, principal: Principal, status: MatchStatus) -> None:
    match.status = status
    match.decided_at = utcnow()
    match.decided_by_id = principal.id
    match.decided_by_label = principal.label[:100]


def confirm_match(
    session: Session,
    principal: Principal,
    match_id: int,
    *,
    apply_details: bool,
    through: str,
) -> CustomerMatch:
    """The case is the customer's: link it; optionally take its details as verified."""
    principal.require_staff(*DECIDERS)
    match, case = _pending(session, match_id)
    customer = get_customer(session, match.customer_id)
    case.customer_id = customer.id
    _decided(match, principal, MatchStatus.CONFIRMED)
    audit.record(
        session,
        principal,
        "customer_match_confirm",
        through=through,
        case_id=case.id,
        customer_id=customer.id,
        detail=f"match {match.id}" + (", details applied" if apply_details else ""),
    )
    if apply_details and case.submitted_contact:
        submitted = SubmittedContact.model_validate(case.submitted_contact)
        _apply_verified(session, principal, customer, submitted, through=through)
    session.flush()
    return match


def reject_match(
    session: Session, principal: Principal, match_id: int, *, through: str
) -> CustomerMatch:
    """Not the same person: the case's submitted details become a customer of their own."""
    principal.require_staff(*DECIDERS)
    match, case = _pending(session, match_id)
    submitted = SubmittedContact.model_validate(case.submitted_contact or {})
    newcomer = _new_customer(session, submitted)
    case.customer_id = newcomer.id
    _decided(match, principal, MatchStatus.REJECTED)
    audit.record(
        session,
        principal,
        "customer_match_reject",
        through=through,
        case_id=case.id,
        customer_id=match.customer_id,
        detail=f"match {match.id}; case given new customer {newcomer.id}",
    )
    audit.record(
        session,
        principal,
        "customer_create",
        through=through,
        case_id=case.id,
        customer_id=newcomer.id,
        detail=f"from rejected match {match.id}",
    )
    session.flush()
    return match


def merge_customers(
    session: Session, principal: Principal, survivor_id: int, merged_id: int, *, through: str
) -> Customer:
    """One person, two records: cases, accounts and possible matches move to the survivor,
    which keeps its own details and takes the merged record's only where it has none."""
    principal.require_staff(*DECIDERS)
    if survivor_id == merged_id:
        raise InvalidInput("Choose two different customer records to merge.", field="merged_id")
    survivor = get_customer(session, survivor_id)
    merged = get_customer(session, merged_id)
    if survivor.erased_at is not None or merged.erased_at is not None:
        raise Conflict("An erased customer record cannot be merged.")
    cases = list(session.scalars(select(Case).where(Case.customer_id == merged.id)))
    for case in cases:
        case.customer_id = survivor.id
    for account in session.scalars(
        select(ServiceAccount).where(ServiceAccount.customer_id == merged.id)
    ):
        account.customer_id = survivor.id
    for match in session.scalars(
        select(CustomerMatch).where(CustomerMatch.customer_id == merged.id)
    ):
        match.customer_id = survivor.id
    survivor.first_name = survivor.first_name or merged.first_name
    survivor.last_name = survivor.last_name or merged.last_name
    survivor.email = survivor.email or merged.email
    survivor.phone = survivor.phone or merged.phone
    survivor.postcode = survivor.postcode or merged.postcode
    survivor.address = survivor.address or merged.address
    session.flush()
    # Its accounts are the survivor's now: forget the ones loaded with it before deleting.
    session.expire(merged, ["accounts"])
    session.delete(merged)
    session.flush()
    session.expire(survivor, ["accounts"])
    for customer_id in (survivor.id, merged_id):
        audit.record(
            session,
            principal,
            "customer_merge",
            through=through,
            customer_id=customer_id,
            detail=f"customer {merged_id} merged into {survivor.id}; {len(cases)} cases moved",
        )
    return survivor


def update_customer(
    session: Session,
    principal: Principal,
    customer_id: int,
    change: CustomerUpdate,
    *,
    through: str,
) -> Customer:
    """A change staff have checked with the customer: it updates the record and links (or
    moves) the service accounts named."""
    principal.require_staff()
    customer = get_customer(session, customer_id)
    if customer.erased_at is not None:
        raise Conflict("This customer's details were erased; make a new record instead.")
    postcode = normalise_postcode(change.postcode)
    if postcode and _record_postcode(postcode) is None:
        raise InvalidInput("That postcode is too long to be a UK postcode.", field="postcode")
    submitted = SubmittedContact(
        first_name=_name(change.first_name) or None,
        last_name=_name(change.last_name) or None,
        email=normalise_email(change.email),
        phone=normalise_phone(change.phone),
        postcode=postcode,
        address=change.address.strip() if change.address else None,
        accounts=dict(change.accounts),
    )
    _apply_verified(session, principal, customer, submitted, through=through)
    return customer


def _apply_verified(
    session: Session,
    principal: Principal,
    customer: Customer,
    details: SubmittedContact,
    *,
    through: str,
) -> None:
    for field, value in (("email", details.email), ("phone", details.phone)):
        if value is None:
            continue
        other = session.scalars(
            select(Customer.id).where(
                getattr(Customer, field) == value,
                Customer.id != customer.id,
                Customer.erased_at.is_(None),
            )
        ).first()
        if other is not None:
            raise Conflict(
                f"Another customer record (number {other}) has this {field}. "
                "If they are the same person, merge the two records.",
                field=field,
                customer_id=other,
            )
    details = details.model_copy(update={"postcode": _record_postcode(details.postcode)})
    changed: list[str] = []
    for field in ("first_name", "last_name", "email", "phone", "postcode", "address"):
        value = getattr(details, field)
        if value is not None and value != getattr(customer, field):
            setattr(customer, field, value)
            changed.append(field)
    for service, account_ref in details.accounts.items():
        if _link_account(session, customer, service, account_ref):
            changed.append(f"account {service}")
    session.flush()
    session.expire(customer, ["accounts"])
    audit.record(
        session,
        principal,
        "customer_update",
        through=through,
        customer_id=customer.id,
        # Which fields changed, never their values.
        detail=", ".join(changed) or "nothing changed",
    )


def _link_account(session: Session, customer: Customer, service: str, account_ref: str) -> bool:
    """Staff-verified only: link the account to this customer, moving it if need be."""
    account = session.scalars(
        select(ServiceAccount).where(
            ServiceAccount.service == service, ServiceAccount.account_ref == account_ref
        )
    ).first()
    if account is None:
        session.add(
            ServiceAccount(customer_id=customer.id, service=service, account_ref=account_ref)
        )
        return True
    if account.customer_id != customer.id:
        account.customer_id = customer.id
        return True
    return False


# Reading ------------------------------------------------------------------------------


def customer_read(session: Session, customer: Customer) -> CustomerRead:
    accounts = session.scalars(
        select(ServiceAccount)
        .where(ServiceAccount.customer_id == customer.id)
        .order_by(ServiceAccount.id)
    )
    return CustomerRead(
        id=customer.id,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phone=customer.phone,
        postcode=customer.postcode,
        address=customer.address,
        accounts=[AccountRead(service=a.service, account_ref=a.account_ref) for a in accounts],
    )


def match_read(session: Session, match: CustomerMatch) -> MatchRead:
    case = session.get_one(Case, match.case_id)
    customer = get_customer(session, match.customer_id)
    return MatchRead(
        id=match.id,
        case_reference=case.reference,
        case_reference_display=references.parse(case.reference).display,
        service_code=case.service_code,
        matched_on=match.matched_on,
        status=match.status,
        created_at=match.created_at,
        decided_at=match.decided_at,
        decided_by=match.decided_by_label,
        customer=customer_read(session, customer),
        submitted=SubmittedContact.model_validate(case.submitted_contact or {}),
        case_customer_id=case.customer_id,
    )
