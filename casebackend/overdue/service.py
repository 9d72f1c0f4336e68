"""The overdue list and the daily overdue digest (docs/figures.md, "The overdue digest").

A case is *overdue* when it is still open and its due date is before today (the council's
local day); *due soon* when it is due today or within the next two working days, the
figures' own definitions (``casebackend.figures.service``). Each morning every team with
such cases gets one email at its team address, through the notification service; the
digest names cases by reference and service only, never the customer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casebackend.cases.sla import add_working_days, is_working_day, working_days_between
from casebackend.catalogue.service import CatalogueCache
from casebackend.db.base import utcnow
from casebackend.figures.service import DUE_SOON_WORKING_DAYS
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.notifications import service as notifications
from casebackend.notifications.provider import NotificationTemplate
from casebackend.organisation.models import Team
from casebackend.overdue import repository
from casebackend.overdue.models import OverdueDigest
from casebackend.settings import BackendSettings
from shared.errors import InvalidReference, NotFound
from shared.overdue.schemas import OverdueCase, OverdueList, SlaState
from shared.references import parse

log = logging.getLogger(__name__)


def require_overdue_reader(principal: Principal) -> None:
    """Caseworkers, managers and admins read the overdue list (no greeters, no kiosks)."""
    principal.require_staff(Role.CASEWORKER, Role.MANAGER, Role.ADMIN)


def local_day(settings: BackendSettings, now: datetime) -> date:
    return now.astimezone(ZoneInfo(settings.timezone)).date()


def overdue_cases(
    session: Session,
    settings: BackendSettings,
    catalogue: CatalogueCache,
    *,
    team_code: str | None = None,
    now: datetime | None = None,
) -> OverdueList:
    """The open cases overdue or due soon today, all teams' or one team's."""
    now = now or utcnow()
    today = local_day(settings, now)
    region = settings.bank_holiday_region
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS, region)
    teams = {team.id: team for team in repository.teams(session)}
    team_id = None
    if team_code is not None:
        team_id = next((t.id for t in teams.values() if t.code == team_code), None)
        if team_id is None:
            raise NotFound("No team has that code.", field="team")
    names: dict[str, str] = {}
    cases = []
    for reference, service_code, due, owner in repository.open_cases_due_by(
        session, soon, now, team_id
    ):
        if due is None:  # selected with a due date; this tells the type checker
            continue
        if service_code not in names:
            service = catalogue.any_service(session, service_code)
            names[service_code] = service.name if service is not None else service_code
        overdue = due < today
        cases.append(
            OverdueCase(
                reference=reference,
                service_code=service_code,
                service_name=names[service_code],
                team=teams[owner].code if owner in teams else None,
                due=due,
                state=SlaState.OVERDUE if overdue else SlaState.DUE_SOON,
                days_overdue=working_days_between(due, today, region) if overdue else 0,
            )
        )
    return OverdueList(
        day=today,
        overdue=sum(case.state is SlaState.OVERDUE for case in cases),
        due_soon=sum(case.state is SlaState.DUE_SOON for case in cases),
        cases=cases,
    )


@dataclass(frozen=True, slots=True)
class TeamDigest:
    """One team's digest for one day: what the email says."""

    team_id: int
    team_code: str
    team_name: str
    email: str
    day: date
    overdue: list[OverdueCase]
    due_soon: list[OverdueCase]

    def personalisation(self) -> dict[str, str]:
        """The GOV.UK Notify template's placeholders (docs/deploying.md)."""
        return {
            "team_name": self.team_name,
            "day": _long_date(self.day),
            "overdue_count": str(len(self.overdue)),
            "due_soon_count": str(len(self.due_soon)),
            "overdue_list": _bullets(self.overdue) or "None.",
            "due_soon_list": _bullets(self.due_soon) or "None.",
        }

    def text(self) -> str:
        """The digest as plain text, for ``firststop admin overdue-digest --dry-run``."""
        values = self.personalisation()
        return (
            f"To {self.team_name} <{self.email or 'no team address'}>, {values['day']}\n"
            f"Overdue: {values['overdue_count']}\n{values['overdue_list']}\n"
            f"Due within {DUE_SOON_WORKING_DAYS} working days: {values['due_soon_count']}\n"
            f"{values['due_soon_list']}\n"
        )


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _display(reference: str) -> str:
    """Grouped for reading aloud (``K7M-2QX-R4E``), as the customer's own messages show it."""
    try:
        return parse(reference).display
    except InvalidReference:
        return reference


def _bullets(cases: list[OverdueCase]) -> str:
    return "\n".join(
        f"* {_display(case.reference)}, {case.service_name}, due {_long_date(case.due)}"
        + (f" ({case.days_overdue} working days overdue)" if case.days_overdue else "")
        for case in cases
    )


def digests(
    session: Session,
    settings: BackendSettings,
    catalogue: CatalogueCache,
    *,
    now: datetime | None = None,
) -> list[TeamDigest]:
    """Today's digest for every team with something overdue or due soon (none for the rest)."""
    found = overdue_cases(session, settings, catalogue, now=now)
    result = []
    for team in repository.teams(session):
        mine = [case for case in found.cases if case.team == team.code]
        if mine:
            result.append(_digest(team, found.day, mine))
    return result


def _digest(team: Team, day: date, cases: list[OverdueCase]) -> TeamDigest:
    return TeamDigest(
        team_id=team.id,
        team_code=team.code,
        team_name=team.name,
        email=team.email,
        day=day,
        overdue=[case for case in cases if case.state is SlaState.OVERDUE],
        due_soon=[case for case in cases if case.state is SlaState.DUE_SOON],
    )


def is_digest_day(settings: BackendSettings, day: date) -> bool:
    return is_working_day(day, settings.bank_holiday_region)


def send_digests(
    session: Session,
    settings: BackendSettings,
    catalogue: CatalogueCache,
    *,
    now: datetime | None = None,
) -> list[TeamDigest]:
    """Queue today's digests: each team's is claimed first (one row per team and day), so
    however many workers run this at once, each team gets one email a day. Returns the
    digests this call queued."""
    queued = []
    for digest in digests(session, settings, catalogue, now=now):
        claim = OverdueDigest(
            team_id=digest.team_id,
            day=digest.day,
            overdue=len(digest.overdue),
            due_soon=len(digest.due_soon),
        )
        try:
            with session.begin_nested():
                session.add(claim)
                session.flush()
        except IntegrityError:
            # Another worker (or an earlier run today) has it.
            continue
        if not digest.email:
            log.warning("team %s has no email address: no overdue digest sent", digest.team_code)
            continue
        claim.notification_id = notifications.queue_to_team(
            session,
            NotificationTemplate.OVERDUE_DIGEST,
            digest.email,
            digest.personalisation(),
        ).id
        queued.append(digest)
    session.flush()
    if queued:
        log.info("overdue digest for %s: %d teams", queued[0].day, len(queued))
    return queued
