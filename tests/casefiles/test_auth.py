"""Authentication for a government application (issue 12, item 6): lock-out after
repeated failures, the second factor (required in production and for the admin),
the idle timeout, changing one's own password, the security log, and single
sign-on against a local OpenID Connect provider."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from urllib.parse import urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from casefiles.choices import Rol, SecuritySoort
from casefiles.models import SecurityEvent
from casefiles.security import LAST_ACTIVITY_KEY
from tests.fake_oidc import FakeOIDCProvider

PASSWORD = "geheim-wachtwoord-123"  # tests/factories.UserFactory


def _login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- lock-out ----------------------------------------------------------------------------------


def test_lockout_after_repeated_failures_with_a_dutch_message(client, world, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = _login(client, "wc", "fout-wachtwoord")
        assert response.status_code == 200 and "klopt niet" in response.content.decode()
    response = _login(client, "wc", "fout-wachtwoord")
    assert response.status_code == 429
    # locked: even the right password does not get in now
    response = _login(client, "wc", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in html and f"{settings.AXES_COOLOFF_MINUTES} minuten" in html
    assert "_auth_user_id" not in client.session
    # another account is not affected
    assert _login(client, "wc2", PASSWORD).status_code == 302


def test_security_log_records_failures_and_lockout_without_passwords(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wc", "Zomer2026!geheim")
    _login(client, "123456782", "ook-geheim")  # a BSN typed as username by mistake
    events = SecurityEvent.objects.all()
    soorten = list(events.filter(user_id=world.werkcoach.pk).values_list("soort", flat=True))
    assert soorten.count(SecuritySoort.LOGIN_MISLUKT) == settings.AXES_FAILURE_LIMIT
    assert SecuritySoort.GEBLOKKEERD in soorten
    onbekend = events.get(soort=SecuritySoort.LOGIN_MISLUKT, user_id__isnull=True)
    assert onbekend.naam_hash and len(onbekend.naam_hash) == 16
    dump = json.dumps(list(events.values()), default=str)
    for secret in ("Zomer2026!geheim", "ook-geheim", "123456782"):
        assert secret not in dump


def test_login_and_logout_are_logged(client, world):
    assert _login(client, "wc", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    soorten = list(
        SecurityEvent.objects.filter(user_id=world.werkcoach.pk)
        .order_by("id")
        .values_list("soort", flat=True)
    )
    assert soorten[-2:] == [SecuritySoort.LOGIN, SecuritySoort.LOGOUT]


# --- second factor -------------------------------------------------------------------------------


def _totp_now(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_production_settings_require_the_second_factor():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OTP_REQUIRED", "OTP_REQUIRED_ADMIN", "DEBUG", "DEMO_MODE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inburgering.settings.production",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="inburgering.example.nl",
        OTP_REQUIRED="false",  # an environment cannot switch it off in production
        OTP_REQUIRED_ADMIN="false",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.OTP_REQUIRED, s.OTP_REQUIRED_ADMIN, s.IDLE_TIMEOUT_SECONDS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "900"]


@override_settings(OTP_REQUIRED=True)
def test_staff_must_enrol_and_verify_a_second_factor(client, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert _login(client, "wc", PASSWORD).status_code == 302
    response = client.get(reverse("casefiles:werkvoorraad"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("tweestaps_instellen")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.werkcoach, confirmed=False)
    bad = client.post(reverse("tweestaps_instellen"), {"token": "000000"})
    assert "klopt niet" in bad.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    ok = client.post(
        reverse("tweestaps_instellen") + "?next=/werkvoorraad/", {"token": _totp_now(device)}
    )
    assert ok.status_code == 302 and ok["Location"] == "/werkvoorraad/"
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200
    # next session: password, then the code
    client.post(reverse("logout"))
    _login(client, "wc", PASSWORD)
    response = client.get(reverse("casefiles:werkvoorraad"))
    assert urlparse(response["Location"]).path == reverse("tweestaps_verifieren")
    device.refresh_from_db()
    device.last_t = -1  # a code may be used once; allow the next one in this test
    device.save()
    client.post(reverse("tweestaps_verifieren"), {"token": _totp_now(device)})
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200
    soorten = set(
        SecurityEvent.objects.filter(user_id=world.werkcoach.pk).values_list("soort", flat=True)
    )
    assert {
        SecuritySoort.OTP_INGESTELD,
        SecuritySoort.OTP_MISLUKT,
        SecuritySoort.OTP_GELUKT,
    } <= soorten


@override_settings(OTP_REQUIRED=False, OTP_REQUIRED_ADMIN=True)
def test_every_admin_login_needs_the_second_factor(client, world):
    _login(client, "beheer", PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("tweestaps_instellen")
    # the application itself does not ask for it in this configuration
    client.post(reverse("logout"))
    _login(client, "wc", PASSWORD)
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200


# --- idle timeout -------------------------------------------------------------------------------


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_idle_timeout_logs_out_after_the_configured_minutes(client, world, settings):
    _login(client, "wc", PASSWORD)
    _age_session(client, settings.IDLE_TIMEOUT_SECONDS - 60)
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 200
    _age_session(client, settings.IDLE_TIMEOUT_SECONDS + 1)
    response = client.get(reverse("casefiles:werkvoorraad"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(
        soort=SecuritySoort.UITGELOGD_INACTIEF, user_id=world.werkcoach.pk
    ).exists()
    follow = client.get(response["Location"])
    assert "automatisch uitgelogd" in follow.content.decode()


@override_settings(IDLE_TIMEOUT_SECONDS=120)
def test_idle_timeout_is_configurable(client, world):
    _login(client, "wc", PASSWORD)
    _age_session(client, 121)
    assert client.get(reverse("casefiles:werkvoorraad")).status_code == 302


# --- own password -----------------------------------------------------------------------------


def test_staff_change_their_own_password(client, world):
    client.force_login(world.werkcoach)
    url = reverse("wachtwoord_wijzigen")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "kort",
            "new_password2": "kort",
        },
    )
    assert response.status_code == 200  # too short: the form says so
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Een-lang-nieuw-wachtwoord-2026",
            "new_password2": "Een-lang-nieuw-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    world.werkcoach.refresh_from_db()
    assert world.werkcoach.check_password("Een-lang-nieuw-wachtwoord-2026")
    assert SecurityEvent.objects.filter(
        soort=SecuritySoort.WACHTWOORD_GEWIJZIGD, user_id=world.werkcoach.pk
    ).exists()


def test_password_page_needs_login(client):
    response = client.get(reverse("wachtwoord_wijzigen"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


# --- single sign-on -----------------------------------------------------------------------------

CLAIMS = {
    "sub": "a1b2c3-werkcoach",
    "email": "s.sso@dewolden.example",
    "given_name": "Sanne",
    "family_name": "Sso",
    "preferred_username": "s.sso",
    "groups": ["gg-inburgering-werkcoach", "gg-dewolden", "gg-kantine"],
}
MAPPING = {
    "OIDC_ROLE_MAPPING": {"gg-inburgering-werkcoach": Rol.WERKCOACH, "gg-beheer": Rol.BEHEER},
    "OIDC_GEMEENTE_MAPPING": {"gg-dewolden": "1690"},
}


@pytest.fixture
def provider(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with FakeOIDCProvider(client_id="inburgering", client_secret="s3cret", claims=CLAIMS) as p:
        yield p


def _sso(client, provider):
    """Browser steps: our site → provider → back to our callback."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url)
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_sso_creates_the_account_with_mapped_role_and_gemeente(client, world, provider):
    with override_settings(**provider.settings(), **MAPPING):
        response = _sso(client, provider)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = get_user_model().objects.get(profiel__oidc_sub=CLAIMS["sub"])
    assert int(client.session["_auth_user_id"]) == user.pk
    assert (user.first_name, user.email, user.is_staff, user.is_superuser) == (
        "Sanne",
        CLAIMS["email"],
        False,
        False,
    )
    assert list(user.groups.values_list("name", flat=True)) == [Rol.WERKCOACH]
    assert list(user.profiel.gemeenten.all()) == [world.gemeente]
    assert not user.has_usable_password()
    assert SecurityEvent.objects.filter(soort=SecuritySoort.SSO_LOGIN, user_id=user.pk).exists()
    assert {"/authorize", "/token", "/jwks", "/userinfo"} <= set(provider.requests)


def test_sso_follows_role_changes_at_the_provider(client, world, provider):
    with override_settings(**provider.settings(), **MAPPING):
        _sso(client, provider)
        client.post(reverse("logout"))
        provider.claims = {**CLAIMS, "groups": ["gg-beheer", "gg-dewolden"]}
        _sso(client, provider)
    user = get_user_model().objects.get(profiel__oidc_sub=CLAIMS["sub"])
    assert list(user.groups.values_list("name", flat=True)) == [Rol.BEHEER]
    assert user.is_staff  # follows the role
    assert (
        SecurityEvent.objects.filter(soort=SecuritySoort.ROL_GEWIJZIGD, user_id=user.pk).count()
        >= 2
    )


@pytest.mark.parametrize(
    "sabotage",
    ["unpublished_key", "other_audience", "no_mapped_role"],
)
def test_sso_refuses_a_bad_token_or_an_unmapped_user(client, world, provider, sabotage):
    if sabotage == "unpublished_key":
        provider.sign_with_unpublished_key = True
    elif sabotage == "other_audience":
        provider.audience_override = "een-andere-applicatie"
    else:
        provider.claims = {**CLAIMS, "groups": ["gg-kantine", "gg-dewolden"]}
    with override_settings(**provider.settings(), **MAPPING):
        response = _sso(client, provider)
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email=CLAIMS["email"]).exists()


def test_sso_never_takes_over_a_superuser(client, world, provider):
    from tests.factories import UserFactory

    UserFactory(username="root", email=CLAIMS["email"], is_superuser=True, is_staff=True)
    with override_settings(**provider.settings(), **MAPPING):
        _sso(client, provider)
    root = get_user_model().objects.get(username="root")
    assert not hasattr(root, "profiel") or root.profiel.oidc_sub == ""
    assert int(client.session.get("_auth_user_id", 0) or 0) != root.pk


def test_sso_is_off_without_configuration(client):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404


@override_settings(OTP_REQUIRED=True)
def test_password_change_needs_the_second_factor_first(client, world):
    _login(client, "wc", PASSWORD)
    response = client.get(reverse("wachtwoord_wijzigen"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("tweestaps_instellen")
