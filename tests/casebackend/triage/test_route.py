"""Where a kiosk's help goes (SQLite and PostgreSQL): its own location's desks, the central
shop's when nobody is at its own, or nowhere and "closed" when the shop is shut too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casebackend.app import build_context
from casebackend.context import BackendContext
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.organisation.models import HoursException, Location, WeeklyHours
from casebackend.triage.service import HelpRoute, route_help
from shared.live.notices import HelpNoticeKind
from tests.conftest import make_settings, seed_demo_council


@pytest.fixture
def context(database_url: str) -> Iterator[BackendContext]:
    seed_demo_council(database_url)
    context = build_context(make_settings(database_url))
    with unit_of_work(context.sessions) as session:
        # No hours entered anywhere: every location counts as open.
        session.execute(delete(WeeklyHours))
    yield context
    context.engine.dispose()


def _ids(session: Session) -> dict[str, int]:
    return {code: id_ for id_, code in session.execute(select(Location.id, Location.code))}


def _closed_today(session: Session, context: BackendContext, location_id: int) -> None:
    today = utcnow().astimezone(ZoneInfo(context.settings.timezone)).date()
    for day in (today, today + timedelta(days=1)):
        session.add(HoursException(location_id=location_id, day=day, spans=[], note="test"))


def test_help_stays_where_a_desk_is_goes_to_the_shop_where_none_is_or_is_closed(
    context: BackendContext,
) -> None:
    settings = context.settings
    with unit_of_work(context.sessions) as session:
        ids = _ids(session)
        library, shop = ids["lib-northgate"], ids["shop"]
        assert route_help(session, settings, library, frozenset({library})) == HelpRoute()
        remote = route_help(session, settings, library, frozenset({shop}))
        assert remote == HelpRoute(shop, HelpNoticeKind.REMOTE, "City Centre Customer Service Shop")
        # The shop is open, so help goes there even before a greeter signs in.
        assert route_help(session, settings, library, frozenset()).served_at_id == shop
        # Another central location, by setting.
        central = settings.model_copy(update={"triage_central_location": "lib-central"})
        assert route_help(session, central, library, frozenset()).place_name == "Central Library"
        # The shop itself with nobody at its desk: it waits there.
        assert route_help(session, settings, shop, frozenset()) == HelpRoute()

        # With the shop and the library shut and no desk anywhere, the kiosk is told so.
        _closed_today(session, context, library)
        _closed_today(session, context, shop)
        session.flush()
        closed = route_help(session, settings, library, frozenset())
        assert (closed.served_at_id, closed.notice) == (None, HelpNoticeKind.CLOSED)
        assert closed.text() == (
            "Northgate Library is closed just now, so no one can come to help. "
            "You can carry on, or come back when we are open."
        )
        # A greeter still at the shop's desk after hours answers it.
        assert route_help(session, settings, library, frozenset({shop})).notice is (
            HelpNoticeKind.REMOTE
        )
