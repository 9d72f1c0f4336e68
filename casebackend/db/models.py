"""Every model, imported once so the metadata (and Alembic) sees all tables."""

from casebackend.addresses.models import Address
from casebackend.appointments.models import Appointment, AppointmentOffer, AppointmentSlot
from casebackend.audit.models import AuditEvent
from casebackend.cases.models import (
    Case,
    CaseNote,
    CaseStatusChange,
    Counter,
    ReferenceIssuer,
    TrackLookup,
)
from casebackend.catalogue.models import CatalogueVersion, ServiceRecord
from casebackend.customers.models import Customer, CustomerMatch, ServiceAccount
from casebackend.db.base import Base
from casebackend.fleet.models import KioskHealth, KioskHour
from casebackend.identity.models import ApiKey, Device, EnrolmentCode, StaffMember, StaffSession
from casebackend.live.models import HelpSession
from casebackend.notifications.models import Notification
from casebackend.organisation.models import (
    HoursException,
    Location,
    RoutingRule,
    Team,
    WeeklyHours,
)
from casebackend.overdue.models import OverdueDigest
from casebackend.ratelimit.models import Lockout, RateLimitCounter
from casebackend.triage.models import KioskFaultClosure, TriageEntryRow
from casebackend.visits.models import SatisfactionResponse, Visit

__all__ = [
    "Address",
    "ApiKey",
    "Appointment",
    "AppointmentOffer",
    "AppointmentSlot",
    "AuditEvent",
    "Base",
    "Case",
    "CaseNote",
    "CaseStatusChange",
    "CatalogueVersion",
    "Counter",
    "Customer",
    "CustomerMatch",
    "Device",
    "EnrolmentCode",
    "HelpSession",
    "HoursException",
    "KioskFaultClosure",
    "KioskHealth",
    "KioskHour",
    "Location",
    "Lockout",
    "Notification",
    "OverdueDigest",
    "RateLimitCounter",
    "ReferenceIssuer",
    "RoutingRule",
    "SatisfactionResponse",
    "ServiceAccount",
    "ServiceRecord",
    "StaffMember",
    "StaffSession",
    "Team",
    "TrackLookup",
    "TriageEntryRow",
    "Visit",
    "WeeklyHours",
]
