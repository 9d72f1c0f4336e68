"""schemathesis over the internal API's own OpenAPI document: generated requests, valid and
not, signed in as a caseworker, against the real backend. Bounded; finds no 5xx. (The
Open311 face has a document of its own: tests/security/test_fuzz_open311_schema.py.)"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from casebackend.settings import BackendSettings
from tests.conftest import make_settings

MAX_EXAMPLES = 30


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    """Generated sign-ins (and a sign-in per generated sign-out) from one address: more than
    the sign-in limit and lockouts allow a person, which tests/security checks."""
    return make_settings(
        database_url,
        login_requests_per_minute=10_000,
        lockout_failures=10_000,
        lockout_address_failures=10_000,
    )


def test_no_request_makes_the_backend_fail(backend):
    schema = schemathesis.openapi.from_url(f"{backend.api}/openapi.json")
    staff = backend.login("jo")
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 10
    failures: list[str] = []
    statuses: list[int] = []

    for operation in operations:

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        @given(case=operation.as_strategy())
        def exercise(case):
            headers = staff
            if case.path.endswith("/staff/login"):
                headers = {}
            elif case.path.endswith("/staff/logout"):
                headers = backend.login("jo")  # a session of its own to end
            response = case.call(base_url=backend.url, headers=headers, timeout=30)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:300]}")
            elif response.status_code >= 400:
                body = response.json()
                assert body["code"], body
                assert body["message"], body

        exercise()
    assert failures == []
    # Signed in, most generated requests get past authentication.
    assert sum(1 for s in statuses if s not in (401, 403)) > len(statuses) / 2
