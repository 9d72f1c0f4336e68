"""Who is calling: kiosks (devices), staff, and Open311 clients (API keys).

Every secret is stored hashed: tokens and keys with SHA-256 (they are long and random),
passwords with Argon2.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebackend.db.base import Base, TimestampedMixin
from casebackend.organisation.models import Location


class Role(StrEnum):
    GREETER = "greeter"
    CASEWORKER = "caseworker"
    # Reads the council's figures (every location); no case work.
    MANAGER = "manager"
    ADMIN = "admin"


staff_locations = Table(
    "staff_locations",
    Base.metadata,
    Column("staff_id", ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("location_id", ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True),
)


class StaffMember(TimestampedMixin, Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[Any]]
    active: Mapped[bool] = mapped_column(default=True)
    locations: Mapped[list[Location]] = relationship(secondary=staff_locations, lazy="selectin")


class StaffSession(TimestampedMixin, Base):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    staff: Mapped[StaffMember] = relationship(lazy="joined")


class EnrolmentCode(TimestampedMixin, Base):
    """A one-time code an installer types into a new kiosk, bound to one location."""

    __tablename__ = "enrolment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Device(TimestampedMixin, Base):
    """An enrolled kiosk. ``issuer`` is its case-reference prefix for offline references."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issuer: Mapped[str] = mapped_column(String(3), unique=True)
    revoked: Mapped[bool] = mapped_column(default=False)
    last_seen_at: Mapped[datetime | None]
    # When it was last on the live hub's link (first joined, or last left): a kiosk that
    # joined and dropped off before its first heartbeat has been in touch, and is worth
    # walking to; one never switched on has not.
    live_seen_at: Mapped[datetime | None]
    # Put out of order by staff from the board: the kiosk shows so until put back.
    out_of_order: Mapped[bool] = mapped_column(default=False)
    location: Mapped[Location] = relationship(lazy="joined")


class ApiKey(TimestampedMixin, Base):
    """An Open311 client (FixMyStreet, a council's web form) and its hashed key."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(default=False)
