from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint, true
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
    # Shut on the bank holidays of the backend's ``bank_holiday_region`` unless a dated
    # exception opens it (casebackend/organisation/hours.py).
    closed_on_bank_holidays: Mapped[bool] = mapped_column(default=True, server_default=true())


class WeeklyHours(Base):
    """One span a location is open on a weekday (0 Monday … 6 Sunday), local time; a day
    may have several (a lunch break), and a weekday with none is closed."""

    __tablename__ = "weekly_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]
    opens: Mapped[time]
    closes: Mapped[time]


class HoursException(Base):
    """A dated change to a location's hours: ``spans`` (``[["09:00", "12:00"]]``, local
    times) replace the weekday's; none is closed all day."""

    __tablename__ = "hours_exceptions"
    __table_args__ = (UniqueConstraint("location_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    day: Mapped[date]
    spans: Mapped[list[Any]]
    note: Mapped[str] = mapped_column(String(200), default="")


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
