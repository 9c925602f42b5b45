from django.urls import path

from . import views

app_name = "begeleiding"

urlpatterns = [
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/nieuw/", views.nieuw, name="nieuw"),
    path("dossier/<int:dossier_pk>/<int:mb_pk>/bewerken/", views.bewerken, name="bewerken"),
    path("dossier/<int:dossier_pk>/<int:mb_pk>/beeindigen/", views.beeindigen, name="beeindigen"),
    path(
        "dossier/<int:dossier_pk>/verwijzingen/nieuw/",
        views.verwijzing_nieuw,
        name="verwijzing_nieuw",
    ),
    path(
        "dossier/<int:dossier_pk>/verwijzingen/<int:verwijzing_pk>/",
        views.verwijzing_bewerken,
        name="verwijzing_bewerken",
    ),
]
