from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, str_enum


class LocationKind(StrEnum):
    SHOP = "shop"
    LIBRARY = "library"


class Location(Base):
    """A place with kiosks and staff: the customer service shop or a branch library."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[LocationKind] = mapped_column(str_enum(LocationKind, 20))
    address: Mapped[str] = mapped_column(String(400), default="")


class Team(Base):
    """A back-office team that owns cases."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")


class RoutingRule(Base):
    """Service and, optionally, area (a postcode prefix) → owning team.

    The most specific rule wins: service and longest area, then service alone, then area
    alone, then the rule with neither (the catch-all).
    """

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_code: Mapped[str | None] = mapped_column(String(64), index=True)
    area: Mapped[str | None] = mapped_column(String(8))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
