"""How the settings wire connections, cache, sessions and storage from the environment
(issue 16). Each case imports the settings in a fresh interpreter with exactly the
environment given, as a web or worker process would."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PG = "postgres://u:p@db.invalid:5432/inb"
_CLEAR = (
    "DATABASE_URL",
    "REDIS_URL",
    "CONN_MAX_AGE",
    "DATABASE_POOL",
    "DATABASE_REPLICA_URL",
    "PRIVATE_MEDIA_BUCKET",
    "S3_ENDPOINT_URL",
)

PROBE = """
import json, django
from django.conf import settings as s
django.setup()
from django.core.files.storage import storages
from django.db import router
print(json.dumps({
    "conn_max_age": s.DATABASES["default"].get("CONN_MAX_AGE"),
    "pool": s.DATABASES["default"].get("OPTIONS", {}).get("pool"),
    "health": s.DATABASES["default"].get("CONN_HEALTH_CHECKS"),
    "cache": s.CACHES["default"]["BACKEND"],
    "session_engine": s.SESSION_ENGINE,
    "session_cache": getattr(s, "SESSION_CACHE_ALIAS", None),
    "private": s.STORAGES["private"]["BACKEND"],
    "private_class": type(storages["private"]).__name__,
    "private_options": {k: v for k, v in s.STORAGES["private"].get("OPTIONS", {}).items()
                        if k not in ("access_key", "secret_key")},
    "databases": sorted(s.DATABASES),
    "routers": s.DATABASE_ROUTERS,
}))
"""


def _settings(**env_extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _CLEAR}
    env.update({"DJANGO_SETTINGS_MODULE": "inburgering.settings.base", **env_extra})
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_is_unchanged():
    s = _settings()
    assert s["conn_max_age"] == 0
    assert s["pool"] is None
    assert s["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["session_engine"] == "django.contrib.sessions.backends.db"
    assert s["private"] == "django.core.files.storage.FileSystemStorage"
    assert s["private_class"] == "FileSystemStorage"
    assert s["databases"] == ["default"]
    assert s["routers"] == []


def test_postgres_keeps_connections_with_health_checks():
    s = _settings(DATABASE_URL=PG)
    assert s["conn_max_age"] == 60
    assert s["health"] is True
    assert s["pool"] is None
    assert _settings(DATABASE_URL=PG, CONN_MAX_AGE="0")["conn_max_age"] == 0


def test_database_pool_replaces_persistent_connections():
    s = _settings(DATABASE_URL=PG, DATABASE_POOL="true", DATABASE_POOL_MAX_SIZE="6")
    assert s["conn_max_age"] == 0  # Django refuses a pool with persistent connections
    assert s["pool"]["max_size"] == 6
    # On SQLite the setting is ignored (there is no pool there).
    assert _settings(DATABASE_POOL="true")["pool"] is None


def test_redis_url_puts_cache_and_sessions_on_redis():
    s = _settings(REDIS_URL="redis://127.0.0.1:6399/0")
    assert s["cache"] == "inburgering.cache.TolerantRedisCache"
    # cached_db: the database keeps every session; Redis only speeds up reading it.
    assert s["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert s["session_cache"] == "sessions"


def test_production_has_persistent_connections_and_a_working_pool_option():
    base = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "inburgering.example.nl"}
    s = _settings(DJANGO_SETTINGS_MODULE="inburgering.settings.production", DATABASE_URL=PG, **base)
    assert s["conn_max_age"] == 60
    s = _settings(
        DJANGO_SETTINGS_MODULE="inburgering.settings.production",
        DATABASE_URL=PG,
        DATABASE_POOL="true",
        **base,
    )
    assert s["conn_max_age"] == 0 and s["pool"] is not None


@pytest.mark.parametrize("module", ["inburgering.settings.dev", "inburgering.settings.test"])
def test_other_modules_follow_the_same_wiring(module):
    s = _settings(DJANGO_SETTINGS_MODULE=module, REDIS_URL="redis://127.0.0.1:6399/0")
    assert s["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_bucket_puts_documents_and_letters_on_object_storage():
    s = _settings(PRIVATE_MEDIA_BUCKET="inburgering-private", S3_ENDPOINT_URL="http://minio:9000")
    assert s["private"] == "storages.backends.s3.S3Storage"
    assert s["private_class"] == "S3Storage"
    assert s["private_options"]["bucket_name"] == "inburgering-private"
    assert s["private_options"]["endpoint_url"] == "http://minio:9000"
