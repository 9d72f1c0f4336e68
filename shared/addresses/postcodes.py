"""A UK postcode as people type it: either case, any spaces, read into one form."""

from __future__ import annotations

import re

from shared.errors import InvalidInput

# Outward code (area letters, district) then inward code (sector digit, unit letters).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")

POSTCODE_PROBLEM = "Please type a UK postcode, like SW1A 1AA."


def parse_postcode(text: str) -> str:
    """``" sw1a1aa "`` → ``"SW1A 1AA"``: upper case, one space before the inward code.

    Anything that cannot be a UK postcode is ``InvalidInput`` with a message that can be
    shown as it is (``details["field"]`` is ``postcode``)."""
    found = _POSTCODE.match("".join(text.split()).upper())
    if found is None:
        raise InvalidInput(POSTCODE_PROBLEM, field="postcode")
    return f"{found.group(1)} {found.group(2)}"
