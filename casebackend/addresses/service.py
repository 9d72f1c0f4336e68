"""The gazetteer: addresses by postcode for the kiosk's "where is it?" step, and loading
the council's own list of addresses (its LLPG) from a CSV file."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from casebackend.addresses import repository
from casebackend.addresses.models import Address
from casebackend.cases.models import ActorKind
from casebackend.identity.principal import Principal
from shared.addresses import AddressMatch, AddressMatches, parse_postcode
from shared.errors import Forbidden, InvalidInput

# Who may look addresses up: kiosks and staff, and the system itself (the CLI, tests).
_MAY_LOOK_UP = frozenset({ActorKind.DEVICE, ActorKind.STAFF, ActorKind.SYSTEM})

COLUMNS = ("uprn", "postcode", "line")
POINT_COLUMNS = ("latitude", "longitude")
_UPRN = re.compile(r"^\d{1,12}$")
_NUMBERS = re.compile(r"(\d+)")
MAX_LINE = 400
_EXPECTED = "uprn,postcode,line (and, if you have them, latitude,longitude)"


# Looking up -------------------------------------------------------------------------------


def find(session: Session, principal: Principal, typed_postcode: str) -> AddressMatches:
    """Every address at a postcode typed any way (``ng1 2fx``, ``NG12FX``). A postcode that
    cannot be one is ``InvalidInput``; a well-formed one the gazetteer does not hold answers
    an empty list, so the kiosk can offer to type the address instead."""
    if principal.kind not in _MAY_LOOK_UP:
        raise Forbidden("Only a kiosk or signed-in staff can look addresses up.")
    postcode = parse_postcode(typed_postcode)
    found = sorted(repository.at_postcode(session, postcode), key=_in_street_order)
    return AddressMatches(postcode=postcode, addresses=[_match(a) for a in found])


def postcode_for(session: Session, uprn: str) -> str | None:
    """The gazetteer's postcode for a property, or ``None`` when it does not know it."""
    canonical = canonical_uprn(uprn)
    return repository.postcode_of(session, canonical) if canonical else None


def canonical_uprn(text: str) -> str | None:
    """``"000100031"`` → ``"100031"``: UPRNs are numbers, sometimes written zero-padded."""
    text = text.strip()
    if not _UPRN.match(text) or int(text) == 0:
        return None
    return str(int(text))


def _match(address: Address) -> AddressMatch:
    return AddressMatch(
        uprn=address.uprn,
        line=address.line,
        postcode=address.postcode,
        lat=address.lat,
        long=address.long,
    )


def _in_street_order(address: Address) -> list[str | int]:
    """ "2 Kestrel Row" before "10 Kestrel Row": numbers compared as numbers."""
    parts: list[str | int] = []
    for i, part in enumerate(_NUMBERS.split(address.line.casefold())):
        # split() alternates text and digits, text first, so positions always agree.
        parts.append(int(part) if i % 2 else part)
    return parts


# Loading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    uprn: str
    postcode: str
    line: str
    lat: float | None = None
    long: float | None = None

    def row(self) -> dict[str, object]:
        return {
            "uprn": self.uprn,
            "postcode": self.postcode,
            "line": self.line,
            "lat": self.lat,
            "long": self.long,
        }


def read_gazetteer_file(path: Path) -> list[GazetteerEntry]:
    """A gazetteer CSV file (UTF-8, with or without a byte-order mark), checked row by row;
    every problem is collected and reported together (``InvalidInput``,
    ``details["problems"]``), each naming its line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return read_gazetteer(stream)
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{path.name} is not UTF-8 text: save it as CSV UTF-8 and try again."
        ) from None


def read_gazetteer(lines: Iterable[str]) -> list[GazetteerEntry]:
    """CSV text whose first line names the columns ``uprn,postcode,line`` and, optionally,
    ``latitude,longitude`` (in any order)."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InvalidInput(f"line 1: this is not readable CSV ({exc}).") from None
    if header is None:
        raise InvalidInput(
            f"The gazetteer is empty. Its first line must name the columns {_EXPECTED}."
        )
    columns = [c.strip().casefold() for c in header]
    _check_header(columns)
    where = {name: columns.index(name) for name in columns}
    entries: list[GazetteerEntry] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # a blank line
            number = reader.line_num
            if len(values) != len(columns):
                problems.append(
                    f"line {number}: expected {len(columns)} values, found {len(values)} "
                    "(an address with a comma needs double quotes around it)"
                )
                continue
            entry = _entry({name: values[i] for name, i in where.items()})
            if isinstance(entry, list):
                problems.extend(f"line {number}: {problem}" for problem in entry)
                continue
            if entry.uprn in first_line:
                problems.append(
                    f"line {number}: UPRN {entry.uprn} is already on line {first_line[entry.uprn]}"
                )
                continue
            first_line[entry.uprn] = number
            entries.append(entry)
    except csv.Error as exc:
        problems.append(f"line {reader.line_num}: this is not readable CSV ({exc})")
    if problems:
        raise InvalidInput(
            f"The gazetteer has {len(problems)} problem{'s' if len(problems) > 1 else ''}.",
            problems=problems,
        )
    if not entries:
        raise InvalidInput("The gazetteer has no addresses: only the line naming the columns.")
    return entries


def _check_header(columns: list[str]) -> None:
    missing = [c for c in COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in COLUMNS + POINT_COLUMNS]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    points = [c for c in POINT_COLUMNS if c in columns]
    if missing or unknown or repeated or len(points) == 1:
        found = ",".join(columns) or "nothing"
        raise InvalidInput(
            f"line 1: the first line must name the columns {_EXPECTED}; it has {found}."
        )


def _entry(values: dict[str, str]) -> GazetteerEntry | list[str]:
    """One row as an entry, or what is wrong with it."""
    problems: list[str] = []
    uprn = canonical_uprn(values["uprn"])
    if uprn is None:
        problems.append(f"UPRN {values['uprn'].strip()!r} is not a number of 1 to 12 digits")
    postcode = None
    try:
        postcode = parse_postcode(values["postcode"])
    except InvalidInput:
        problems.append(f"postcode {values['postcode'].strip()!r} is not a UK postcode")
    line = " ".join(values["line"].split())
    if not line:
        problems.append("the address line is empty")
    elif len(line) > MAX_LINE:
        problems.append(f"the address line is longer than {MAX_LINE} characters")
    elif any(ord(c) < 32 or ord(c) == 127 for c in line):
        problems.append("the address line contains control characters")
    lat, long = _point(values.get("latitude", ""), values.get("longitude", ""), problems)
    if problems or uprn is None or postcode is None:
        return problems
    return GazetteerEntry(uprn=uprn, postcode=postcode, line=line, lat=lat, long=long)


def _point(lat_text: str, long_text: str, problems: list[str]) -> tuple[float | None, float | None]:
    lat_text, long_text = lat_text.strip(), long_text.strip()
    if not lat_text and not long_text:
        return None, None
    if not lat_text or not long_text:
        problems.append("latitude and longitude go together: give both, or neither")
        return None, None
    lat, long = _degrees(lat_text, 90), _degrees(long_text, 180)
    if lat is None:
        problems.append(f"latitude {lat_text!r} is not a number from -90 to 90")
    if long is None:
        problems.append(f"longitude {long_text!r} is not a number from -180 to 180")
    return lat, long


def _degrees(text: str, limit: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


def replace_gazetteer(session: Session, entries: Iterable[GazetteerEntry]) -> tuple[int, int]:
    """The gazetteer becomes exactly these addresses: an address the file no longer lists (a
    demolished or merged property) is gone. In the caller's transaction, so a reader sees the
    old list or the new one, never half of each. Answers (addresses before, after)."""
    before = repository.count(session)
    repository.delete_all(session)
    rows = [entry.row() for entry in entries]
    repository.insert_many(session, rows)
    session.flush()
    return before, len(rows)


def add_missing(session: Session, entries: Iterable[GazetteerEntry]) -> int:
    """Adds the addresses whose UPRN is not there yet and keeps the rest (the demo seeding,
    safe to repeat). Answers how many were added."""
    known = repository.known_uprns(session)
    rows = [entry.row() for entry in entries if entry.uprn not in known]
    repository.insert_many(session, rows)
    session.flush()
    return len(rows)
