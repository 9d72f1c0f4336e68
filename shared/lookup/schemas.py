"""Case lookup on the staff desk: one search box, read as a reference, an email address, a
phone number, a postcode or a name (:func:`search_kind`), and the cases it finds."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum

from shared import references
from shared.addresses.postcodes import parse_postcode
from shared.cases.schemas import Channel
from shared.cases.workflow import CaseStatus
from shared.errors import InvalidInput
from shared.schema import schema

# The most cases one search answers; more means the search should be narrower.
MAX_HITS = 50
# A phone number as people type it: digits with spaces, dashes, brackets, a leading +.
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
MIN_PHONE_DIGITS = 6


class LookupKind(StrEnum):
    REFERENCE = "reference"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    NAME = "name"


def search_kind(text: str) -> LookupKind:
    """What a search box's text is: an email (it has an @), a UK postcode, a case reference
    (its check character right), a phone number (digits), else a name.

    ``InvalidInput``, with words for the person typing, when it is none of them."""
    typed = " ".join(text.split())
    if not typed:
        raise InvalidInput("Type a reference, a name, a phone number, an email or a postcode.")
    if "@" in typed:
        return LookupKind.EMAIL
    try:
        parse_postcode(typed)
    except InvalidInput:
        pass
    else:
        return LookupKind.POSTCODE
    # Before a phone number: a reference may be all digits, and its check character makes
    # a phone number that reads as one very unlikely (UK numbers are longer, too).
    if references.is_valid(typed):
        return LookupKind.REFERENCE
    if _PHONE.match(typed) and sum(c.isdigit() for c in typed) >= MIN_PHONE_DIGITS:
        return LookupKind.PHONE
    if sum(c.isalpha() for c in typed) < 2:
        raise InvalidInput(
            "That is too short to search for. Type at least two letters of a name, or a "
            "whole phone number, reference, email or postcode."
        )
    return LookupKind.NAME


@schema
class CaseHit:
    """One case a search found: enough to tell it from the others, no answers."""

    reference: str
    reference_display: str
    service_code: str
    service_name: str
    status: CaseStatus
    status_label: str
    channel: Channel
    # Staff ran the journey for the customer (an assisted transaction).
    assisted: bool
    created_at: datetime
    location_code: str | None
    # The customer's name (their record's, else as they gave it), if any.
    customer_name: str | None
    # The case's postcode, in its usual form ("NG5 2AB").
    postcode: str | None


@schema
class CaseLookup:
    """Newest first; ``more`` when there were more than :data:`MAX_HITS`."""

    kind: LookupKind
    items: list[CaseHit]
    more: bool
