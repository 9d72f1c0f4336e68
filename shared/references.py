"""Case references: short, unambiguous, unique without a round trip, self-checking.

A reference is nine characters from a 29-symbol alphabet that leaves out the look-alikes
``0 O 1 I L S U``, shown in three groups: ``K7M-2QX-R4E``.

* three characters name the **issuer** (the backend, or one enrolled kiosk),
* five are that issuer's **sequence number**, so an offline kiosk can issue a real one,
* the last is a **check character**: a weighted sum modulo 29 (a prime) with weights
  ``2**i`` (2 is a primitive root of 29). Every single wrong character changes the sum by
  ``w*(a-b)`` and every swap of two neighbours by ``w*(1-2)*(a-b)``; neither is 0 modulo a
  prime, so both are always caught.

Input is accepted in either case, with spaces or dashes anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.errors import InvalidReference

ALPHABET = "23456789ABCDEFGHJKMNPQRTVWXYZ"
MODULUS = len(ALPHABET)  # 29, prime
ISSUER_LENGTH = 3
SEQUENCE_LENGTH = 5
LENGTH = ISSUER_LENGTH + SEQUENCE_LENGTH + 1
MAX_ISSUER = MODULUS**ISSUER_LENGTH - 1
MAX_SEQUENCE = MODULUS**SEQUENCE_LENGTH - 1

_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_WEIGHTS = [pow(2, i + 1, MODULUS) for i in range(LENGTH)]
_SEPARATORS = re.compile("[\\s\\-\u2013\u2014]+")  # spaces, hyphens, en and em dashes
_LOOK_ALIKES = {"0": "O/0", "O": "O/0", "1": "I/1", "I": "I/1", "L": "L", "S": "S", "U": "U"}


def _encode(number: int, width: int) -> str:
    symbols = []
    for _ in range(width):
        number, digit = divmod(number, MODULUS)
        symbols.append(ALPHABET[digit])
    return "".join(reversed(symbols))


def _decode(text: str) -> int:
    number = 0
    for symbol in text:
        number = number * MODULUS + _VALUE[symbol]
    return number


def check_character(body: str) -> str:
    """The character that makes the weighted sum of ``body + check`` zero modulo 29."""
    total = sum(_VALUE[s] * w for s, w in zip(body, _WEIGHTS, strict=False))
    # Solve total + c * w_last ≡ 0 (mod p) for c.
    w_last = _WEIGHTS[len(body)]
    c = (-total * pow(w_last, -1, MODULUS)) % MODULUS
    return ALPHABET[c]


def encode_issuer(number: int) -> str:
    if not 0 <= number <= MAX_ISSUER:
        raise ValueError(f"issuer number {number} is outside 0..{MAX_ISSUER}")
    return _encode(number, ISSUER_LENGTH)


@dataclass(frozen=True, slots=True)
class CaseReference:
    """A valid reference; ``str()`` gives the canonical compact form (``K7M2QXR4E``)."""

    issuer: str
    sequence: int

    @classmethod
    def issue(cls, issuer: str, sequence: int) -> CaseReference:
        if len(issuer) != ISSUER_LENGTH or any(s not in _VALUE for s in issuer):
            raise ValueError(f"{issuer!r} is not an issuer code")
        if not 0 <= sequence <= MAX_SEQUENCE:
            raise ValueError(f"sequence {sequence} is outside 0..{MAX_SEQUENCE}")
        return cls(issuer, sequence)

    @property
    def compact(self) -> str:
        body = self.issuer + _encode(self.sequence, SEQUENCE_LENGTH)
        return body + check_character(body)

    @property
    def display(self) -> str:
        """Grouped for people to read aloud and type: ``K7M-2QX-R4E``."""
        c = self.compact
        return f"{c[0:3]}-{c[3:6]}-{c[6:9]}"

    def __str__(self) -> str:
        return self.compact


def normalise(text: str) -> str:
    """Upper-case and strip spaces and dashes, without checking anything else."""
    return _SEPARATORS.sub("", text).upper()


def parse(text: str) -> CaseReference:
    """Read a reference as a person typed it, or say plainly what is wrong with it."""
    compact = normalise(text)
    if not compact:
        raise InvalidReference("Please type the case reference.", problem="empty")
    for symbol in compact:
        if symbol not in _VALUE:
            if symbol in _LOOK_ALIKES:
                raise InvalidReference(
                    f"References never use {_LOOK_ALIKES[symbol]}. "
                    "Please check that character against your receipt.",
                    character=symbol,
                    problem="look_alike",
                )
            raise InvalidReference(
                "A reference only has letters and numbers. Please check it and try again.",
                character=symbol,
                problem="not_alphanumeric",
            )
    if len(compact) != LENGTH:
        raise InvalidReference(
            f"A reference has {LENGTH} letters and numbers; this one has {len(compact)}.",
            length=len(compact),
            problem="length",
        )
    total = sum(_VALUE[s] * w for s, w in zip(compact, _WEIGHTS, strict=True))
    if total % MODULUS:
        raise InvalidReference(
            "That reference is not quite right: one character may be mistyped, "
            "or two may be the wrong way round. Please check it and try again.",
            problem="check",
        )
    return CaseReference(
        compact[:ISSUER_LENGTH], _decode(compact[ISSUER_LENGTH : ISSUER_LENGTH + SEQUENCE_LENGTH])
    )


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except InvalidReference:
        return False
    return True
