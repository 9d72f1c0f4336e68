"""The apps' end of the live hub: one WebSocket on Qt's event loop, kept open.

:class:`LiveLink` wraps ``QWebSocket`` (QtWebSockets): nothing ever waits on the network,
messages arrive as signals on the UI thread, already read into the shared message classes.
When the connection drops, or the hub goes quiet for longer than ``silence_s``, it opens a
new one after a growing pause with jitter (1 s, 2 s, 4 s … up to ``max_backoff_s``), so a
room full of kiosks does not knock on a restarted backend all in the same second. Each new
connection emits ``connected_changed(True)``; the owner then says hello and re-sends what the
hub must know (its open help request, its screen), because the hub may have restarted.
"""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QTimer, QUrl, QUrlQuery, Signal, Slot
from PySide6.QtNetwork import (
    QAbstractSocket,
    QNetworkRequest,
    QSslCertificate,
    QSslConfiguration,
)
from PySide6.QtWebSockets import QWebSocket, QWebSocketProtocol

from shared.errors import InvalidInput
from shared.live.messages import LiveError, LiveMessage, Sender, read_message, write_message

log = logging.getLogger(__name__)

# The hub's close codes that mean "do not try again with this sign-in".
REFUSED_CODES: Final = frozenset({4401, 4403, 4410})
# This sign-in was taken away (signed out, deactivated, kiosk revoked): never retried, not
# even by a link that retries refusals.
REVOKED_CODES: Final = frozenset({4410})
PING_EVERY_MS: Final = 10_000


def live_url(backend_url: str, location: str | None = None, reads: str | None = None) -> QUrl:
    """``http(s)://host:port`` → ``ws(s)://host:port/live[?location=…][&reads=…]``."""
    url = QUrl(backend_url.rstrip("/") + "/live")
    url.setScheme("wss" if url.scheme() == "https" else "ws")
    query = QUrlQuery()
    if location:
        query.addQueryItem("location", location)
    if reads:
        query.addQueryItem("reads", reads)
    if not query.isEmpty():
        url.setQuery(query)
    return url


class LiveLink(QObject):
    """A kept-open connection to ``/live``. Emits ``received`` for each hub message."""

    received = Signal(object)
    connected_changed = Signal(bool)
    # The hub turned this sign-in away (code, plain message); no retry unless ``start``.
    refused = Signal(str, str)

    def __init__(
        self,
        backend_url: str,
        token: str,
        *,
        location: str | None = None,
        reads: str | None = None,
        reader: Sender = "hub",
        retry_refused: bool = False,
        min_backoff_s: float = 1.0,
        max_backoff_s: float = 30.0,
        silence_s: float = 35.0,
        ca_file: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``retry_refused``: keep trying after the hub refused the token (a kiosk waits for
        staff to sort it out; a desk goes back to its sign-in screen instead). A token the
        hub says was taken away (close code 4410) is never tried again."""
        super().__init__(parent)
        # ``reads``: what this app reads beyond an earlier version (the hub sends it only then).
        self._url = live_url(backend_url, location, reads)
        self._token = token
        self._reader: Sender = reader
        self._retry_refused = retry_refused
        self._min_backoff = min_backoff_s
        self._max_backoff = max_backoff_s
        self._silence_ms = int(silence_s * 1000)
        self._backoff = min_backoff_s
        self._running = False
        self._connected = False
        self._refused = False
        self._socket = QWebSocket(parent=self)
        if ca_file is not None:
            config = QSslConfiguration.defaultConfiguration()
            config.addCaCertificates(QSslCertificate.fromPath(str(ca_file)))
            self._socket.setSslConfiguration(config)
        self._socket.connected.connect(self._on_connected)
        self._socket.disconnected.connect(self._on_disconnected)
        self._socket.textMessageReceived.connect(self._on_text)
        self._socket.pong.connect(self._heard)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._open)
        self._ping = QTimer(self, interval=PING_EVERY_MS)
        self._ping.timeout.connect(self._keep_alive)
        self._silence = QTimer(self, singleShot=True)
        self._silence.timeout.connect(self._gone_quiet)

    @property
    def connected(self) -> bool:
        return self._connected

    def start(self) -> None:
        self._running = True
        self._refused = False
        self._backoff = self._min_backoff
        self._open()

    def stop(self) -> None:
        self._running = False
        self._retry.stop()
        self._ping.stop()
        self._silence.stop()
        if self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            self._socket.close(QWebSocketProtocol.CloseCode.CloseCodeNormal, "bye")
            self._socket.abort()

    def send(self, message: LiveMessage) -> bool:
        """Send now if connected; ``False`` if not (the owner re-sends on reconnecting)."""
        if not self._connected:
            return False
        self._socket.sendTextMessage(write_message(message))
        return True

    def drop(self) -> None:
        """Cut the connection as a network failure would (it reconnects as usual)."""
        self._socket.abort()

    # Internals -------------------------------------------------------------------------

    @Slot()
    def _open(self) -> None:
        if not self._running:
            return
        request = QNetworkRequest(self._url)
        request.setRawHeader(b"Authorization", f"Bearer {self._token}".encode())
        self._socket.open(request)

    @Slot()
    def _on_connected(self) -> None:
        self._connected = True
        self._backoff = self._min_backoff
        self._ping.start()
        self._silence.start(self._silence_ms)
        self.connected_changed.emit(True)

    @Slot()
    def _on_disconnected(self) -> None:
        was_connected = self._connected
        self._connected = False
        self._ping.stop()
        self._silence.stop()
        code = int(self._socket.closeCode().value)
        if was_connected:
            self.connected_changed.emit(False)
        if code in REVOKED_CODES or (code in REFUSED_CODES and not self._retry_refused):
            self._refused = True
            return
        if self._running:
            delay = self._backoff * random.uniform(0.5, 1.0)  # noqa: S311 — jitter, not secrets
            self._backoff = min(self._backoff * 2, self._max_backoff)
            self._retry.start(int(delay * 1000))

    @Slot(str)
    def _on_text(self, text: str) -> None:
        self._heard()
        try:
            message = read_message(text, self._reader)
        except InvalidInput:
            # Never the text: it may carry a screen's answers.
            log.warning("a live message was not understood and was skipped")
            return
        if isinstance(message, LiveError) and message.code in ("not_authenticated", "forbidden"):
            self.refused.emit(message.code, message.message)
        self.received.emit(message)

    @Slot()
    def _heard(self) -> None:
        if self._connected:
            self._silence.start(self._silence_ms)

    @Slot()
    def _keep_alive(self) -> None:
        self._socket.ping(b"")

    @Slot()
    def _gone_quiet(self) -> None:
        log.info("the live hub has gone quiet; reconnecting")
        self._socket.abort()
