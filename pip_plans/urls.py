from django.urls import path

from . import partner_views, views

app_name = "pip_plans"

urlpatterns = [
    path(
        "partner/<int:dossier_pk>/doelen/<int:doel_pk>/",
        partner_views.doel_voortgang,
        name="partner_doel_voortgang",
    ),
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/nieuw/", views.concept_nieuw, name="concept_nieuw"),
    path("dossier/<int:dossier_pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("dossier/<int:dossier_pk>/vergelijken/", views.vergelijk, name="vergelijk"),
    path("dossier/<int:dossier_pk>/versie/<int:versie_pk>/", views.versie, name="versie"),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/bewerken/",
        views.versie_bewerken,
        name="versie_bewerken",
    ),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/vaststellen/",
        views.vaststellen,
        name="vaststellen",
    ),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/verwijderen/",
        views.versie_verwijderen,
        name="versie_verwijderen",
    ),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/bekendmaking/",
        views.bekendmaking,
        name="bekendmaking",
    ),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/intrekken/",
        views.intrekken,
        name="intrekken",
    ),
    path(
        "dossier/<int:dossier_pk>/versie/<int:versie_pk>/brief/",
        views.brief_genereren,
        name="brief_genereren",
    ),
    path(
        "dossier/<int:dossier_pk>/brief/<int:brief_pk>/",
        views.brief_download,
        name="brief_download",
    ),
    path("dossier/<int:dossier_pk>/gesprek/<int:gesprek_pk>/", views.gesprek, name="gesprek"),
    path(
        "dossier/<int:dossier_pk>/gesprek/<int:gesprek_pk>/herplannen/",
        views.gesprek_herplannen,
        name="gesprek_herplannen",
    ),
    path("dossier/<int:dossier_pk>/handhaving/", views.handhaving_nieuw, name="handhaving_nieuw"),
]
