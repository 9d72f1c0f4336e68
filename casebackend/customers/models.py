"""Customers: one record each ("tell us once"), linked to their cases and service accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebackend.db.base import Base, TimestampedMixin, str_enum, utcnow
from shared.customers.schemas import MatchedOn, MatchStatus


class Customer(TimestampedMixin, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    # Normalised for matching: lower-case email, digits-only UK phone, spaceless postcode.
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    postcode: Mapped[str | None] = mapped_column(String(8), index=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    # Set when the customer's personal data was erased (on request, or by retention).
    erased_at: Mapped[datetime | None]
    accounts: Mapped[list[ServiceAccount]] = relationship(
        back_populates="customer", lazy="selectin", order_by="ServiceAccount.id"
    )


class ServiceAccount(Base):
    """The customer's account with one council service (council tax, parking, waste...)."""

    __tablename__ = "service_accounts"
    __table_args__ = (UniqueConstraint("service", "account_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(64))
    account_ref: Mapped[str] = mapped_column(String(64))
    customer: Mapped[Customer] = relationship(back_populates="accounts", lazy="raise")


class CustomerMatch(Base):
    """A case whose unverified contact details look like an existing customer's.

    Nothing submitted from a kiosk or an Open311 client changes a customer's record: the
    case keeps what was submitted, and staff decide here whether it is the same person.
    """

    __tablename__ = "customer_matches"
    __table_args__ = (Index("ix_customer_matches_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    matched_on: Mapped[MatchedOn] = mapped_column(str_enum(MatchedOn, 20))
    status: Mapped[MatchStatus] = mapped_column(str_enum(MatchStatus, 10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_by_label: Mapped[str] = mapped_column(String(100), default="")
