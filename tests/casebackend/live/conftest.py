"""A PostgreSQL database of its own for each test of the hub across processes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import _postgres_database


@pytest.fixture
def postgresql_url(request: pytest.FixtureRequest) -> Iterator[str]:
    admin_url = request.config.getoption("--postgresql-url")
    if not admin_url:
        pytest.skip("no PostgreSQL server given (--postgresql-url); make test sets one up")
    yield from _postgres_database(admin_url)
