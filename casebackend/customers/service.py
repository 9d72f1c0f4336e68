"""Tell us once: one customer record, found again from what the customer tells any channel."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from casebackend.customers.models import Customer, ServiceAccount
from casebackend.organisation.service import normalise_postcode
from shared.cases.schemas import ContactDetails
from shared.customers.schemas import AccountRead, CustomerRead


def normalise_email(email: str | None) -> str | None:
    return email.strip().lower() if email and email.strip() else None


def normalise_phone(phone: str | None) -> str | None:
    """UK numbers to one form: ``+44 7700 900123`` and ``07700 900123`` both → ``07700900123``."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits or None


def _name(value: str | None) -> str:
    return " ".join((value or "").split())


def find_customer(
    session: Session,
    *,
    email: str | None = None,
    phone: str | None = None,
    last_name: str | None = None,
    first_name: str | None = None,
    postcode: str | None = None,
) -> Customer | None:
    """Match on email, then phone, then name and postcode: the strongest key first."""
    if normalised := normalise_email(email):
        found = session.scalars(select(Customer).where(Customer.email == normalised)).first()
        if found is not None:
            return found
    if normalised := normalise_phone(phone):
        found = session.scalars(select(Customer).where(Customer.phone == normalised)).first()
        if found is not None:
            return found
    compact = normalise_postcode(postcode)
    if compact and _name(last_name):
        candidates = session.scalars(
            select(Customer).where(Customer.postcode == compact).order_by(Customer.id)
        )
        for candidate in candidates:
            same_last = candidate.last_name.casefold() == _name(last_name).casefold()
            same_first = not first_name or candidate.first_name.casefold() in (
                "",
                _name(first_name).casefold(),
            )
            if same_last and same_first:
                return candidate
    return None


def match_or_create(session: Session, details: ContactDetails) -> Customer | None:
    """The customer these details belong to, updated with anything new; None if anonymous."""
    email = normalise_email(details.email)
    phone = normalise_phone(details.phone)
    postcode = normalise_postcode(details.postcode)
    if not (email or phone or (postcode and details.last_name)):
        return None
    customer = find_customer(
        session,
        email=email,
        phone=phone,
        last_name=details.last_name,
        first_name=details.first_name,
        postcode=postcode,
    )
    if customer is None:
        customer = Customer()
        session.add(customer)
    # The newest details win: that is the point of telling us once.
    if details.first_name:
        customer.first_name = _name(details.first_name)
    if details.last_name:
        customer.last_name = _name(details.last_name)
    customer.email = email or customer.email
    customer.phone = phone or customer.phone
    customer.postcode = postcode or customer.postcode
    if details.address:
        customer.address = details.address.strip()
    session.flush()
    for service, account_ref in details.accounts.items():
        link_account(session, customer, service, account_ref)
    return customer


def link_account(session: Session, customer: Customer, service: str, account_ref: str) -> None:
    account = session.scalars(
        select(ServiceAccount).where(
            ServiceAccount.service == service, ServiceAccount.account_ref == account_ref
        )
    ).first()
    if account is None:
        session.add(
            ServiceAccount(customer_id=customer.id, service=service, account_ref=account_ref)
        )
    else:
        account.customer_id = customer.id


def customer_read(session: Session, customer: Customer) -> CustomerRead:
    accounts = session.scalars(
        select(ServiceAccount)
        .where(ServiceAccount.customer_id == customer.id)
        .order_by(ServiceAccount.id)
    )
    return CustomerRead(
        id=customer.id,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phone=customer.phone,
        postcode=customer.postcode,
        address=customer.address,
        accounts=[AccountRead(service=a.service, account_ref=a.account_ref) for a in accounts],
    )
