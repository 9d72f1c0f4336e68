"""The figures page's logic: which days to ask for, asking off the UI thread (the desk's
:class:`~shared.ui.background.Background`), and what to show while it is asked, when it
comes and when it does not. Only the latest ask is drawn: a greeter who toggles twice
quickly sees the period they chose last."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QObject

from shared.client import BackendClient
from shared.errors import FirstStopError, Forbidden
from shared.figures.schemas import FiguresReport
from shared.ui.background import Background
from staffdesk.figures import summary
from staffdesk.figures.summary import Period
from staffdesk.figures.view import FiguresView

log = logging.getLogger(__name__)


class FiguresPresenter(QObject):
    def __init__(
        self,
        view: FiguresView,
        background: Background,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        """``today`` is the desk's clock (the tablet's own date, in the council's
        timezone); tests give a fixed one."""
        super().__init__(parent)
        self.view = view
        self.background = background
        self.today = today
        self.period = Period.TODAY
        self.location: str | None = None
        self.token: str | None = None
        self.report: FiguresReport | None = None
        self._attempt = 0
        self.view.set_period(self.period)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.period_chosen.connect(self._on_period_chosen)
        self.view.refresh_requested.connect(self.refresh)

    def signed_in(self, token: str, location: str) -> None:
        """The desk joined ``location``: its figures, read with the greeter's session (the
        bar above the page already names the place)."""
        self.token = token
        self.location = location

    def signed_out(self) -> None:
        """Forget the greeter's figures: the next one sees their own."""
        self._attempt += 1
        self.token = None
        self.location = None
        self.report = None
        self.view.show_loading()

    def refresh(self) -> None:
        """Ask for the chosen period's figures; the page says it is loading meanwhile."""
        self._attempt += 1
        attempt, period, today = self._attempt, self.period, self.today()
        token, location = self.token, self.location
        first, last = summary.period_days(period, today)
        self.view.show_loading(summary.LOADING)

        def fetch(client: BackendClient) -> FiguresReport:
            return client.figures(first, last, location)

        self.background.call_as(
            token,
            fetch,
            partial(self._on_loaded, attempt, period, today),
            partial(self._on_failed, attempt),
        )

    def show(self, report: FiguresReport, period: Period, today: date) -> None:
        """Draw ``report`` as ``period``'s figures (the screenshots give a made-up one)."""
        self.report = report
        self.period = period
        self.view.set_period(period)
        updated = f"Updated at {datetime.now().astimezone():%H:%M}."
        self.view.show_summary(summary.summarise(report, period, today), updated)

    def _on_period_chosen(self, chosen: str) -> None:
        period = Period(chosen)
        if period is not self.period or self.report is None:
            self.period = period
            self.refresh()

    def _on_loaded(self, attempt: int, period: Period, today: date, report: object) -> None:
        if attempt == self._attempt and isinstance(report, FiguresReport):
            self.show(report, period, today)

    def _on_failed(self, attempt: int, error: FirstStopError) -> None:
        if attempt != self._attempt:
            return
        log.info("the figures could not be loaded (%s)", error.code)
        self.view.show_failed(summary.NOT_YOURS if isinstance(error, Forbidden) else summary.FAILED)
