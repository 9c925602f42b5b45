from django.urls import path

from . import views

app_name = "leerroutes"

urlpatterns = [
    path("dossiers/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossiers/<int:dossier_pk>/uren/", views.uren_nieuw, name="uren_nieuw"),
    path("dossiers/<int:dossier_pk>/examens/", views.examen_nieuw, name="examen_nieuw"),
    path("dossiers/<int:dossier_pk>/traject/", views.traject_bewerken, name="traject_bewerken"),
    path("dossiers/<int:dossier_pk>/map/", views.map_bewerken, name="map_bewerken"),
    path("dossiers/<int:dossier_pk>/pvt/", views.pvt_bewerken, name="pvt_bewerken"),
    path("import/", views.import_voortgang, name="import_voortgang"),
    path(
        "import/bevestigen/",
        views.import_voortgang_bevestigen,
        name="import_voortgang_bevestigen",
    ),
]
