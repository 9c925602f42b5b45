from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from casefiles.auth_oidc import oidc_callback, oidc_init
from casefiles.views import InloggenView, geen_rol, home
from duo.inbound.api import notificaties as duo_notificaties

urlpatterns = [
    path("", home, name="home"),
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("geen-rol/", geen_rol, name="geen_rol"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("casefiles.auth_urls")),
    path("oidc/authenticate/", oidc_init, name="oidc_authentication_init"),
    path("oidc/callback/", oidc_callback, name="oidc_authentication_callback"),
    path("werkvoorraad/", include("casefiles.urls")),
    path("participatie/", include("casefiles.participatie.urls")),
    path("begeleiding/", include("casefiles.begeleiding.urls")),
    path("partners/", include("casefiles.partners.urls")),
    path("eerste-stappen/", include("casefiles.startchecklist.urls")),
    path("gezin/", include("casefiles.gezin.urls")),
    path("vrijwilligers/", include("casefiles.vrijwilligers.urls")),
    path("kosten/", include("casefiles.kosten.urls")),
    path("intake/", include("intake.urls")),
    path("pip/", include("pip_plans.urls")),
    path("leerroutes/", include("leerroutes.urls")),
    path("ontzorgen/", include("ontzorgen.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("duo/", include("duo.urls")),
    # DUO receiving (duo.inbound): DUO's notifications and "Bij DUO opvragen"
    path(settings.DUO_NOTIFICATIE_PATH.strip("/"), duo_notificaties, name="duo_notificaties"),
    path("duo/opvragen/", include("duo.inbound.urls")),
    path("privacy/", include("privacy.urls")),
    path("beheer/", admin.site.urls),
]

admin.site.site_header = "Inburgering regie — beheer"
admin.site.site_title = "Inburgering regie"
admin.site.index_title = "Beheer"
