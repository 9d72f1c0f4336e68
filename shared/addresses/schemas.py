"""Wire schemas for addresses: ``GET /api/v1/addresses?postcode=…``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AddressMatch(BaseModel):
    """One address at a postcode, ready to go into a case's ``Place`` as it is."""

    model_config = ConfigDict(extra="forbid")

    uprn: str = Field(pattern=r"^\d{1,12}$")
    # One display line without the postcode: "Flat 2, 14 Kestrel Row, Northgate".
    line: str
    postcode: str
    lat: float | None = None
    long: float | None = None


class AddressMatches(BaseModel):
    """Every address the gazetteer holds at one postcode, in street-number order.

    An empty list means the postcode is well formed but unknown here: the kiosk offers to
    type the address instead."""

    model_config = ConfigDict(extra="forbid")

    postcode: str
    addresses: list[AddressMatch]
