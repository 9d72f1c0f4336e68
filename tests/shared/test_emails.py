"""``shared.emails.Email`` checks an address as pydantic's ``EmailStr`` does, describes itself
the same way in the API's schema, and loads email-validator only when it first checks one."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import EmailStr, TypeAdapter, ValidationError

from shared.emails import Email

ADDRESSES = [
    "jo@example.com",
    "Jo.Bloggs@EXAMPLE.com",
    "x@münchen.de",
    "not-an-email",
    "a@b",
    "",
    "jo @example.com",
]


def _outcome(adapter: TypeAdapter[str | None], value: object) -> object:
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        return [(e["type"], e["msg"]) for e in error.errors()]


@pytest.mark.parametrize("value", [*ADDRESSES, 5, None])
def test_an_address_is_checked_and_normalised_as_emailstr_does(value: object) -> None:
    ours = _outcome(TypeAdapter(Email | None), value)
    assert ours == _outcome(TypeAdapter(EmailStr | None), value)


def test_the_schema_says_an_email_address() -> None:
    assert TypeAdapter(Email).json_schema() == TypeAdapter(EmailStr).json_schema()


def test_email_validator_loads_when_an_address_is_first_checked() -> None:
    # The backend's edge reads a schema with pydantic: building its reader loads nothing
    # more; checking the first address does.
    probe = (
        "import sys\n"
        "from pydantic import TypeAdapter\n"
        "from shared.cases.schemas import ContactDetails\n"
        "edge = TypeAdapter(ContactDetails)\n"
        "print('email_validator' in sys.modules)\n"
        "edge.validate_python({'email': 'jo@example.com'})\n"
        "print('email_validator' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["False", "True"]
