"""Confirmation messages for cases: queued in the case's transaction, sent after it.

A message is a row on the case first. Sending happens afterwards, on the dispatcher's
thread, so a provider that is slow or down never delays, loses or rolls back a case; a
failed send is retried with backoff and every attempt is recorded on the row.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from casebackend.cases.models import Case
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.notifications.models import Notification, NotificationStatus
from casebackend.notifications.provider import (
    NotificationChannel,
    NotificationProvider,
    NotificationTemplate,
    OutgoingMessage,
    ProviderError,
)
from shared.logsafe import describe

log = logging.getLogger(__name__)

# While one dispatcher sends a message, others leave it alone for this long.
LEASE = timedelta(minutes=2)
QUEUED = "notifications_queued"


def queue(
    session: Session,
    case: Case,
    template: NotificationTemplate,
    recipients: dict[NotificationChannel, str],
    personalisation: dict[str, str],
) -> list[Notification]:
    return _queue(session, template, recipients, personalisation, case_id=case.id)


def queue_about_appointment(
    session: Session,
    appointment_id: int,
    template: NotificationTemplate,
    recipients: dict[NotificationChannel, str],
    personalisation: dict[str, str],
) -> list[Notification]:
    """Messages to a customer about their appointment: rows like a case's, naming the
    appointment, deleted with it."""
    return _queue(session, template, recipients, personalisation, appointment_id=appointment_id)


def _queue(
    session: Session,
    template: NotificationTemplate,
    recipients: dict[NotificationChannel, str],
    personalisation: dict[str, str],
    *,
    case_id: int | None = None,
    appointment_id: int | None = None,
) -> list[Notification]:
    rows = [
        Notification(
            case_id=case_id,
            appointment_id=appointment_id,
            channel=channel,
            template=template,
            recipient=recipient,
            personalisation=personalisation,
            status=NotificationStatus.PENDING,
            attempts=0,
            created_at=utcnow(),
            next_attempt_at=utcnow(),
        )
        for channel, recipient in recipients.items()
    ]
    session.add_all(rows)
    if rows:
        # Read by the request scope after commit, to wake the dispatcher at once.
        session.info[QUEUED] = True
    return rows


def queue_to_team(
    session: Session,
    template: NotificationTemplate,
    email: str,
    personalisation: dict[str, str],
) -> Notification:
    """An email to a team's own address (no case), sent by the dispatcher like any other."""
    row = Notification(
        case_id=None,
        channel=NotificationChannel.EMAIL,
        template=template,
        recipient=email,
        personalisation=personalisation,
        status=NotificationStatus.PENDING,
        attempts=0,
        created_at=utcnow(),
        next_attempt_at=utcnow(),
    )
    session.add(row)
    session.flush()
    session.info[QUEUED] = True
    return row


def recipients_of(session: Session, case_id: int) -> dict[NotificationChannel, str]:
    """Where this case's customer asked to hear from us: the channels of its first messages."""
    rows = session.execute(
        select(Notification.channel, Notification.recipient)
        .where(
            Notification.case_id == case_id,
            Notification.template == NotificationTemplate.CASE_CREATED,
        )
        .order_by(Notification.id)
    ).all()
    return {NotificationChannel(channel): recipient for channel, recipient in rows}


def first_tracking_link(session: Session, case_id: int) -> str | None:
    """The tracking link this case's first confirmation carried, if it was sent one."""
    personalisation = session.scalars(
        select(Notification.personalisation)
        .where(
            Notification.case_id == case_id,
            Notification.template == NotificationTemplate.CASE_CREATED,
        )
        .order_by(Notification.id)
        .limit(1)
    ).first()
    link = (personalisation or {}).get("track_url")
    return link if isinstance(link, str) else None


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min … capped at an hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


class Dispatcher:
    """Sends pending messages: woken after each commit that queued some, and every minute."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        provider: NotificationProvider,
        max_attempts: int,
        poll_seconds: float = 60.0,
    ) -> None:
        self._sessions = sessions
        self._provider = provider
        self._max_attempts = max_attempts
        self._poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def provider(self) -> NotificationProvider:
        return self._provider

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="notifications", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._poll_seconds)
            self._wake.clear()
            try:
                self.send_due()
            # The thread must outlive any one bad moment; the message is withheld (it may
            # quote customer data), so this is an error line, not logging.exception.
            except Exception as exc:  # noqa: BLE001
                log.error(  # noqa: TRY400
                    "sending notifications failed; will try again: %s", describe(exc)
                )

    def send_due(self, now: datetime | None = None) -> int:
        """Send every message that is due; return how many were sent."""
        sent = 0
        while (notification_id := self._claim(now or utcnow())) is not None:
            sent += self._send(notification_id)
        return sent

    def _claim(self, now: datetime) -> int | None:
        """Lease one due message to this dispatcher; other dispatchers skip it meanwhile."""
        while True:
            with unit_of_work(self._sessions) as session:
                candidate = session.scalars(
                    select(Notification.id)
                    .where(
                        Notification.status == NotificationStatus.PENDING,
                        Notification.next_attempt_at <= now,
                    )
                    .order_by(Notification.next_attempt_at)
                    .limit(1)
                ).first()
                if candidate is None:
                    return None
                claimed = session.execute(  # type: ignore[attr-defined]
                    update(Notification)
                    .where(
                        Notification.id == candidate,
                        Notification.status == NotificationStatus.PENDING,
                        Notification.next_attempt_at <= now,
                    )
                    .values(next_attempt_at=utcnow() + LEASE)
                ).rowcount
            if claimed == 1:
                return candidate

    def _send(self, notification_id: int) -> int:
        with self._sessions() as session:
            row = session.get_one(Notification, notification_id)
            message = OutgoingMessage(
                channel=row.channel,
                recipient=row.recipient,
                template=row.template,
                personalisation=dict(row.personalisation),
                client_reference=f"firststop-{row.id}",
            )
        error: ProviderError | None = None
        provider_id = None
        try:
            provider_id = self._provider.send(message)
        except ProviderError as exc:
            error = exc
        with unit_of_work(self._sessions) as session:
            row = session.get_one(Notification, notification_id)
            row.attempts += 1
            row.provider = self._provider.name
            if error is None:
                row.status = NotificationStatus.SENT
                row.provider_id = provider_id
                row.sent_at = utcnow()
                row.next_attempt_at = None
                return 1
            row.last_error = str(error)[:1000]
            if error.permanent or row.attempts >= self._max_attempts:
                row.status = NotificationStatus.FAILED
                row.next_attempt_at = None
                log.warning("notification %s failed for good: %s", row.id, error)
            else:
                row.next_attempt_at = utcnow() + backoff(row.attempts)
                log.info("notification %s will be retried: %s", row.id, error)
            return 0
