"""How the desk's one search box is read: each kind of detail typed the ways people type it."""

from __future__ import annotations

import pytest

from shared.errors import InvalidInput
from shared.lookup.schemas import LookupKind, search_kind
from shared.references import CaseReference

REFERENCE = CaseReference.issue("K7M", 4242)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("ceri.jones@example.org", LookupKind.EMAIL),
        ("  CERI@EXAMPLE.ORG ", LookupKind.EMAIL),
        ("NG5 2AB", LookupKind.POSTCODE),
        ("ng52ab", LookupKind.POSTCODE),
        ("07700 900123", LookupKind.PHONE),
        ("+44 (7700) 900-123", LookupKind.PHONE),
        (REFERENCE.compact, LookupKind.REFERENCE),
        (REFERENCE.display.lower(), LookupKind.REFERENCE),
        (REFERENCE.display.replace("-", " "), LookupKind.REFERENCE),
        ("Jones", LookupKind.NAME),
        ("ceri jones", LookupKind.NAME),
        ("O'Brien-Smith", LookupKind.NAME),
    ],
)
def test_each_kind_is_recognised(typed: str, kind: LookupKind) -> None:
    assert search_kind(typed) is kind


@pytest.mark.parametrize("typed", ["", "   ", "?", "7", "12345"])
def test_too_little_to_search_for_is_said_plainly(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        search_kind(typed)
    assert refused.value.message.startswith(("Type a reference", "That is too short"))
