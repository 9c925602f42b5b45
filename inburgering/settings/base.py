"""Settings shared by every environment. Everything comes from the environment
(django-environ); ``dev``, ``test`` and ``production`` only set defaults.

With no environment at all this is the *embedded default*: SQLite, Celery tasks
run in process, e-mail to the console, files on local disk. ``DATABASE_URL`` switches
to PostgreSQL (persistent connections), ``REDIS_URL`` to Redis as Celery broker, cache
and session read-cache, ``PRIVATE_MEDIA_BUCKET`` to object storage. See
``.env.example`` and docs/deploy.md.
"""

import copy
import importlib
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ

from inburgering.storage import private_storage_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

PROJECT_APPS = [
    "casefiles",
    "intake",
    "pip_plans",
    "leerroutes",
    "ontzorgen",
    "monitoring",
    "duo",
    "privacy",
]
"""This project's own apps (the top-level packages beside manage.py): the privacy
retention reaches every model of them that hangs on a dossier or a person, the beat
schedule gathers their ``schedule.py``, and the URL permission test requires a case for
every URL whose view lives in one of them."""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "casefiles.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "casefiles.security.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "casefiles.middleware.DatabaseUnavailableMiddleware",
    "inburgering.db.ReplicaReadsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "inburgering.urls"
WSGI_APPLICATION = "inburgering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casefiles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
_ON_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# Database connections (issue 16: opening one per request cost 40 % of the server's
# time under load). On PostgreSQL every process keeps its connection for CONN_MAX_AGE
# seconds (default 60; one per gunicorn sync worker, one per Celery pool process) and
# checks it before a request reuses it (CONN_HEALTH_CHECKS). DATABASE_POOL=true uses
# psycopg's connection pool instead (for threaded workers: gunicorn gthread, ASGI);
# Django then requires CONN_MAX_AGE=0. The embedded SQLite default is unchanged.
DATABASE_POOL = _ON_POSTGRES and env.bool("DATABASE_POOL", default=False)
if DATABASE_POOL:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
        "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
    }
else:
    DATABASES["default"].setdefault(
        "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60 if _ON_POSTGRES else 0)
    )
# A persistent connection that died (database restart, failover) is noticed before a
# request uses it, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# An optional read replica (PostgreSQL streaming replication) for heavy read-only
# reports: inburgering/db.py routes only reads inside ``replica_reads()`` and of the
# views in REPLICA_READ_VIEWS there, never sessions, permissions or the logs.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
DATABASE_ROUTERS: list[str] = []
REPLICA_READ_VIEWS = env.list(
    "REPLICA_READ_VIEWS",
    default=[
        "casefiles:werkvoorraad_export",
        "admin:monitoring_dashboard",
        "admin:monitoring_export",
    ],
)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    for _key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "ATOMIC_REQUESTS"):
        DATABASES["replica"][_key] = DATABASES["default"][_key]
    DATABASES["replica"]["OPTIONS"] = {
        **copy.deepcopy(DATABASES["default"].get("OPTIONS", {})),
        **DATABASES["replica"].get("OPTIONS", {}),
    }
    # Tests: the replica is the default database (no second test database).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["inburgering.db.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

# Cache and sessions. With REDIS_URL: Django's Redis cache, softened so that a Redis
# that cannot be reached is a cache miss, never an error (inburgering/cache.py), and
# sessions "cached_db": read from Redis, written to the database AND Redis. The
# database stays the one complete copy, so losing Redis logs nobody out and every web
# process (on any machine) sees every session. Session entries live in Redis at most
# SESSION_CACHE_SECONDS (a change made while a process could not reach Redis is seen
# everywhere within that time). Without REDIS_URL: local memory and database sessions.
if REDIS_URL:
    _REDIS_OPTIONS = {
        # Fail fast: a request must not wait for an unreachable Redis.
        "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
        "socket_timeout": env.float("CACHE_TIMEOUT", default=0.5),
        "down_seconds": env.float("CACHE_DOWN_SECONDS", default=5.0),
    }
    CACHES = {
        "default": {
            "BACKEND": "inburgering.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="inburgering"),
            "OPTIONS": _REDIS_OPTIONS,
        },
        "sessions": {
            "BACKEND": "inburgering.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="inburgering") + ":s",
            "OPTIONS": {
                **_REDIS_OPTIONS,
                "max_timeout": env.int("SESSION_CACHE_SECONDS", default=300),
            },
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery: with REDIS_URL a real broker; without it every task runs in process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Government workload: a message is acknowledged only after its task finished
# (acks_late), and handed back at once when the process running it dies
# (reject_on_worker_lost). A message of a worker that died entirely comes back after
# the visibility timeout, which is sized to the longest task: every task is killed at
# CELERY_TASK_TIME_LIMIT, and the visibility timeout is longer, so a running task is
# never handed out twice. Long work (payment runs, sweeps) commits in chunks and
# resumes where it stopped. See docs/casefiles.md, "Achtergrondwerk".
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_VISIBILITY_TIMEOUT = env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Fail fast when Redis is down: the outbox keeps the work, nobody waits.
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 10}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# Outbox (casefiles/outbox): a row handed over but not finished for this long is
# handed over again (after Celery's own redelivery at the visibility timeout).
OUTBOX_REDISPATCH_AFTER = env.int("OUTBOX_REDISPATCH_AFTER", default=CELERY_VISIBILITY_TIMEOUT + 60)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule is code: each app declares its jobs in ``<app>/schedule.py`` as a
# ``BEAT_SCHEDULE`` dict (plain data + celery.schedules, no Django imports).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}
for _app in PROJECT_APPS:
    try:
        _module = importlib.import_module(f"{_app}.schedule")
    except ModuleNotFoundError:
        continue
    CELERY_BEAT_SCHEDULE.update(_module.BEAT_SCHEDULE)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # the role's landing page (casefiles.views.LANDINGSPAGINA)
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 60 * 60)

# --- authentication (issue 12; docs/casefiles.md, Security) ------------------------------
# Lock-out after repeated failures (django-axes): per username, for a cool-off period.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # logins go to our own security log
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
# Second factor (django-otp TOTP). OTP_REQUIRED: for every staff page;
# OTP_REQUIRED_ADMIN: for /beheer/. Production forces both on (production.py);
# the demo (DEMO_MODE) leaves both optional so `make run` works without a phone.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
OTP_REQUIRED_ADMIN = env.bool(
    "OTP_REQUIRED_ADMIN", default=not env.bool("DEMO_MODE", default=False)
)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Inburgering regie")
# Idle timeout besides the absolute SESSION_COOKIE_AGE.
IDLE_TIMEOUT_SECONDS = env.int("IDLE_TIMEOUT_MINUTES", default=15) * 60
# Single sign-on (OpenID Connect, mozilla-django-oidc): on when a client id is set.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ROLE_MAPPING: dict = env.json("OIDC_ROLE_MAPPING", default={})
OIDC_GEMEENTE_MAPPING: dict = env.json("OIDC_GEMEENTE_MAPPING", default={})
OIDC_LINK_BY_EMAIL = env.bool("OIDC_LINK_BY_EMAIL", default=True)
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # the permissions of a request in one query instead of ModelBackend's two; it
    # authenticates nobody (casefiles/auth_rechten.py)
    "casefiles.auth_rechten.EenQueryRechten",
    "casefiles.auth_oidc.GemeenteOIDCBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The access log's hash chain (casefiles.accesslog): a key the database never sees.
# Default: derived from SECRET_KEY. Set it explicitly in production so that
# rotating SECRET_KEY does not make old rows unverifiable.
ACCESSLOG_HMAC_KEY = env("ACCESSLOG_HMAC_KEY", default="")
# The PostgreSQL role the application runs as (``manage.py grant_app_role``, run as
# the owner after migrate, gives it INSERT/SELECT only on the logs).
DB_APP_ROLE = env("DB_APP_ROLE", default="")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Documents and generated letters: never under STATIC/MEDIA URLs, only served
    # through permission-checked views. Local disk, or with PRIVATE_MEDIA_BUCKET a
    # private bucket on S3-compatible object storage (inburgering/storage.py).
    "private": private_storage_config(
        os.environ, env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
    ),
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="inburgering@gemeente.invalid")

# Documents: what may be uploaded (type and size checks in casefiles.models.Document).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {"request_id": {"()": "casefiles.middleware.RequestIdLogFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's request logger would print URLs; ours carry ids only.
        "django.request": {"level": "ERROR"},
        # django-axes logs every login at INFO; our security log has them (ids only)
        "axes": {"level": "WARNING"},
    },
}

# Absolute address of the application, for links in e-mails (reminders).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Product settings
DEMO_MODE = env.bool("DEMO_MODE", default=False)

# The DUO koppeling (duo app, docs/duo.md). Empty DUO_BASE_URL: the koppeling is off
# (nothing is queued or sent). The base URL includes DUO's major version (…/v1).
DUO_BASE_URL = env("DUO_BASE_URL", default="")
# DUO's OIN (the `doel` header). The default is a placeholder for the fake DUO: take
# DUO's real OIN from the OIN register (oinregister.logius.nl) when going live.
DUO_OIN = env("DUO_OIN", default="00000001800866472000")
# PKIoverheid client certificate and key (PEM paths; per gemeente
# DUO_CERT_FILE_<CBSCODE> / DUO_KEY_FILE_<CBSCODE> override these). Never in the DB.
DUO_CERT_FILE = env("DUO_CERT_FILE", default="")
DUO_KEY_FILE = env("DUO_KEY_FILE", default="")
DUO_CA_BUNDLE = env("DUO_CA_BUNDLE", default="")  # CA bundle for DUO's server certificate
DUO_CONNECT_TIMEOUT = env.float("DUO_CONNECT_TIMEOUT", default=5.0)
DUO_READ_TIMEOUT = env.float("DUO_READ_TIMEOUT", default=30.0)
DUO_NOTIFICATIE_PATH = env("DUO_NOTIFICATIE_PATH", default="duo/v1/notificaties")

# The dashboard's covering indexes (Index(include=…)) are a PostgreSQL feature; on the
# embedded SQLite default the extra columns are simply left out, which is fine there.
SILENCED_SYSTEM_CHECKS = [
    "models.W040",
    # django-axes wants the IP address among the lock-out parameters. We lock per
    # username on purpose: a gemeente's staff usually share one public address behind
    # NAT, and an IP lock-out would lock out the whole team (docs/casefiles.md).
    "axes.W006",
]

# DUO receiving (duo.inbound): the notification endpoint (DUO Notificatie API). DUO
# posts to <this path>; the proxy in front terminates mutual TLS with DUO's PKIoverheid
# certificate (docs/duo-ontvangen.md). Only a ``bron`` OIN listed here is accepted;
# empty = DUO's OIN from DUO_OIN (the sending side's setting).
DUO_NOTIFICATIE_BRON_OINS = env.list("DUO_NOTIFICATIE_BRON_OINS", default=[])
# When set, the header the proxy uses to pass the result of its client-certificate
# check (nginx: ``proxy_set_header X-SSL-Client-Verify $ssl_client_verify;``); a
# request without "SUCCESS" in it is answered 401. Empty: the proxy refuses itself.
DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER = env("DUO_NOTIFICATIE_CLIENT_VERIFY_HEADER", default="")
TEMPLATES[0]["DIRS"] = [BASE_DIR / "templates", BASE_DIR / "duo" / "inbound" / "templates"]

# DUO fake (duo.fake)
# DUO's published specification (OpenAPI files per API, README with the business rules),
# read at run time and never copied into the project. Absent: the spec validators return
# no errors and the fake DUO works without schema validation (docs/duo-fake.md).
DUO_SPEC_DIR = Path(env("DUO_SPEC_DIR", default=str(BASE_DIR.parent / "shared" / "duo-m2m")))
# `manage.py duo_fake` / `make run`: where the fake listens and where it sends notifications.
DUO_FAKE_PORT = env.int("DUO_FAKE_PORT", default=8765)
DUO_FAKE_NOTIFY_URL = env("DUO_FAKE_NOTIFY_URL", default="")
