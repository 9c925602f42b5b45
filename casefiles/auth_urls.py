"""Account URLs (no namespace: Django's auth views look these names up)."""

from django.urls import path

from . import auth_views

urlpatterns = [
    path("tweestaps/", auth_views.tweestaps_instellen, name="tweestaps_instellen"),
    path("tweestaps/verifieren/", auth_views.tweestaps_verifieren, name="tweestaps_verifieren"),
    path("wachtwoord/", auth_views.wachtwoord_wijzigen, name="wachtwoord_wijzigen"),
    path("wachtwoord/gewijzigd/", auth_views.wachtwoord_gewijzigd, name="wachtwoord_gewijzigd"),
    path("wachtwoord/vergeten/", auth_views.wachtwoord_vergeten, name="password_reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.wachtwoord_vergeten_verstuurd,
        name="password_reset_done",
    ),
    path(
        "wachtwoord/instellen/<uidb64>/<token>/",
        auth_views.wachtwoord_instellen,
        name="password_reset_confirm",
    ),
    path("wachtwoord/ingesteld/", auth_views.wachtwoord_ingesteld, name="password_reset_complete"),
]
