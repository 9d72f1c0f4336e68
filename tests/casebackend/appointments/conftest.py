"""One backend per test module and database for the appointments' tests that can share
it (each test sets the capacity it needs and books slots no other test books): a backend's
start on PostgreSQL (a database, fifteen migrations, the demo council) costs seconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from casebackend.app import build_context, create_app
from tests.conftest import Backend, LiveServer, _postgres_database, make_settings, seed_demo_council


def _serve(database_url: str) -> Iterator[Backend]:
    settings = make_settings(database_url)
    seed = seed_demo_council(database_url)
    context = build_context(settings)
    with LiveServer(create_app(settings, context)) as server, requests.Session() as http:
        yield Backend(server.url, context, seed.api_key, http)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def shared_backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("appointments")
        yield from _serve(f"sqlite:///{folder / 'backend.sqlite3'}")
        return
    admin_url = request.config.getoption("--postgresql-url")
    if not admin_url:
        pytest.skip("no PostgreSQL server given (--postgresql-url); make test sets one up")
    for url in _postgres_database(admin_url):
        yield from _serve(url)
