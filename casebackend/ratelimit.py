"""A token bucket per client, in memory: enough for one process guarding one endpoint."""

from __future__ import annotations

import threading
import time

from shared.errors import RateLimited


class RateLimiter:
    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - last) * self._rate)
            if tokens < 1:
                retry = int((1 - tokens) / self._rate) + 1
                raise RateLimited(
                    f"Too many look-ups from here. Please wait {retry} seconds and try again.",
                    retry_after=retry,
                )
            if len(self._buckets) >= self._max_clients and client not in self._buckets:
                self._buckets.clear()
            self._buckets[client] = (tokens - 1, now)
