import pytest

from shared.cases.workflow import CLOSED_STATUSES, TRANSITIONS, CaseStatus, check_transition
from shared.errors import InvalidTransition


def test_every_status_has_a_rule_and_a_label():
    assert set(TRANSITIONS) == set(CaseStatus)
    assert all(status.label for status in CaseStatus)


def test_finished_cases_stay_finished():
    for status in (CaseStatus.CLOSED, CaseStatus.DUPLICATE, CaseStatus.CANCELLED):
        for target in CaseStatus:
            with pytest.raises(InvalidTransition):
                check_transition(status, target)


def test_nothing_goes_back_to_submitted():
    for status in CaseStatus:
        assert CaseStatus.SUBMITTED not in TRANSITIONS[status]


def test_a_resolved_case_can_be_reopened():
    check_transition(CaseStatus.RESOLVED, CaseStatus.IN_PROGRESS)
    assert not CaseStatus.RESOLVED.is_open
    assert CaseStatus.AWAITING_CUSTOMER.is_open
    assert CaseStatus.RESOLVED in CLOSED_STATUSES


def test_the_refusal_says_what_is_allowed():
    with pytest.raises(InvalidTransition, match=r"Next steps allowed: .*in_progress"):
        check_transition(CaseStatus.AWAITING_CUSTOMER, CaseStatus.TRIAGED)
