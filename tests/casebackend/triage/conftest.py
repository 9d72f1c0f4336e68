"""The triage list's tests across processes use the live hub's own PostgreSQL fixture."""

from tests.casebackend.live.conftest import postgresql_url

__all__ = ["postgresql_url"]
