"""An e-mail address field for the wire schemas that loads its checker when the first
address is checked, not when the schema is built.

pydantic's ``EmailStr`` imports email-validator (and idna) as soon as a model holding one
is built, which for the case schemas is at import: on the kiosk, before its welcome screen
is drawn, for a field most customers never fill in (issue 11). :data:`Email` checks and
normalises an address exactly as ``EmailStr`` does (pydantic's own ``validate_email``, the
same error and message) and describes itself the same way in the API's schema.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema


def _checked(value: str) -> str:
    # Here, not at the top: this is what loads email-validator.
    from pydantic.networks import validate_email

    return validate_email(value)[1]


Email = Annotated[
    str, AfterValidator(_checked), WithJsonSchema({"type": "string", "format": "email"})
]
