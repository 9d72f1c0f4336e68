import pytest

from casebackend.organisation.service import Router, outward_code

RULES = [
    ("flytipping", "NG5", 1),
    ("flytipping", None, 2),
    (None, "NG", 3),
    (None, None, 4),
    ("pothole", "NG1", 5),
]


@pytest.mark.parametrize(
    ("service", "postcode", "team"),
    [
        ("flytipping", "NG5 2AB", 1),  # service and district
        ("flytipping", "ng52ab", 1),  # as people type it
        ("flytipping", "NG7 1AA", 2),  # service alone
        ("flytipping", None, 2),
        ("missed_bin", "NG7 1AA", 3),  # postcode area alone
        ("missed_bin", "DE1 1AA", 4),  # catch-all
        ("pothole", "NG1 5AA", 5),
        ("pothole", "NG10 1AA", 3),  # NG10 is not NG1
    ],
)
def test_the_most_specific_rule_wins(service, postcode, team):
    assert Router(RULES).team_for(service, postcode) == team


def test_no_rules_no_team():
    assert Router([]).team_for("pothole", "NG1 1AA") is None


@pytest.mark.parametrize(
    ("postcode", "outward"),
    [("NG1 5AA", "NG1"), ("sw1a 1aa", "SW1A"), ("M1 1AE", "M1"), ("NG1", None), (None, None)],
)
def test_outward_code(postcode, outward):
    assert outward_code(postcode) == outward
