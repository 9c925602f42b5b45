"""Security of accounts and sessions (issue 12): the security log, the staff a
functioneel beheerder may manage, password-reset links, the idle timeout and the
second factor.

The security log (:class:`casefiles.models.SecurityEvent`) gets logins, failed
logins, logouts, lock-outs (django-axes), password resets and changes, second-
factor events and role and gemeente changes — wherever they happen (login page,
admin, OIDC, shell), because they are recorded from Django's signals. It never
holds a password, a BSN or a username nobody has: an unknown username becomes a
short keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import Rol, SecuritySoort
from .middleware import current_request_id

logger = logging.getLogger(__name__)

_actor_id: ContextVar[int | None] = ContextVar("security_actor_id", default=None)

#: Roles whose members work in /beheer/ (is_staff follows the role, never a checkbox).
ADMIN_ROLES = (Rol.BELEID, Rol.BEHEER)


def current_actor_id() -> int | None:
    return _actor_id.get()


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def naam_hash(username: str) -> str:
    """A short keyed hash of a username nobody has (correlation, not the name)."""
    key = hmac.new(settings.SECRET_KEY.encode(), b"casefiles.security.naam", hashlib.sha256)
    return hmac.new(key.digest(), username.strip().lower().encode(), hashlib.sha256).hexdigest()[
        :16
    ]


def security_event(
    soort: str,
    *,
    user_id: int | None = None,
    actor_id: int | None = None,
    request=None,
    naam: str = "",
    details: dict[str, Any] | None = None,
):
    """Append one row to the security log (ids only)."""
    from .models import SecurityEvent

    if actor_id is None:
        actor_id = current_actor_id()
    if actor_id == user_id:
        actor_id = None
    return SecurityEvent.objects.create(
        soort=soort,
        user_id=user_id,
        actor_id=actor_id,
        naam_hash=naam_hash(naam) if naam and user_id is None else "",
        ip_adres=_client_ip(request),
        request_id=getattr(request, "request_id", "") or current_request_id(),
        details=details or {},
    )


# --- signals ------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="casefiles_security_login")
def _on_login(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    soort = SecuritySoort.SSO_LOGIN if "oidc" in backend.lower() else SecuritySoort.LOGIN
    security_event(soort, user_id=user.pk, request=request)
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())


@receiver(user_logged_out, dispatch_uid="casefiles_security_logout")
def _on_logout(sender, request, user, **kwargs):
    if user is not None and not getattr(request, "_idle_logout", False):
        security_event(SecuritySoort.LOGOUT, user_id=user.pk, request=request)


@receiver(user_login_failed, dispatch_uid="casefiles_security_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", "") or "")
    user = (
        get_user_model().objects.filter(username=username).only("pk").first() if username else None
    )
    security_event(
        SecuritySoort.LOGIN_MISLUKT,
        user_id=user.pk if user else None,
        request=request,
        naam=username,
    )


def _on_locked_out(sender, request, username, ip_address, **kwargs):
    user = get_user_model().objects.filter(username=username or "").only("pk").first()
    security_event(
        SecuritySoort.GEBLOKKEERD,
        user_id=user.pk if user else None,
        request=request,
        naam=username or "",
    )


try:  # django-axes signals (the app is always installed; import guarded for tooling)
    from axes.signals import user_locked_out

    user_locked_out.connect(_on_locked_out, dispatch_uid="casefiles_security_lockout")
except ImportError:  # pragma: no cover
    pass


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from django.contrib.auth.models import Group

    if reverse or action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
        key = "verwijderd"
    else:
        names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
        key = "toegevoegd" if action == "post_add" else "verwijderd"
    if names:
        security_event(
            SecuritySoort.ROL_GEWIJZIGD, user_id=instance.pk, details={key: sorted(names)}
        )


def _gemeenten_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        ids = list(instance.gemeenten.values_list("pk", flat=True))
        key = "verwijderd"
    else:
        ids = sorted(pk_set or [])
        key = "toegevoegd" if action == "post_add" else "verwijderd"
    if ids:
        security_event(
            SecuritySoort.GEMEENTEN_GEWIJZIGD, user_id=instance.user_id, details={key: ids}
        )


def _user_saved(sender, instance, created, **kwargs):
    if created:
        security_event(SecuritySoort.ACCOUNT_AANGEMAAKT, user_id=instance.pk)


def connect_signals() -> None:
    """Called from CasefilesConfig.ready()."""
    from .models import StaffProfile

    user_model = get_user_model()
    m2m_changed.connect(
        _groups_changed, sender=user_model.groups.through, dispatch_uid="casefiles_sec_groups"
    )
    m2m_changed.connect(
        _gemeenten_changed,
        sender=StaffProfile.gemeenten.through,
        dispatch_uid="casefiles_sec_gemeenten",
    )
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="casefiles_sec_user")


# --- staff accounts -------------------------------------------------------------------


def staff_users_for(user):
    """The accounts a functioneel beheerder may see and manage: active or not, every
    account that works only for gemeenten the beheerder works for (at least one),
    never a superuser. Someone who also works for another gemeente is that
    gemeente's business too, and is left to a superuser."""
    from .models import Gemeente
    from .permissions import user_gemeente_ids

    own = user_gemeente_ids(user)
    return (
        get_user_model()
        .objects.filter(profiel__gemeenten__in=own, is_superuser=False)
        .exclude(profiel__gemeenten__in=Gemeente.objects.exclude(pk__in=own))
        .distinct()
    )


def sync_is_staff(user) -> None:
    """``is_staff`` (access to /beheer/) follows the role: beleidsmedewerker and
    functioneel beheerder; a superuser keeps it."""
    wanted = user.is_superuser or user.groups.filter(name__in=ADMIN_ROLES).exists()
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])


def send_password_reset(request, user) -> None:
    """E-mail the user a one-time link to set a new password (Django's token: valid
    for PASSWORD_RESET_TIMEOUT, void once the password changed)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
    context = {"user": user, "link": link, "uren": settings.PASSWORD_RESET_TIMEOUT // 3600}
    send_mail(
        subject=_("Stel uw wachtwoord in voor Inburgering regie"),
        message=render_to_string("registration/wachtwoord_link_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    security_event(
        SecuritySoort.RESET_AANGEVRAAGD,
        user_id=user.pk,
        actor_id=getattr(request.user, "pk", None) if request else None,
        request=request,
    )


# --- sessions: idle timeout and second factor ------------------------------------------

LAST_ACTIVITY_KEY = "_laatst_actief"
#: Don't rewrite the session on every request: a minute of slack is enough.
TOUCH_EVERY_SECONDS = 60

#: Reachable without the second factor: enrolment and verification themselves, the
#: password-reset link (it logs nobody in), login, logout and SSO. Changing one's
#: password is not: a stolen password alone must not lock the owner out.
EXEMPT_PREFIXES = (
    "/static/",
    "/account/tweestaps/",
    "/account/wachtwoord/vergeten/",
    "/account/wachtwoord/instellen/",
    "/account/wachtwoord/ingesteld/",
    "/inloggen/",
    "/uitloggen/",
    "/oidc/",
)


def _otp_required(request) -> bool:
    if settings.OTP_REQUIRED:
        return True
    return settings.OTP_REQUIRED_ADMIN and request.path.startswith("/beheer/")


class SessionSecurityMiddleware:
    """After authentication: remember who acts (for the security log), log out
    after ``IDLE_TIMEOUT_SECONDS`` without a request, and send a user without a
    verified second factor to enrolment or verification where it is required."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _actor_id.set(user.pk if user is not None and user.is_authenticated else None)
        try:
            if user is not None and user.is_authenticated:
                early = self._idle(request) or self._second_factor(request)
                if early is not None:
                    return early
            return self.get_response(request)
        finally:
            _actor_id.reset(token)

    def _idle(self, request):
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - int(last) > settings.IDLE_TIMEOUT_SECONDS:
            user_id = request.user.pk
            request._idle_logout = True
            logout(request)
            security_event(SecuritySoort.UITGELOGD_INACTIEF, user_id=user_id, request=request)
            messages.info(
                request,
                _("U bent automatisch uitgelogd omdat u %(min)s minuten niets heeft gedaan.")
                % {"min": settings.IDLE_TIMEOUT_SECONDS // 60},
            )
            login_url = reverse(settings.LOGIN_URL)
            if getattr(request, "htmx", False):
                return HttpResponse(status=204, headers={"HX-Redirect": login_url})
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(
                request.get_full_path() if request.method == "GET" else "/", login_url
            )
        if last is None or now - int(last) >= TOUCH_EVERY_SECONDS:
            request.session[LAST_ACTIVITY_KEY] = now
        return None

    def _second_factor(self, request):
        if not _otp_required(request) or request.path.startswith(EXEMPT_PREFIXES):
            return None
        if getattr(request.user, "is_verified", lambda: False)():
            return None
        from django_otp import devices_for_user

        has_device = any(True for _d in devices_for_user(request.user, confirmed=True))
        name = "tweestaps_verifieren" if has_device else "tweestaps_instellen"
        from urllib.parse import urlencode

        nxt = request.get_full_path() if request.method == "GET" else "/"
        return redirect(reverse(name) + "?" + urlencode({"next": nxt}))
