"""Sessions and cache on Redis (issue 16) and what losing Redis means: a Redis that
cannot be reached is a cache miss, never an error, and the database keeps every
session — nobody is logged out, nobody waits. Each test starts its OWN redis-server
(casefiles.drills.processes.RedisServer) and stops only that one."""

from __future__ import annotations

import shutil
import time

import pytest
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from casefiles.drills.processes import RedisServer
from inburgering.cache import TolerantRedisCache

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (a private one)"
)


@pytest.fixture
def redis():
    server = RedisServer().start()
    yield server
    server.stop()


def _restart(server: RedisServer) -> None:
    """Start again on the same port (RedisServer keeps its port)."""
    server.start()


def _cache(url: str, **options) -> TolerantRedisCache:
    return TolerantRedisCache(
        url,
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options}},
    )


def test_tolerant_cache_is_a_miss_while_redis_is_down_and_recovers(redis):
    cache = _cache(redis.url, down_seconds=1)
    cache.set("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    redis.stop()
    start = time.monotonic()
    assert cache.get("k", "standaard") == "standaard"
    cache.set("k2", 2)  # no exception
    assert cache.delete("k") is False
    assert cache.get_many(["k", "k2"]) == {}
    assert cache.add("k3", 3) is False
    assert time.monotonic() - start < 2.0  # fails fast, no hanging request
    _restart(redis)
    time.sleep(1.2)  # past down_seconds: this process tries Redis again
    cache.set("k", "terug")
    assert cache.get("k") == "terug"


def test_plain_redis_cache_would_fail_the_request(redis):
    """What the tolerant cache prevents: Django's own backend raises."""
    import redis as redis_lib

    cache = RedisCache(redis.url, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    cache.set("k", 1)
    redis.stop()
    with pytest.raises(redis_lib.exceptions.ConnectionError):
        cache.get("k")


def test_breaker_skips_redis_after_a_failure(redis):
    cache = _cache(redis.url, down_seconds=30)
    redis.stop()
    assert cache.get("k") is None
    _restart(redis)
    # Redis is back, but this process waits out down_seconds before trying again.
    assert cache.get("k", "overgeslagen") == "overgeslagen"
    cache._cache.breaker.down_until = 0.0
    cache.set("k", 1)
    assert cache.get("k") == 1


def test_max_timeout_caps_every_entry(redis):
    cache = _cache(redis.url, max_timeout=120)
    cache.set("zonder", 1, timeout=None)
    cache.set("lang", 1, timeout=8 * 60 * 60)
    cache.set("kort", 1, timeout=30)
    client = cache._cache.get_client(write=True)
    assert 0 < client.ttl(cache.make_key("zonder")) <= 120
    assert 0 < client.ttl(cache.make_key("lang")) <= 120
    assert 0 < client.ttl(cache.make_key("kort")) <= 30


@pytest.fixture
def sessions_on(redis, settings):
    """The production wiring of base.py (cached_db sessions on the tolerant cache),
    pointed at this test's own Redis."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "sessions": {
            "BACKEND": "inburgering.cache.TolerantRedisCache",
            "LOCATION": redis.url,
            "KEY_PREFIX": "t:s",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "down_seconds": 0.2,
                "max_timeout": 300,
            },
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    return redis


def _redis_keys(redis: RedisServer) -> list[bytes]:
    import redis as redis_lib

    return redis_lib.Redis.from_url(redis.url).keys("t:s:*")


def test_session_lives_in_redis_and_in_the_database(sessions_on, world, client):
    from django.contrib.sessions.models import Session

    client.force_login(world.werkcoach)
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200
    assert len(_redis_keys(sessions_on)) == 1
    assert Session.objects.filter(session_key=client.session.session_key).exists()


def test_redis_stopped_nobody_is_logged_out(sessions_on, world, client):
    from django.contrib.sessions.models import Session

    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad")
    assert client.get(url).status_code == 200
    sessions_on.stop()
    start = time.monotonic()
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200  # still logged in: read from the database
    assert time.monotonic() - start < 10
    # Logging out while Redis is away ends the session in the database.
    key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(url).status_code == 302  # to the login page
    _restart(sessions_on)
    time.sleep(0.3)
    client.force_login(world.werkcoach)
    assert client.get(url).status_code == 200
    assert len(_redis_keys(sessions_on)) == 1  # back on Redis


def test_redis_restarted_empty_keeps_sessions(sessions_on, world, client):
    """Redis without persistence loses its memory on a restart: the sessions come back
    from the database."""
    client.force_login(world.werkcoach)
    url = reverse("casefiles:werkvoorraad")
    assert client.get(url).status_code == 200
    sessions_on.stop()
    _restart(sessions_on)
    assert _redis_keys(sessions_on) == []
    time.sleep(0.3)
    assert client.get(url).status_code == 200
    assert len(_redis_keys(sessions_on)) == 1  # filled again from the database
