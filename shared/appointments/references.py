"""Appointment references: ``AP-K7M-2QX``, never mistaken for a case reference.

``AP``, five random symbols from the case references' own alphabet (no look-alikes), and a
check character by the same weighted sum modulo 29, so one wrong character or two swapped
neighbours are always caught. Eight characters where a case reference has nine, so neither
can be read as the other. Input is accepted in either case, with spaces or dashes anywhere.

The confirmation's QR code and link open the public appointment page,
``<public_base_url>/appointment/APK7M2QX5?t=<token>``: :func:`reference_text` finds the
reference in such a link (a scan at the kiosk, a link pasted at the desk) and drops the
token, which opens the page and is no business of the box it was read into.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from shared.errors import InvalidReference
from shared.references import ALPHABET, check_character, normalise

PREFIX = "AP"
RANDOM_LENGTH = 5
LENGTH = len(PREFIX) + RANDOM_LENGTH + 1


@dataclass(frozen=True, slots=True)
class AppointmentReference:
    compact: str

    @property
    def display(self) -> str:
        """Grouped for people to read aloud and type: ``AP-K7M-2QX``."""
        c = self.compact
        return f"{c[0:2]}-{c[2:5]}-{c[5:8]}"

    def __str__(self) -> str:
        return self.compact


def new_reference() -> AppointmentReference:
    body = PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return AppointmentReference(body + check_character(body))


def parse(text: str) -> AppointmentReference:
    """Read a reference as a person typed it, or say plainly what is wrong with it."""
    compact = normalise(text)
    if not compact:
        raise InvalidReference("Please type the appointment reference.", problem="empty")
    if not compact.startswith(PREFIX):
        raise InvalidReference(
            "An appointment reference starts with AP. Please check it against your confirmation.",
            problem="prefix",
        )
    if len(compact) != LENGTH:
        raise InvalidReference(
            f"An appointment reference has {LENGTH} letters and numbers; this one has "
            f"{len(compact)}.",
            length=len(compact),
            problem="length",
        )
    for symbol in compact[len(PREFIX) :]:
        if symbol not in ALPHABET:
            raise InvalidReference(
                "That reference has a character appointment references never use "
                "(they have no O, 0, I, 1, L, S or U). Please check it and try again.",
                character=symbol,
                problem="look_alike",
            )
    if check_character(compact[:-1]) != compact[-1]:
        raise InvalidReference(
            "That reference is not quite right: one character may be mistyped, "
            "or two may be the wrong way round. Please check it and try again.",
            problem="check",
        )
    return AppointmentReference(compact)


def is_appointment_reference(text: str) -> bool:
    """Whether ``text`` looks like an appointment's reference rather than a case's (for a
    box that takes either: the kiosk's "I have a reference")."""
    compact = normalise(text)
    return compact.startswith(PREFIX) and len(compact) == LENGTH


# The public appointment page's path, before the reference (casebackend.appointments.page).
PAGE_SEGMENT = "appointment"


def reference_text(text: str) -> str:
    """The reference in ``text``: from an appointment page's link, its last path segment
    (the token and anything else dropped); any other text as it is, for :func:`parse` to
    judge. A link that is not to an appointment's page is not a reference at all."""
    text = text.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return text
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2 or segments[-2] != PAGE_SEGMENT:
        raise InvalidReference(
            "That link is not to an appointment's page. Type the reference instead.",
            problem="not_ours",
        )
    return unquote(segments[-1])


def from_scan(text: str) -> AppointmentReference:
    """The reference a scanner read: an appointment page's link or a reference on its own.
    A scanner does not mistype, so whatever does not read as one (a library card, another
    council's code) is simply not ours: ``InvalidReference`` with problem ``not_ours``."""
    try:
        return parse(reference_text(text))
    except InvalidReference:
        raise InvalidReference(
            "That code is not one of our appointments.", problem="not_ours"
        ) from None
