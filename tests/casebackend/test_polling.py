"""The background chores' polling thread: a round at start and then on its interval, a
failed round logged without its message and tried again, a chore turned off never started,
and stopping ends the thread at once; and the three chores are each one."""

from __future__ import annotations

import logging
import threading

import pytest

from casebackend.appointments.scheduler import ReminderScheduler
from casebackend.overdue.scheduler import DigestScheduler
from casebackend.polling import PollingThread
from casebackend.privacy.scheduler import RetentionScheduler


class Chore(PollingThread):
    def __init__(self, *, fail_first: bool = False, enabled: bool = True) -> None:
        super().__init__(name="test-chore", what="the test chore", every_seconds=0.01)
        self.rounds = 0
        self.threads: set[str] = set()
        self.third = threading.Event()
        self._fail_first = fail_first
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    def poll(self) -> int:
        self.rounds += 1
        self.threads.add(threading.current_thread().name)
        if self.rounds >= 3:
            self.third.set()
        if self._fail_first and self.rounds == 1:
            given = "07700 900123"  # customer data, which the error's message quotes
            raise ValueError(f"{given} was not expected")
        return self.rounds


def test_it_polls_on_its_own_daemon_thread_until_stopped() -> None:
    chore = Chore()
    chore.start()
    try:
        assert chore.third.wait(5)
    finally:
        chore.stop()
    assert chore.threads == {"test-chore"}
    assert chore._thread is not None
    assert chore._thread.daemon
    assert not chore._thread.is_alive()
    rounds = chore.rounds
    assert not chore.third.wait(0.05) or chore.rounds == rounds  # nothing after stop


def test_a_failed_round_is_logged_without_its_message_and_tried_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chore = Chore(fail_first=True)
    with caplog.at_level(logging.ERROR, logger="casebackend.polling"):
        chore.start()
        try:
            assert chore.third.wait(5)
        finally:
            chore.stop()
    (record,) = [r for r in caplog.records if r.name == "casebackend.polling"]
    assert record.getMessage().startswith(
        "the test chore failed; will try again: builtins.ValueError (message withheld)"
    )
    assert "07700" not in record.getMessage()


def test_a_chore_turned_off_is_not_started() -> None:
    chore = Chore(enabled=False)
    chore.start()
    chore.stop()
    assert chore.rounds == 0
    assert chore._thread is None


def test_the_backends_chores_are_polling_threads() -> None:
    for chore in (ReminderScheduler, DigestScheduler, RetentionScheduler):
        assert issubclass(chore, PollingThread)
