"""Customers: one record each ("tell us once"), linked to their cases and service accounts."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebackend.db.base import Base, TimestampedMixin


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
