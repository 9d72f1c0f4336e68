import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import references
from shared.errors import InvalidReference
from shared.references import ALPHABET, CaseReference, parse

issuers = st.integers(0, references.MAX_ISSUER).map(references.encode_issuer)
sequences = st.integers(0, references.MAX_SEQUENCE)


@given(issuers, sequences)
def test_issued_reference_round_trips(issuer, sequence):
    ref = CaseReference.issue(issuer, sequence)
    assert len(ref.compact) == references.LENGTH
    assert parse(ref.compact) == ref
    assert parse(ref.display.lower()) == ref
    assert parse(" " + ref.display.replace("-", " ") + " ") == ref


@given(issuers, sequences, st.data())
def test_every_single_substitution_is_caught(issuer, sequence, data):
    compact = CaseReference.issue(issuer, sequence).compact
    position = data.draw(st.integers(0, len(compact) - 1))
    replacement = data.draw(st.sampled_from([s for s in ALPHABET if s != compact[position]]))
    typo = compact[:position] + replacement + compact[position + 1 :]
    with pytest.raises(InvalidReference):
        parse(typo)


def test_every_single_substitution_exhaustively_for_one_reference():
    compact = CaseReference.issue("K7M", 123456).compact
    for position in range(len(compact)):
        for replacement in ALPHABET:
            if replacement == compact[position]:
                continue
            typo = compact[:position] + replacement + compact[position + 1 :]
            assert not references.is_valid(typo), typo


@given(issuers, sequences, st.data())
def test_every_adjacent_swap_is_caught(issuer, sequence, data):
    compact = CaseReference.issue(issuer, sequence).compact
    position = data.draw(st.integers(0, len(compact) - 2))
    a, b = compact[position], compact[position + 1]
    if a == b:
        return
    swapped = compact[:position] + b + a + compact[position + 2 :]
    with pytest.raises(InvalidReference):
        parse(swapped)


def test_display_groups_in_threes():
    ref = CaseReference.issue("K7M", 5)
    assert ref.display.count("-") == 2
    assert all(len(group) == 3 for group in ref.display.split("-"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Please type"),
        ("K7M-2QX", "has 9 letters"),
        ("K0M-2QX-R4C", "never use O/0"),
        ("KIM-2QX-R4C", "never use I/1"),
        ("K7M-2QX-R4!", "only has letters and numbers"),
    ],
)
def test_plain_language_errors(text, says):
    with pytest.raises(InvalidReference, match=says):
        parse(text)


def test_alphabet_has_no_look_alikes_and_a_prime_size():
    assert not set("0O1ILSU") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 29


def test_the_documented_example_is_a_real_reference():
    assert references.is_valid("K7M-2QX-R4E")
