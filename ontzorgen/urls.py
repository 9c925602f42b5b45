from django.urls import path

from . import inhouding_views, views

app_name = "ontzorgen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("batches/maken/", views.batch_maken, name="batch_maken"),
    path("batches/<int:batch_pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:batch_pk>/sepa.xml", views.batch_download, name="batch_download"),
    path("batches/<int:batch_pk>/betaald/", views.batch_betaald, name="batch_betaald"),
    # withholding from the bijstand (issue 18)
    path("inhouding/", inhouding_views.lijst, name="inhouding_lijst"),
    path("inhouding/<int:opdracht_pk>/", inhouding_views.detail, name="inhouding_detail"),
    path(
        "inhouding/<int:opdracht_pk>/inhouding.csv",
        inhouding_views.csv_download,
        name="inhouding_csv",
    ),
    path(
        "inhouding/<int:opdracht_pk>/inhouding.pdf",
        inhouding_views.pdf_download,
        name="inhouding_pdf",
    ),
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/plan/nieuw/", views.plan_nieuw, name="plan_nieuw"),
    path("dossier/<int:dossier_pk>/plan/bewerken/", views.plan_bewerken, name="plan_bewerken"),
    path(
        "dossier/<int:dossier_pk>/vaste-lasten/nieuw/",
        views.vastelast_nieuw,
        name="vastelast_nieuw",
    ),
    path(
        "dossier/<int:dossier_pk>/vaste-lasten/<int:vastelast_pk>/",
        views.vastelast_bewerken,
        name="vastelast_bewerken",
    ),
    path(
        "dossier/<int:dossier_pk>/betalingen/genereren/",
        views.betalingen_genereren,
        name="betalingen_genereren",
    ),
    path(
        "dossier/<int:dossier_pk>/betalingen/<int:betaling_pk>/status/",
        views.betaling_status,
        name="betaling_status",
    ),
]
