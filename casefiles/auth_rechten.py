"""A user's permissions in ONE query (issue 16, the load test).

Django's ModelBackend reads them with two queries on the first permission check of
every request: the user's own permissions and those of the user's groups (the roles).
:class:`EenQueryRechten` stands in AUTHENTICATION_BACKENDS before ModelBackend and
reads both in one statement, into the very cache ModelBackend uses
(``user._perm_cache``, per user object, so per request): the same set, fresh on every
request (a role taken away counts from the next request on), one round trip less.

It authenticates nobody and loads no user (no ``get_user``: a session never names
it), so logins and existing sessions are untouched. Superusers and inactive users
are left to ModelBackend as before.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router


def _sql() -> str:
    user_model = get_user_model()
    user_perms = user_model._meta.get_field("user_permissions").remote_field.through._meta
    user_groups = user_model._meta.get_field("groups").remote_field.through._meta
    group_perms = Group._meta.get_field("permissions").remote_field.through._meta
    p, ct = Permission._meta, ContentType._meta
    up_user = user_perms.get_field("user").column
    up_perm = user_perms.get_field("permission").column
    ug_user = user_groups.get_field("user").column
    ug_group = user_groups.get_field("group").column
    gp_group = group_perms.get_field("group").column
    gp_perm = group_perms.get_field("permission").column
    # table and column names from the models' _meta; the user id is a parameter
    return (
        f'SELECT ct."app_label", p."codename" FROM "{p.db_table}" p '  # noqa: S608
        f'JOIN "{ct.db_table}" ct ON ct."id" = p."content_type_id" '
        f'WHERE p."id" IN ('
        f'SELECT "{up_perm}" FROM "{user_perms.db_table}" WHERE "{up_user}" = %s '
        f'UNION SELECT gp."{gp_perm}" FROM "{group_perms.db_table}" gp '
        f'JOIN "{user_groups.db_table}" ug ON ug."{ug_group}" = gp."{gp_group}" '
        f'WHERE ug."{ug_user}" = %s)'
    )


_SQL: str | None = None


def alle_rechten(user) -> set[str]:
    """``{"app_label.codename", ...}`` of the user's own and group permissions."""
    global _SQL  # noqa: PLW0603 - built once, from the models' table names
    if _SQL is None:
        _SQL = _sql()
    alias = router.db_for_read(Permission, instance=user)
    with connections[alias].cursor() as cursor:
        cursor.execute(_SQL, [user.pk, user.pk])
        return {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}


class EenQueryRechten:
    """Fills ModelBackend's permission cache with one query; see the module."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if (
            not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
            or user_obj.is_superuser
        ):
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = alle_rechten(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
