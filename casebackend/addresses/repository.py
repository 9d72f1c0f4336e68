"""Queries on the gazetteer."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from casebackend.addresses.models import Address

# More than any real postcode holds (the largest have a few hundred delivery points).
MAX_AT_POSTCODE = 1000
_CHUNK = 5000


def at_postcode(session: Session, postcode: str) -> list[Address]:
    """The addresses at one postcode, in the form ``SW1A 1AA``; unordered."""
    query = select(Address).where(Address.postcode == postcode).limit(MAX_AT_POSTCODE)
    return list(session.scalars(query))


def postcode_of(session: Session, uprn: str) -> str | None:
    return session.scalar(select(Address.postcode).where(Address.uprn == uprn))


def known_uprns(session: Session) -> set[str]:
    return set(session.scalars(select(Address.uprn)))


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Address)) or 0


def delete_all(session: Session) -> None:
    session.execute(delete(Address))


def insert_many(session: Session, rows: Iterable[dict[str, object]]) -> None:
    """Many rows at once (a council's gazetteer holds a few hundred thousand)."""
    chunk: list[dict[str, object]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            session.execute(insert(Address), chunk)
            chunk = []
    if chunk:
        session.execute(insert(Address), chunk)
