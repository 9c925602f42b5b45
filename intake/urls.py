from django.urls import path

from . import views

app_name = "intake"

_I = "<int:dossier_pk>/<int:intake_pk>"

urlpatterns = [
    path("<int:dossier_pk>/", views.tab, name="tab"),
    path("<int:dossier_pk>/nieuw/", views.nieuw, name="nieuw"),
    path(f"{_I}/", views.detail, name="detail"),
    path(f"{_I}/opslaan/", views.opslaan, name="opslaan"),
    path(f"{_I}/onderdeel/<slug:sectie>/", views.sectie, name="sectie"),
    path(f"{_I}/werkervaring/", views.werkervaring_toevoegen, name="werkervaring_toevoegen"),
    path(
        f"{_I}/werkervaring/<int:werk_pk>/verwijderen/",
        views.werkervaring_verwijderen,
        name="werkervaring_verwijderen",
    ),
    path(f"{_I}/levensdomeinen/", views.levensdomeinen, name="levensdomeinen"),
    path(f"{_I}/leerroute/", views.leerroute, name="leerroute"),
    path(f"{_I}/status/", views.status, name="status"),
    path(f"{_I}/gezondheid/", views.gezondheid, name="gezondheid"),
    path(f"{_I}/samenvatting/", views.samenvatting, name="samenvatting"),
]
