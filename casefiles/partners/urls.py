from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    # the gemeente: the "Delen" tab of a dossier
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/<int:deling_pk>/intrekken/", views.intrekken, name="intrekken"),
    # the ketenpartner
    path("", views.overzicht, name="overzicht"),
    path("meldingen/<int:melding_pk>/gelezen/", views.melding_gelezen, name="melding_gelezen"),
    path("gedeeld/<int:dossier_pk>/", views.dossier, name="dossier"),
    path(
        "gedeeld/<int:dossier_pk>/contactmomenten/nieuw/",
        views.contactmoment_nieuw,
        name="contactmoment_nieuw",
    ),
    path(
        "gedeeld/<int:dossier_pk>/verwijzingen/<int:verwijzing_pk>/",
        views.terugkoppeling,
        name="terugkoppeling",
    ),
    path("gedeeld/<int:dossier_pk>/begeleiding/", views.begeleiding, name="begeleiding"),
]
