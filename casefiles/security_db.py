"""The application's PostgreSQL role (issue 12, item 5): migrations run as the
owner; the application runs as a role that may only INSERT and SELECT on the
access log and the security log. See ``manage.py grant_app_role``."""

from __future__ import annotations

import re

from django.db import connection

#: Tables the application may append to and read, never change or empty.
APPEND_ONLY_TABLES = ("casefiles_accesslog", "casefiles_securityevent")
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_app_role(role: str, *, create: bool = False, password: str | None = None) -> None:
    """Idempotent; run as the owner of the tables (the migrating role)."""
    if not _ROLE.match(role):
        raise ValueError("Ongeldige rolnaam (kleine letters, cijfers en _).")
    with connection.cursor() as c:
        qn = connection.ops.quote_name
        r = qn(role)
        c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if c.fetchone() is None:
            if not create:
                raise ValueError(f"De rol {role} bestaat niet (gebruik --create).")
            c.execute(f"CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        if password:
            c.execute(f"ALTER ROLE {r} PASSWORD %s", [password])
        c.execute("SELECT current_database(), current_schema()")
        database, schema = c.fetchone()
        s = qn(schema)
        c.execute(f"GRANT CONNECT ON DATABASE {qn(database)} TO {r}")
        c.execute(f"GRANT USAGE ON SCHEMA {s} TO {r}")
        c.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}")
        c.execute(f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {s} FROM {r}")
        c.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}")
        c.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}"
        )
        c.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}")
        for table in APPEND_ONLY_TABLES:
            c.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {qn(table)} FROM {r}")
            c.execute(f"GRANT SELECT, INSERT ON {qn(table)} TO {r}")


def regrant_after_migrate(**kwargs) -> None:
    """post_migrate: keep the app role's rights current when DB_APP_ROLE is set."""
    from django.conf import settings

    sender = kwargs.get("sender")
    if getattr(sender, "label", "casefiles") != "casefiles":
        return  # once per migrate is enough (every table exists by now)
    if connection.vendor == "postgresql" and settings.DB_APP_ROLE:
        with connection.cursor() as c:
            c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [settings.DB_APP_ROLE])
            exists = c.fetchone() is not None
        if exists:  # the first time, grant_app_role --create makes it
            grant_app_role(settings.DB_APP_ROLE)
