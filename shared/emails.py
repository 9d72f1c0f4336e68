"""An e-mail address field for the wire schemas that loads its checker when the first
address is checked, not when the schema is built.

The backend's edge checks and normalises an address exactly as pydantic's ``EmailStr``
does (pydantic's own ``validate_email``, the same error and message) and describes it the
same way in the API's schema; importing email-validator (and idna) waits for the first
address. msgspec does not check it: the kiosk checks a typed address where the customer
types it (``shared.flow.checks``), with the same library.
"""

from __future__ import annotations

from typing import Annotated

from shared.schema import rule


def _checked(value: str) -> str:
    # Here, not at the top: this is what loads email-validator.
    from pydantic.networks import validate_email

    return validate_email(value)[1]


Email = Annotated[str, *rule(_checked, json_schema={"format": "email"})]
