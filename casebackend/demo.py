"""Demo data: a realistic council, so the whole system runs with no setup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from casebackend.addresses.service import GazetteerEntry, add_missing, read_gazetteer_file
from casebackend.appointments.models import AppointmentOffer
from casebackend.catalogue.service import store_catalogue
from casebackend.identity import service as identity
from casebackend.identity.models import ApiKey, Role, StaffMember
from casebackend.organisation.models import (
    Location,
    LocationKind,
    RoutingRule,
    Team,
    WeeklyHours,
)
from shared.catalogue import Catalogue
from shared.resources import asset_path

LOCATIONS = [
    ("shop", "City Centre Customer Service Shop", LocationKind.SHOP, "1 Market Square"),
    ("lib-central", "Central Library", LocationKind.LIBRARY, "Angel Row"),
    ("lib-northgate", "Northgate Library", LocationKind.LIBRARY, "12 Northgate"),
    ("lib-riverside", "Riverside Library", LocationKind.LIBRARY, "3 Quay Street"),
]

TEAMS = [
    ("highways", "Highways", "highways@example.gov.uk"),
    ("street-lighting", "Street Lighting", "lighting@example.gov.uk"),
    ("environment-north", "Environmental Services (North)", "env.north@example.gov.uk"),
    ("environment-south", "Environmental Services (South)", "env.south@example.gov.uk"),
    ("waste", "Waste Collections", "waste@example.gov.uk"),
    ("parking", "Parking Services", "parking@example.gov.uk"),
    ("revenues", "Council Tax and Benefits", "revenues@example.gov.uk"),
    ("customer-relations", "Customer Relations", "feedback@example.gov.uk"),
    ("customer-services", "Customer Services", "contact@example.gov.uk"),
]

# (service code or None, area or None, team code)
ROUTING = [
    ("pothole", None, "highways"),
    ("streetlight", None, "street-lighting"),
    ("flytipping", "NG5", "environment-north"),
    ("flytipping", None, "environment-south"),
    ("dog_fouling", None, "environment-south"),
    ("missed_bin", None, "waste"),
    ("parking_permit", None, "parking"),
    ("change_of_address", None, "revenues"),
    ("complaint", None, "customer-relations"),
    ("feedback", None, "customer-relations"),
    (None, None, "customer-services"),
]

# username, display name, roles, locations. Demo passwords are printed by `make demo`.
STAFF = [
    ("sam", "Sam", [Role.GREETER], ["shop"]),
    ("alex", "Alex", [Role.GREETER], ["shop", "lib-central"]),
    ("priya", "Priya", [Role.GREETER], ["lib-northgate"]),
    ("jo", "Jo", [Role.CASEWORKER], []),
    ("morgan", "Morgan", [Role.MANAGER], []),
    ("admin", "Admin", [Role.ADMIN], ["shop"]),
]
DEMO_PASSWORD = "firststop-demo"  # noqa: S105 — printed by make demo; demo data only
DEMO_API_KEY_NAME = "demo-open311-client"

_DAY = (time(9), time(17))
# Opening hours (local times) by location and weekday, 0 = Monday; a day not named is
# closed. The shop stays open late on Thursday and opens on Saturday morning; the
# libraries open less, one with a lunch break.
HOURS: dict[str, dict[int, list[tuple[time, time]]]] = {
    "shop": {0: [_DAY], 1: [_DAY], 2: [_DAY], 3: [(time(9), time(19))], 4: [_DAY]}
    | {5: [(time(9), time(12))]},
    "lib-central": {d: [(time(10), time(17))] for d in (1, 2, 4)}
    | {3: [(time(10), time(19))], 5: [(time(10), time(13))]},
    "lib-northgate": {d: [(time(9, 30), time(13)), (time(14), time(17))] for d in (0, 2, 4)}
    | {5: [(time(9, 30), time(12, 30))]},
    "lib-riverside": {1: [(time(13), time(19))], 3: [(time(13), time(19))]}
    | {5: [(time(10), time(13))]},
}
# Appointments: (location, service, slot minutes, advisors at once).
APPOINTMENT_OFFERS = [
    ("shop", "appointment", 30, 2),
    ("lib-central", "appointment", 45, 1),
]


@dataclass(frozen=True)
class DemoSeed:
    api_key: str
    services: int
    addresses: int


def load_demo_catalogue() -> Catalogue:
    return Catalogue.load(asset_path("catalogue", "demo.json"))


def load_demo_gazetteer() -> list[GazetteerEntry]:
    """Fictional addresses at six postcodes near the demo locations (``NG1 2FX``,
    ``NG1 6QB``, ``NG5 4WJ``, ``NG5 7TP``, ``NG2 1RT``, ``NG2 3EH``)."""
    return read_gazetteer_file(asset_path("gazetteer", "demo.csv"))


def seed_demo(session: Session) -> DemoSeed:
    """Idempotent: running it again keeps what is there and adds what is missing (a
    council's own gazetteer, loaded earlier, keeps its addresses; the demo's are added)."""
    catalogue = load_demo_catalogue()
    store_catalogue(session, catalogue)
    for code, name, kind, address in LOCATIONS:
        if session.scalar(select(Location.id).where(Location.code == code)) is None:
            session.add(Location(code=code, name=name, kind=kind, address=address))
    teams = {t.code: t for t in session.scalars(select(Team))}
    for code, name, email in TEAMS:
        if code not in teams:
            teams[code] = Team(code=code, name=name, email=email)
            session.add(teams[code])
    session.flush()
    if session.scalar(select(RoutingRule.id).limit(1)) is None:
        for service_code, area, team_code in ROUTING:
            session.add(
                RoutingRule(service_code=service_code, area=area, team_id=teams[team_code].id)
            )
    for username, display_name, roles, locations in STAFF:
        if session.scalar(select(StaffMember.id).where(StaffMember.username == username)):
            continue
        identity.create_staff(
            session,
            username=username,
            display_name=display_name,
            password=DEMO_PASSWORD,
            roles=roles,
            location_codes=locations,
        )
    # Keys are stored hashed, so the demo key is issued anew each time to be printable.
    old = session.scalars(select(ApiKey).where(ApiKey.name == DEMO_API_KEY_NAME)).first()
    if old is not None:
        session.delete(old)
        session.flush()
    api_key = identity.create_api_key(session, DEMO_API_KEY_NAME)
    _seed_hours_and_offers(session)
    gazetteer = load_demo_gazetteer()
    add_missing(session, gazetteer)
    return DemoSeed(api_key=api_key, services=len(catalogue.services), addresses=len(gazetteer))


def _seed_hours_and_offers(session: Session) -> None:
    """Hours for a location that has none yet; offers that do not exist yet."""
    locations = {loc.code: loc for loc in session.scalars(select(Location))}
    for code, week in HOURS.items():
        location = locations[code]
        if session.scalar(select(WeeklyHours.id).where(WeeklyHours.location_id == location.id)):
            continue
        session.add_all(
            WeeklyHours(location_id=location.id, weekday=day, opens=opens, closes=closes)
            for day, spans in week.items()
            for opens, closes in spans
        )
    for code, service_code, minutes, capacity in APPOINTMENT_OFFERS:
        location = locations[code]
        offered = session.scalar(
            select(AppointmentOffer.id).where(
                AppointmentOffer.location_id == location.id,
                AppointmentOffer.service_code == service_code,
            )
        )
        if offered is None:
            session.add(
                AppointmentOffer(
                    location_id=location.id,
                    service_code=service_code,
                    slot_minutes=minutes,
                    capacity=capacity,
                    horizon_days=28,
                    lead_minutes=60,
                    active=True,
                )
            )
    session.flush()
