"""The schema comes from Alembic migrations, and they match the models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casebackend.app import build_context
from casebackend.db import migrate
from casebackend.db.engine import make_engine
from casebackend.db.models import Base
from shared.errors import Unavailable
from tests.conftest import make_settings


def test_migrations_build_exactly_the_models_schema(database_url):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_empty_database_is_migrated_on_start_and_an_old_one_is_refused(database_url):
    context = build_context(make_settings(database_url))
    assert migrate.is_current(context.engine)
    migrate.downgrade(context.engine, "base")
    migrate.upgrade(context.engine, "head")
    context.engine.dispose()

    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
    engine.dispose()
    with pytest.raises(Unavailable, match="firststop admin migrate"):
        build_context(make_settings(database_url))
