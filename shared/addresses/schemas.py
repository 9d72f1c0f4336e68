"""Wire schemas for addresses: ``GET /api/v1/addresses?postcode=…``."""

from __future__ import annotations

from typing import Annotated

from shared.schema import pattern, schema


@schema
class AddressMatch:
    """One address at a postcode, ready to go into a case's ``Place`` as it is."""

    uprn: Annotated[str, *pattern(r"^\d{1,12}$")]
    # One display line without the postcode: "Flat 2, 14 Kestrel Row, Northgate".
    line: str
    postcode: str
    lat: float | None = None
    long: float | None = None


@schema
class AddressMatches:
    """Every address the gazetteer holds at one postcode, in street-number order.

    An empty list means the postcode is well formed but unknown here: the kiosk offers to
    type the address instead."""

    postcode: str
    addresses: list[AddressMatch]
