from django.urls import path

from . import team_views, views

app_name = "casefiles"

urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("week/", views.week, name="week"),
    path("export/<str:formaat>/", views.werkvoorraad_export, name="werkvoorraad_export"),
    path("dossiers/nieuw/", views.dossier_nieuw, name="dossier_nieuw"),
    path("dossiers/import/", views.import_aanmeldingen, name="import_aanmeldingen"),
    path(
        "dossiers/import/bevestigen/",
        views.import_aanmeldingen_bevestigen,
        name="import_aanmeldingen_bevestigen",
    ),
    path("dossiers/<int:dossier_pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:dossier_pk>/bewerken/", views.dossier_bewerken, name="dossier_bewerken"),
    path("dossiers/<int:dossier_pk>/status/", views.dossier_status, name="dossier_status"),
    path("team/", team_views.caseload, name="caseload"),
    path("dossiers/<int:dossier_pk>/toewijzen/", team_views.toewijzen, name="dossier_toewijzen"),
    path(
        "dossiers/<int:dossier_pk>/persoonsfeiten/",
        views.inburgeringsfeiten,
        name="inburgeringsfeiten",
    ),
    path("dossiers/<int:dossier_pk>/plicht/", views.plicht_einde, name="plicht_einde"),
    path(
        "dossiers/<int:dossier_pk>/doelgroep/", views.doelgroep_wijzigen, name="doelgroep_wijzigen"
    ),
    path(
        "dossiers/<int:dossier_pk>/gezinsleden/nieuw/",
        views.gezinslid_nieuw,
        name="gezinslid_nieuw",
    ),
    path(
        "dossiers/<int:dossier_pk>/contactmomenten/", views.contactmomenten, name="contactmomenten"
    ),
    path("dossiers/<int:dossier_pk>/taken/", views.taken, name="taken"),
    path(
        "dossiers/<int:dossier_pk>/taken/<int:taak_pk>/afronden/",
        views.taak_afronden,
        name="taak_afronden",
    ),
    path("dossiers/<int:dossier_pk>/documenten/", views.documenten, name="documenten"),
    path(
        "dossiers/<int:dossier_pk>/documenten/<int:document_pk>/",
        views.document_download,
        name="document_download",
    ),
]
