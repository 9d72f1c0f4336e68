from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base


class Address(Base):
    """One property from the council's gazetteer (LLPG), found by its postcode.

    Loaded from a file (``firststop admin load-gazetteer``), never edited through the API.
    Cases keep their own copy of a place; nothing points at these rows."""

    __tablename__ = "addresses"

    # Unique Property Reference Number, without leading zeros.
    uprn: Mapped[str] = mapped_column(String(12), primary_key=True)
    # "SW1A 1AA": upper case, one space; the form every look-up is read into.
    postcode: Mapped[str] = mapped_column(String(8), index=True)
    # One display line without the postcode: "Flat 2, 14 Kestrel Row, Northgate".
    line: Mapped[str] = mapped_column(String(400))
    lat: Mapped[float | None]
    long: Mapped[float | None]
