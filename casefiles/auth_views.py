"""Account pages of staff: the second factor (TOTP: enrol and verify), changing
one's own password, and setting a password through a reset link. Every outcome
goes to the security log (casefiles.security)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .choices import SecuritySoort
from .forms import StyledFormMixin
from .security import security_event

TOTP_NAAM = "Authenticator-app"


class TokenForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code uit uw authenticator-app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=gettext_lazy("De zes cijfers die de app nu toont."),
    )

    def clean_token(self):
        value = self.cleaned_data["token"].replace(" ", "")
        if not value.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        return value


def _next(request, default: str = "/") -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return default


@never_cache
@login_required
def tweestaps_instellen(request):
    """Enrol a TOTP device: scan the QR code (or type the key), confirm with a code."""
    import segno
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    bevestigd = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if bevestigd and not request.user.is_verified():
        return redirect(f"{reverse_lazy('tweestaps_verifieren')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=TOTP_NAAM, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            # one device per person: older confirmed devices are replaced
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            security_event(SecuritySoort.OTP_INGESTELD, user_id=request.user.pk, request=request)
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return redirect(_next(request))
        security_event(SecuritySoort.OTP_MISLUKT, user_id=request.user.pk, request=request)
        form.add_error(
            "token",
            _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."),
        )
    uri = device.config_url
    qr = segno.make(uri, error="m")
    from base64 import b32encode

    sleutel = b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "registration/tweestaps_instellen.html",
        {
            "form": form,
            "qr": qr.svg_data_uri(scale=5, border=2),
            "sleutel": " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4)),
            "bevestigd": bevestigd,
            "next": _next(request),
        },
    )


@never_cache
@login_required
def tweestaps_verifieren(request):
    """Ask the second factor after the password."""
    from django_otp import devices_for_user
    from django_otp import login as otp_login

    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse_lazy('tweestaps_instellen')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            verify_is_allowed = getattr(device, "verify_is_allowed", None)
            if verify_is_allowed is not None and not verify_is_allowed()[0]:
                form.add_error(
                    "token", _("Te veel onjuiste codes. Wacht even en probeer het dan opnieuw.")
                )
                break
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                security_event(SecuritySoort.OTP_GELUKT, user_id=request.user.pk, request=request)
                return redirect(_next(request))
        else:
            security_event(SecuritySoort.OTP_MISLUKT, user_id=request.user.pk, request=request)
            form.add_error("token", _("Deze code klopt niet. Probeer het opnieuw."))
    return render(
        request, "registration/tweestaps_verifieren.html", {"form": form, "next": _next(request)}
    )


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    template_name = "registration/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("wachtwoord_gewijzigd")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event(
            SecuritySoort.WACHTWOORD_GEWIJZIGD, user_id=self.request.user.pk, request=self.request
        )
        return response


class WachtwoordGewijzigdView(auth_views.PasswordChangeDoneView):
    template_name = "registration/wachtwoord_gewijzigd.html"


class WachtwoordInstellenView(auth_views.PasswordResetConfirmView):
    """The page behind the reset link (sent by the beheerder or on request)."""

    template_name = "registration/wachtwoord_instellen.html"
    success_url = reverse_lazy("password_reset_complete")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event(SecuritySoort.RESET_VOLTOOID, user_id=form.user.pk, request=self.request)
        return response


class WachtwoordIngesteldView(auth_views.PasswordResetCompleteView):
    template_name = "registration/wachtwoord_ingesteld.html"


class WachtwoordVergetenView(auth_views.PasswordResetView):
    """Self-service: a reset link to the address of an active account. The page
    says the same whether or not the address is known."""

    template_name = "registration/wachtwoord_vergeten.html"
    email_template_name = "registration/wachtwoord_link_email.txt"
    subject_template_name = "registration/wachtwoord_link_onderwerp.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        for user in form.get_users(form.cleaned_data["email"]):
            security_event(SecuritySoort.RESET_AANGEVRAAGD, user_id=user.pk, request=self.request)
        return response

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        return form


class WachtwoordVergetenVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "registration/wachtwoord_vergeten_verstuurd.html"


wachtwoord_wijzigen = login_required(WachtwoordWijzigenView.as_view())
wachtwoord_gewijzigd = login_required(WachtwoordGewijzigdView.as_view())
wachtwoord_instellen = sensitive_post_parameters()(WachtwoordInstellenView.as_view())
wachtwoord_ingesteld = WachtwoordIngesteldView.as_view()
wachtwoord_vergeten = WachtwoordVergetenView.as_view()
wachtwoord_vergeten_verstuurd = WachtwoordVergetenVerstuurdView.as_view()
