"""Single sign-on through OpenID Connect (mozilla-django-oidc), for gemeenten with
their own identity provider. Off unless ``OIDC_RP_CLIENT_ID`` is set.

- The ID token is checked on signature (the provider's JWKS), algorithm, audience
  (our client id), issuer (``OIDC_OP_ISSUER`` when set), expiry and nonce; the
  userinfo must be about the same ``sub``.
- An account is found by its ``sub`` (stored on the staff profile), or — the first
  time — by its e-mail address when ``OIDC_LINK_BY_EMAIL`` (never a superuser).
- Roles and gemeenten come from the provider's groups claim through
  ``OIDC_ROLE_MAPPING`` (group → role) and ``OIDC_GEMEENTE_MAPPING`` (group → CBS
  code), on every login; someone without a mapped role and gemeente is refused.
  SSO never makes a superuser, and ``is_staff`` follows the role.
"""

from __future__ import annotations

import hashlib
import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .choices import Rol, SecuritySoort

logger = logging.getLogger(__name__)


def mapped_roles(claims: dict) -> set[str]:
    groups = _groups(claims)
    mapping = settings.OIDC_ROLE_MAPPING or {}
    return {mapping[g] for g in groups if g in mapping and mapping[g] in Rol.values}


def mapped_gemeente_codes(claims: dict) -> set[str]:
    groups = _groups(claims)
    mapping = settings.OIDC_GEMEENTE_MAPPING or {}
    return {str(mapping[g]) for g in groups if g in mapping}


def _groups(claims: dict) -> list[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value]


class GemeenteOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        self.enabled = bool(settings.OIDC_ENABLED)
        self.UserModel = get_user_model()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not self.enabled:
            return None
        self._id_sub = None
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            # a token with a bad signature, audience, issuer, expiry or nonce: refuse
            # the login (back to the login page), never a server error
            from .security import security_event

            logger.warning("SSO: ID token geweigerd (%s)", type(exc.__cause__ or exc).__name__)
            security_event(
                SecuritySoort.LOGIN_MISLUKT,
                request=request,
                details={"reden": "sso-token geweigerd"},
            )
            return None

    # --- the token -----------------------------------------------------------------------

    def get_payload_data(self, token, key):
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("Unexpected ID token algorithm")
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER or None,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation("ID token rejected") from exc

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if self._id_sub is None:  # the first token checked is the ID token
            self._id_sub = payload.get("sub")
        return payload

    # --- the account -----------------------------------------------------------------------

    def verify_claims(self, claims):
        if not claims.get("sub") or claims.get("sub") != self._id_sub:
            return False
        if not mapped_roles(claims) or not mapped_gemeente_codes(claims):
            from .security import security_event

            security_event(
                SecuritySoort.LOGIN_MISLUKT,
                request=getattr(self, "request", None),
                details={"reden": "sso zonder rol of gemeente"},
            )
            return False
        return True

    def filter_users_by_claims(self, claims):
        users = self.UserModel.objects.filter(profiel__oidc_sub=claims["sub"])
        if users.exists():
            return users
        email = claims.get("email")
        if (
            email
            and settings.OIDC_LINK_BY_EMAIL
            and claims.get("email_verified", True) is not False
        ):
            return self.UserModel.objects.filter(
                email__iexact=email, profiel__oidc_sub="", is_superuser=False
            )
        return self.UserModel.objects.none()

    def create_user(self, claims):
        username = str(claims.get("preferred_username") or "")[:150]
        if not username or self.UserModel.objects.filter(username=username).exists():
            username = "sso-" + hashlib.sha256(claims["sub"].encode()).hexdigest()[:16]
        user = self.UserModel.objects.create_user(username, email=claims.get("email", ""))
        user.set_unusable_password()
        user.save()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        from django.contrib.auth.models import Group

        from .models import Gemeente, StaffProfile
        from .security import sync_is_staff

        if user.is_superuser or not user.is_active:
            raise SuspiciousOperation("Account not available for SSO")
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        if claims.get("email"):
            user.email = claims["email"]
        user.save(update_fields=["first_name", "last_name", "email"])
        profiel, _ = StaffProfile.objects.get_or_create(user=user)
        if profiel.oidc_sub != claims["sub"]:
            profiel.oidc_sub = claims["sub"]
            profiel.save(update_fields=["oidc_sub"])
        wanted = set(Group.objects.filter(name__in=mapped_roles(claims)))
        current = set(user.groups.filter(name__in=Rol.values))
        if current - wanted:
            user.groups.remove(*(current - wanted))
        if wanted - current:
            user.groups.add(*(wanted - current))
        gemeenten = set(Gemeente.objects.filter(cbs_code__in=mapped_gemeente_codes(claims)))
        if set(profiel.gemeenten.all()) != gemeenten:
            profiel.gemeenten.set(gemeenten)
        sync_is_staff(user)
        return user


def _enabled_or_404():
    if not settings.OIDC_ENABLED:
        raise Http404


def oidc_init(request):
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    _enabled_or_404()
    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request):
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    _enabled_or_404()
    return OIDCAuthenticationCallbackView.as_view()(request)
