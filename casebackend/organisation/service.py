"""Locations, teams, and which team owns a new case."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casebackend.organisation.models import Location, RoutingRule, Team
from shared.errors import NotFound


def get_location(session: Session, code: str) -> Location:
    location = session.scalars(select(Location).where(Location.code == code)).first()
    if location is None:
        known = ", ".join(session.scalars(select(Location.code).order_by(Location.code)))
        if not known:
            raise NotFound(
                f"There is no location {code!r}: no locations exist yet "
                "(firststop admin seed-demo loads the demo council's)."
            )
        raise NotFound(f"There is no location {code!r}. Known locations: {known}.")
    return location


def list_locations(session: Session) -> list[Location]:
    return list(session.scalars(select(Location).order_by(Location.id)))


def normalise_postcode(postcode: str | None) -> str | None:
    if not postcode:
        return None
    compact = "".join(postcode.split()).upper()
    return compact or None


class Router:
    """Routing rules held in memory; they change rarely and every case needs them."""

    def __init__(self, rules: list[tuple[str | None, str | None, int]]) -> None:
        # Most specific first: service + longest area, service, longest area, catch-all.
        self._rules = sorted(
            rules, key=lambda r: (r[0] is None, -(len(r[1]) if r[1] else 0), r[1] is None)
        )

    @classmethod
    def load(cls, session: Session) -> Router:
        rows = session.execute(
            select(RoutingRule.service_code, RoutingRule.area, RoutingRule.team_id)
        ).all()
        return cls([(s, a.upper() if a else None, t) for s, a, t in rows])

    def team_for(self, service_code: str, postcode: str | None) -> int | None:
        outward = outward_code(postcode)
        for service, area, team_id in self._rules:
            if service not in (None, service_code):
                continue
            if area is not None and not _in_area(outward, area):
                continue
            return team_id
        return None


def outward_code(postcode: str | None) -> str | None:
    """``NG1 5AA`` → ``NG1``: the part that names the district."""
    compact = normalise_postcode(postcode)
    if compact is None or len(compact) < 5:
        return None
    return compact[:-3]


def _in_area(outward: str | None, area: str) -> bool:
    """An area is a postcode district (``NG1``) or a whole postcode area (``NG``)."""
    if outward is None:
        return False
    if area.isalpha():
        letters = len(outward) - len(outward.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        return outward[:letters] == area
    return outward == area


@dataclass(frozen=True, slots=True)
class TeamName:
    code: str
    name: str


class Directory:
    """Location and team codes by id, kept in memory: every case read names both.

    Read on start-up and on reload; an id added since is looked up and remembered.
    """

    def __init__(self) -> None:
        self._locations: dict[int, str] = {}
        self._teams: dict[int, TeamName] = {}

    def load(self, session: Session) -> None:
        self._locations = {
            row.id: row.code for row in session.execute(select(Location.id, Location.code))
        }
        self._teams = {
            row.id: TeamName(row.code, row.name)
            for row in session.execute(select(Team.id, Team.code, Team.name))
        }

    def location_code(self, session: Session, location_id: int | None) -> str | None:
        if location_id is None:
            return None
        if location_id not in self._locations:
            self._locations[location_id] = session.get_one(Location, location_id).code
        return self._locations[location_id]

    def team(self, session: Session, team_id: int | None) -> TeamName | None:
        if team_id is None:
            return None
        if team_id not in self._teams:
            team = session.get_one(Team, team_id)
            self._teams[team_id] = TeamName(team.code, team.name)
        return self._teams[team_id]
