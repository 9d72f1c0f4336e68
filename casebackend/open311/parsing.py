"""Reading what GeoReport v2 clients send: forms, W3C datetimes, comma lists, pages.

Every problem is an :class:`InvalidInput` (a 400 on this face) whose description names the
parameter as the client spelt it. As the spec says, an empty parameter is an absent one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from fastapi import Request

from casebackend.open311.errors import PROBLEMS
from shared.errors import InvalidInput

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_FIELDS = 500
MAX_PAGE_SIZE = 1000
MAX_PAGE = 1_000_000

_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
_W3C = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<zone>Z|[+-]\d{2}:\d{2})?$"
)
# Dates a council's records can hold. Outside them, the window arithmetic and the database
# drivers overflow (year 1 or 9999 with an offset is not a date they can hold), so such a
# date is the client's mistake, answered 400, not ours.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
# "+01:00" sent without percent-encoding arrives as " 01:00": a plus in a query is a space.
_UNENCODED_PLUS = re.compile(r"(T[\d:.]+) (\d{2}:\d{2})$")


def invalid(*problems: str) -> InvalidInput:
    return InvalidInput(problems[0], **{PROBLEMS: list(problems)})


@dataclass(frozen=True, slots=True)
class Form:
    """A form's fields in the order sent; names may repeat."""

    pairs: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        """The first non-empty value, stripped, or ``None``."""
        return next((v.strip() for k, v in self.pairs if k == name and v.strip()), None)

    def get_all(self, name: str) -> list[str]:
        return [v.strip() for k, v in self.pairs if k == name and v.strip()]

    def attributes(self) -> dict[str, list[str]]:
        """``attribute[code]`` and ``attribute[code][]`` values, by code."""
        found: dict[str, list[str]] = {}
        for name, value in self.pairs:
            match = _ATTRIBUTE.match(name)
            if match and value.strip():
                found.setdefault(match.group(1), []).append(value.strip())
        return found


async def read_form(request: Request) -> Form:
    """The body of a POST, which the spec sends form-encoded in UTF-8, and nothing else."""
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    if media_type.strip().lower() != FORM_TYPE:
        raise invalid(
            "Send the request as a form: "
            "Content-Type: application/x-www-form-urlencoded; charset=utf-8."
        )
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise invalid("Send the form in UTF-8 (charset=utf-8).")
    body = await request.body()
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except ValueError:
        # Bytes that are not UTF-8, before or after percent-decoding, or too many fields.
        raise invalid(
            f"The form could not be read: send it in UTF-8, with at most {MAX_FORM_FIELDS} fields."
        ) from None
    return Form(tuple(pairs))


def optional(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def comma_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def parse_datetime(name: str, value: str | None) -> datetime | None:
    """A W3C datetime, which the spec says must carry its time zone; ``None`` if empty."""
    if not optional(value):
        return None
    text = _UNENCODED_PLUS.sub(r"\1+\2", (value or "").strip())
    match = _W3C.match(text)
    example = "2026-05-01T09:30:00Z or 2026-05-01T09:30:00+01:00"
    if match is None:
        raise invalid(f"{name} must be a date and time, such as {example}.")
    if match.group("zone") is None:
        raise invalid(f"{name} needs a time zone: add Z for UTC or an offset, such as {example}.")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise invalid(f"{name} is not a real date and time; write it like {example}.") from None
    try:
        in_utc = parsed.astimezone(UTC)
    except OverflowError:
        in_utc = None  # year 1 east of Greenwich, or year 9999 west of it
    if in_utc is None or not EARLIEST <= in_utc < LATEST:
        raise invalid(f"{name} must be between the years 1900 and 2999, such as {example}.")
    return parsed


def parse_page(page: str | None, page_size: str | None) -> tuple[int, int]:
    """FixMyStreet's paging extension: ``page`` from 1, ``page_size`` up to the default 1000."""
    number = _whole(page, "page", 1, MAX_PAGE) if optional(page) else 1
    size = _whole(page_size, "page_size", 1, MAX_PAGE_SIZE) if optional(page_size) else None
    return number, size or MAX_PAGE_SIZE


def _whole(value: str | None, name: str, low: int, high: int) -> int:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise invalid(f"{name} must be a whole number from {low} to {high}.")
    return int(text)
