"""The apps' live link against the real hub: a token the hub says was taken away (4410) is
never tried again, not even by a kiosk's link, which retries every other refusal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.identity import service as identity
from shared.live.messages import KioskActivity, KioskHello
from shared.ui.live import LiveLink
from tests.conftest import Backend


def test_a_revoked_kiosk_token_is_not_tried_again(backend: Backend, qtbot: QtBot) -> None:
    headers, enrolment = backend.enrol("shop")
    token = headers["Authorization"].removeprefix("Bearer ")
    link = LiveLink(backend.url, token, retry_refused=True, min_backoff_s=0.05, max_backoff_s=0.1)
    ups: list[bool] = []
    refusals: list[str] = []
    link.connected_changed.connect(ups.append)
    link.refused.connect(lambda code, _text: refusals.append(code))
    link.start()
    try:
        qtbot.waitUntil(lambda: ups == [True], timeout=10_000)
        assert link.send(KioskHello(activity=KioskActivity.IDLE))
        engine = make_engine(backend.context.settings.database_url)
        try:
            with unit_of_work(make_session_factory(engine)) as session:
                identity.revoke_device(session, enrolment["device_id"])
        finally:
            engine.dispose()
        qtbot.waitUntil(lambda: ups == [True, False], timeout=10_000)
        assert refusals == ["not_authenticated"]
        # No new attempt is scheduled (a 4401 would be retried after 0.05 s).
        assert not link._retry.isActive()
        assert not link.connected
    finally:
        link.stop()
