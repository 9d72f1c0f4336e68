"""Appointment references read from a scan or a pasted link: the confirmation's QR code
holds the public appointment page's link, whose last segment is the reference."""

from __future__ import annotations

import pytest

from shared.appointments import references
from shared.errors import InvalidReference

REFERENCE = references.new_reference()
LINK = f"https://council.example/appointment/{REFERENCE.compact}?t=Zm9vYmFyYmF6cXV4cXV1eA"


@pytest.mark.parametrize(
    "scanned",
    [
        LINK,
        f"http://127.0.0.1:8000/first-stop/appointment/{REFERENCE.compact}",
        f"HTTPS://COUNCIL.EXAMPLE/appointment/{REFERENCE.compact}/",
        REFERENCE.display,
        REFERENCE.compact.lower(),
        f"  {REFERENCE.display}  ",
    ],
)
def test_a_scan_of_our_code_reads_as_its_reference(scanned: str) -> None:
    assert references.from_scan(scanned) == REFERENCE


@pytest.mark.parametrize(
    "scanned",
    [
        "https://council.example/track/K7M2QXR4E?t=Zm9vYmFyYmF6cXV4cXV1eA",
        "https://example.com/",
        "21234000567890",  # a library card
        # One wrong character: a scanner does not mistype, so it is not ours.
        REFERENCE.compact[:-1] + next(c for c in "ABCD" if c != REFERENCE.compact[-1]),
        "https://council.example/appointment/NOTAREF",
        "",
    ],
)
def test_anything_else_is_not_ours(scanned: str) -> None:
    with pytest.raises(InvalidReference) as raised:
        references.from_scan(scanned)
    assert raised.value.details["problem"] == "not_ours"


def test_a_pasted_link_gives_its_reference_and_drops_the_token() -> None:
    assert references.reference_text(LINK) == REFERENCE.compact
    # Typed text is left for parse to judge (and to say what is wrong with it).
    assert references.reference_text(" AP-K7M ") == "AP-K7M"
    with pytest.raises(InvalidReference):
        references.reference_text("https://example.com/track/K7M2QXR4E")
