"""Django's built-in Redis cache, made to survive Redis being away.

Sessions (``cached_db``) and any other cache use sit on Redis when ``REDIS_URL`` is set.
Redis is a *speed-up* there, never the only copy: the database holds every session.
This backend turns a Redis that cannot be reached into a cache miss (``get`` returns
the default, ``set``/``delete`` do nothing), so a web request goes on against the
database instead of failing — the same promise the outbox makes for background work
(docs/casefiles.md, "Nothing lost"). After a failure this process leaves Redis alone
for ``down_seconds`` (OPTIONS, default 5) instead of paying a connect timeout on every
call; then it tries again.

``incr`` is not softened: a counter that silently stays at zero would be wrong.
Nothing is logged but the fact (never a key: session keys are secrets).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("inburgering.cache")


class _Breaker:
    def __init__(self, down_seconds: float) -> None:
        self.down_seconds = down_seconds
        self.down_until = 0.0
        self._lock = threading.Lock()

    def open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self, exc: Exception) -> None:
        with self._lock:
            first = self.down_until == 0.0 or time.monotonic() >= self.down_until
            self.down_until = time.monotonic() + self.down_seconds
        if first:
            logger.warning(
                "Redis-cache onbereikbaar (%s); %.0f s verder zonder cache",
                type(exc).__name__,
                self.down_seconds,
            )


class TolerantRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *, down_seconds: float = 5.0, **options) -> None:
        super().__init__(servers, **options)
        self.breaker = _Breaker(float(down_seconds))
        from redis import exceptions as redis_errors

        self._errors: tuple[type[Exception], ...] = (
            redis_errors.ConnectionError,
            redis_errors.TimeoutError,
            redis_errors.BusyLoadingError,
            redis_errors.ReadOnlyError,
            OSError,
        )

    def _guard(self, fallback: Any, method, *args):
        if self.breaker.open():
            return fallback
        try:
            return method(*args)
        except self._errors as exc:
            self.breaker.trip(exc)
            return fallback

    def add(self, key, value, timeout):
        return self._guard(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._guard(default, super().get, key, default)

    def set(self, key, value, timeout):
        return self._guard(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._guard(False, super().touch, key, timeout)

    def delete(self, key):
        return self._guard(False, super().delete, key)

    def get_many(self, keys):
        return self._guard({}, super().get_many, keys)

    def has_key(self, key):
        return self._guard(False, super().has_key, key)

    def set_many(self, data, timeout):
        return self._guard(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._guard(None, super().delete_many, keys)

    def clear(self):
        return self._guard(False, super().clear)


class TolerantRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``TolerantRedisCacheClient``.

    OPTIONS ``max_timeout`` (seconds) caps every entry's lifetime. The sessions' cache
    uses it: an entry that Redis kept while a web process could not reach it (a session
    ended or changed during a network split) is read at most that long after.
    """

    def __init__(self, server, params) -> None:
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        self.max_timeout: int | None = params["OPTIONS"].pop("max_timeout", None)
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        value = super().get_backend_timeout(timeout)
        if self.max_timeout is None:
            return value
        if value is None:
            return self.max_timeout
        return min(value, self.max_timeout)
