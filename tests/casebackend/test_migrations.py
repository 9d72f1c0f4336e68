"""The schema comes from Alembic migrations, and they match the models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from casebackend.app import build_context
from casebackend.db import migrate
from casebackend.db.base import utcnow
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.db.models import Base
from casebackend.identity.models import Device
from casebackend.organisation.models import Location, LocationKind
from casebackend.triage.models import KioskFaultClosure
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


def test_0018_kiosks_and_closed_faults_survive_down_and_up_again(database_url):
    """0018's two columns go and come back without taking a kiosk or a closed fault with
    them; a closed fault's presence comes back as its fault (what it most often was)."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        shop = Location(code="shop", name="Shop", kind=LocationKind.SHOP)
        session.add(shop)
        session.flush()
        kiosk = Device(name="Front door", location_id=shop.id, token_hash="a" * 64, issuer="K01")
        kiosk.live_seen_at = utcnow()
        session.add(kiosk)
        session.flush()
        session.add(
            KioskFaultClosure(
                device_id=kiosk.id, fault="not_responding", live_fault=None, outcome="fixed"
            )
        )
    migrate.downgrade(engine, "0017")
    migrate.upgrade(engine, "0018")
    with unit_of_work(sessions) as session:
        again = session.scalars(select(Device)).one()
        closure = session.scalars(select(KioskFaultClosure)).one()
        assert (again.name, again.live_seen_at) == ("Front door", None)
        assert (closure.device_id, closure.fault, closure.live_fault) == (
            again.id,
            "not_responding",
            "not_responding",
        )
    engine.dispose()
