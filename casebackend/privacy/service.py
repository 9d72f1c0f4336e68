"""Data protection: the retention purge, the right to erasure, subject access exports.

Purging or erasing removes a customer's personal data and keeps the figures: a case row
keeps its service, channel, tier, location (the kiosk's or desk's), team, dates, status and
status history; what goes is who the customer is and what they wrote. An appointment keeps
its service, place, time and status; it loses the name, contact, answers and note given
when booking, and the messages sent about it.

Appointments are not linked to a customer record (anyone may book with a name and a phone
number or email): a customer's appointments are those booked with their email address or
phone number and not yet forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from casebackend.appointments import repository as appointments
from casebackend.appointments.models import Appointment
from casebackend.audit import service as audit
from casebackend.cases.models import ActorKind, Case, CaseNote, CaseStatusChange
from casebackend.catalogue.service import CatalogueCache
from casebackend.customers import service as customers
from casebackend.customers.models import Customer, CustomerMatch, ServiceAccount
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import SYSTEM, Principal
from casebackend.notifications.models import Notification, NotificationStatus
from casebackend.organisation.models import Location
from shared import references
from shared.appointments.references import AppointmentReference
from shared.cases.schemas import StatusEvent
from shared.cases.workflow import CLOSED_STATUSES
from shared.catalogue import Service
from shared.catalogue.schemas import Datatype
from shared.customers.schemas import (
    ExportedAppointment,
    ExportedCase,
    ExportedNote,
    ExportedNotification,
    MatchStatus,
    SubjectAccessExport,
    SubmittedContact,
)
from shared.errors import Conflict, InvalidInput, NotFound

# Free text can hold anything about a person, so it counts as personal, like sensitive answers.
_FREE_TEXT = frozenset({Datatype.STRING, Datatype.TEXT})
# Who the command line acts as, in the audit log.
ADMIN_CLI = Principal(ActorKind.SYSTEM, None, "admin command line", roles=frozenset(Role))
ERASED_NOTE = ""


@dataclass
class PurgeReport:
    cases: list[str] = field(default_factory=list)
    customers: list[int] = field(default_factory=list)
    # References of the appointments whose customer's details were forgotten.
    appointments: list[str] = field(default_factory=list)


def retention_days(service: Service | None, default_days: int) -> int:
    if service is not None and service.retention_days is not None:
        return service.retention_days
    return default_days


def _outward(postcode: str | None) -> str | None:
    """The area only (``NG5``), which figures by area need and which names no one's home."""
    if not postcode:
        return None
    compact = "".join(postcode.split()).upper()
    return compact[:-3] if len(compact) >= 5 else None


def scrub_case(session: Session, case: Case, service: Service | None, now: datetime) -> None:
    """Remove the personal data a case holds; keep what figures are made of."""
    case.submitted_contact = None
    case.description = ""
    personal = {
        a.code
        for a in (service.attributes if service else ())
        if a.sensitive or a.datatype in _FREE_TEXT
    }
    # Without its definition every answer might be personal.
    case.answers = {
        k: v for k, v in case.answers.items() if service is not None and k not in personal
    }
    case.address = None
    case.uprn = None
    case.lat = None
    case.long = None
    case.postcode = _outward(case.postcode)
    case.purged_at = now
    for note in session.scalars(select(CaseNote).where(CaseNote.case_id == case.id)):
        note.body = ERASED_NOTE
    for change in session.scalars(
        select(CaseStatusChange).where(CaseStatusChange.case_id == case.id)
    ):
        change.public_note = ""
    for message in session.scalars(select(Notification).where(Notification.case_id == case.id)):
        message.recipient = ""
        message.personalisation = {}
        if message.status is NotificationStatus.PENDING:
            message.status = NotificationStatus.FAILED
            message.next_attempt_at = None
            message.last_error = "not sent: the customer's details were erased"
    for match in session.scalars(select(CustomerMatch).where(CustomerMatch.case_id == case.id)):
        session.delete(match)


def anonymise_customer(session: Session, customer: Customer, now: datetime) -> None:
    customer.first_name = ""
    customer.last_name = ""
    customer.email = None
    customer.phone = None
    customer.postcode = None
    customer.address = ""
    customer.erased_at = now
    for account in session.scalars(
        select(ServiceAccount).where(ServiceAccount.customer_id == customer.id)
    ):
        session.delete(account)
    for match in session.scalars(
        select(CustomerMatch).where(CustomerMatch.customer_id == customer.id)
    ):
        session.delete(match)
    session.flush()
    session.expire(customer, ["accounts"])


# Retention ----------------------------------------------------------------------------


def purge_expired(
    session: Session,
    catalogue: CatalogueCache,
    *,
    default_days: int,
    appointment_days: int,
    now: datetime | None = None,
    principal: Principal = SYSTEM,
    through: str = "retention",
) -> PurgeReport:
    """Erase personal data from cases closed longer ago than their service keeps it, and
    the customer records that then have no case still holding data; and forget the
    customers of appointments that ended more than ``appointment_days`` ago."""
    now = now or utcnow()
    due = expired_cases(session, catalogue, default_days=default_days, now=now)
    report = erase_expired(session, due, now=now, principal=principal, through=through)
    report.appointments = appointments.purge_before(
        session, now - timedelta(days=appointment_days), now
    )
    for reference in report.appointments:
        audit.record(session, principal, "retention_purge", through=through, detail=reference)
    return report


@dataclass(frozen=True, slots=True)
class Expired:
    """A closed case past its retention, and its service's definition (None if gone)."""

    case: Case
    service: Service | None


def expired_cases(
    session: Session, catalogue: CatalogueCache, *, default_days: int, now: datetime
) -> list[Expired]:
    """The closed cases still holding personal data past their service's retention."""
    closed_at = (
        select(CaseStatusChange.case_id, func.max(CaseStatusChange.at).label("closed_at"))
        .group_by(CaseStatusChange.case_id)
        .subquery()
    )
    rows = session.execute(
        select(Case, closed_at.c.closed_at)
        .join(closed_at, closed_at.c.case_id == Case.id)
        .where(Case.status.in_(CLOSED_STATUSES), Case.purged_at.is_(None))
        .order_by(Case.id)
    ).all()
    due = []
    for case, closed in rows:
        service = catalogue.any_service(session, case.service_code)
        if closed + timedelta(days=retention_days(service, default_days)) <= now:
            due.append(Expired(case, service))
    return due


def erase_expired(
    session: Session,
    due: list[Expired],
    *,
    now: datetime,
    principal: Principal = SYSTEM,
    through: str = "retention",
) -> PurgeReport:
    """Erase ``due``. Each case, and then each customer, is claimed by one conditional
    UPDATE first: when several workers purge at once, exactly one erases and audits each,
    whatever the others read before it committed."""
    report = PurgeReport()
    touched: set[int] = set()
    for item in due:
        case = item.case
        if not _claim(session, Case, case.id, Case.purged_at, now):
            continue
        scrub_case(session, case, item.service, now)
        report.cases.append(case.reference)
        if case.customer_id is not None:
            touched.add(case.customer_id)
        audit.record(session, principal, "retention_purge", through=through, case_id=case.id)
    session.flush()
    for customer_id in sorted(touched):
        live = session.scalar(
            select(func.count(Case.id)).where(
                Case.customer_id == customer_id, Case.purged_at.is_(None)
            )
        )
        customer = session.get(Customer, customer_id)
        if live or customer is None:
            continue
        if not _claim(session, Customer, customer_id, Customer.erased_at, now):
            continue
        anonymise_customer(session, customer, now)
        report.customers.append(customer_id)
        audit.record(
            session, principal, "retention_purge", through=through, customer_id=customer_id
        )
    return report


def _claim(
    session: Session,
    model: type[Case] | type[Customer],
    row_id: int,
    stamp: InstrumentedAttribute[datetime | None],
    now: datetime,
) -> bool:
    """Set ``stamp`` on the row if nobody has: True for the one caller that did."""
    result = session.execute(
        update(model)
        .where(model.id == row_id, stamp.is_(None))
        .values({stamp.key: now})
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


# Erasure and access -------------------------------------------------------------------


def find_subject(session: Session, who: str) -> Customer:
    """A customer by number, or by email address when it names exactly one record."""
    who = who.strip()
    if who.isdigit():
        return customers.get_customer(session, int(who))
    email = customers.normalise_email(who)
    if not email or "@" not in email:
        raise InvalidInput("Give a customer number or an email address.")
    found = list(
        session.scalars(
            select(Customer)
            .where(Customer.email == email, Customer.erased_at.is_(None))
            .order_by(Customer.id)
        )
    )
    if not found:
        raise NotFound("No customer has that email address.")
    if len(found) > 1:
        numbers = ", ".join(str(c.id) for c in found)
        raise Conflict(
            f"Several customer records have that email address ({numbers}): "
            "give the number of the one you mean, or merge them first."
        )
    return found[0]


@dataclass
class ErasureReport:
    customer_id: int
    cases: list[str]
    # Cases not linked to the customer whose submitted details matched them: those details
    # are erased, the cases themselves (perhaps someone else's) are kept.
    unconfirmed: list[str]
    # Appointments booked with the customer's email or phone number, now forgotten.
    appointments: list[str] = field(default_factory=list)


def customer_appointments(session: Session, customer: Customer) -> list[Appointment]:
    """The appointments still holding the customer's email address or phone number. The
    phone is compared as :func:`customers.normalise_phone` writes it (the booking keeps it
    as typed), so the few bookings with a phone number are read and compared here."""
    email, phone = customer.email, customers.normalise_phone(customer.phone)
    if not email and not phone:
        return []
    clues = []
    if email:
        clues.append(func.lower(Appointment.email) == email)
    if phone:
        clues.append(Appointment.phone.is_not(None))
    found = session.scalars(
        select(Appointment)
        .where(Appointment.purged_at.is_(None), or_(*clues))
        .order_by(Appointment.id)
    )
    return [
        a
        for a in found
        if (email and a.email and a.email.lower() == email)
        or (phone and customers.normalise_phone(a.phone) == phone)
    ]


def erase_customer(
    session: Session,
    catalogue: CatalogueCache,
    customer: Customer,
    *,
    principal: Principal = ADMIN_CLI,
    through: str = "cli",
    now: datetime | None = None,
) -> ErasureReport:
    """The right to erasure: anonymise the record and its cases' personal data."""
    now = now or utcnow()
    cases = list(
        session.scalars(select(Case).where(Case.customer_id == customer.id).order_by(Case.id))
    )
    for case in cases:
        scrub_case(session, case, catalogue.any_service(session, case.service_code), now)
        audit.record(session, principal, "customer_erase", through=through, case_id=case.id)
    unconfirmed = list(
        session.scalars(
            select(Case)
            .join(CustomerMatch, CustomerMatch.case_id == Case.id)
            .where(
                CustomerMatch.customer_id == customer.id,
                CustomerMatch.status == MatchStatus.PENDING,
            )
            .order_by(Case.id)
        )
    )
    for case in unconfirmed:
        case.submitted_contact = None
    booked = customer_appointments(session, customer)
    forgotten = appointments.forget(session, [a.id for a in booked], now)
    for reference in forgotten:
        audit.record(
            session,
            principal,
            "customer_erase",
            through=through,
            customer_id=customer.id,
            detail=reference,
        )
    anonymise_customer(session, customer, now)
    audit.record(
        session,
        principal,
        "customer_erase",
        through=through,
        customer_id=customer.id,
        detail=f"{len(cases)} cases",
    )
    return ErasureReport(
        customer_id=customer.id,
        cases=[c.reference for c in cases],
        unconfirmed=[c.reference for c in unconfirmed],
        appointments=forgotten,
    )


def export_customer(
    session: Session,
    customer: Customer,
    *,
    principal: Principal = ADMIN_CLI,
    through: str = "cli",
) -> SubjectAccessExport:
    """A subject access request: everything held about the customer and their cases."""
    cases = list(
        session.scalars(select(Case).where(Case.customer_id == customer.id).order_by(Case.id))
    )
    exported = [_exported_case(session, case) for case in cases]
    booked = [_exported_appointment(session, a) for a in customer_appointments(session, customer)]
    audit.record(
        session,
        principal,
        "customer_export",
        through=through,
        customer_id=customer.id,
        detail=f"{len(cases)} cases, {len(booked)} appointments",
    )
    return SubjectAccessExport(
        generated_at=utcnow(),
        customer=customers.customer_read(session, customer),
        erased=customer.erased_at is not None,
        cases=exported,
        appointments=booked,
    )


def _exported_appointment(session: Session, appointment: Appointment) -> ExportedAppointment:
    sent = session.scalars(
        select(Notification)
        .where(Notification.appointment_id == appointment.id)
        .order_by(Notification.id)
    )
    return ExportedAppointment(
        reference=appointment.reference,
        reference_display=AppointmentReference(appointment.reference).display,
        service_code=appointment.service_code,
        location_code=session.get_one(Location, appointment.location_id).code,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        status=appointment.status,
        channel=appointment.channel,
        created_at=appointment.created_at,
        name=appointment.name,
        phone=appointment.phone,
        email=appointment.email,
        notify_by=[str(n) for n in appointment.notify_by],
        answers=appointment.answers,
        access_needs=[str(n) for n in appointment.access_needs],
        access_note=appointment.access_note,
        arrived_at=appointment.arrived_at,
        cancelled_at=appointment.cancelled_at,
        notifications=[_exported_notification(n) for n in sent],
    )


def _exported_notification(message: Notification) -> ExportedNotification:
    return ExportedNotification(
        channel=message.channel,
        template=message.template,
        recipient=message.recipient,
        status=message.status,
        created_at=message.created_at,
        sent_at=message.sent_at,
    )


def _exported_case(session: Session, case: Case) -> ExportedCase:
    notes = list(
        session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id))
    )
    history = session.scalars(
        select(CaseStatusChange)
        .where(CaseStatusChange.case_id == case.id)
        .order_by(CaseStatusChange.id)
    )
    sent = session.scalars(
        select(Notification).where(Notification.case_id == case.id).order_by(Notification.id)
    )
    return ExportedCase(
        reference=case.reference,
        reference_display=references.parse(case.reference).display,
        service_code=case.service_code,
        status=case.status,
        channel=case.channel,
        created_at=case.created_at,
        updated_at=case.updated_at,
        description=case.description,
        answers=case.answers,
        address=case.address,
        postcode=case.postcode,
        uprn=case.uprn,
        submitted_contact=SubmittedContact.model_validate(case.submitted_contact)
        if case.submitted_contact
        else None,
        history=[StatusEvent(status=h.status, at=h.at, note=h.public_note) for h in history],
        updates=[ExportedNote(at=n.at, text=n.body) for n in notes if n.public],
        internal_notes_withheld=sum(1 for n in notes if not n.public),
        notifications=[_exported_notification(n) for n in sent],
    )
