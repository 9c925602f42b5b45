from django.urls import path

from . import views

app_name = "duo_inbound"

urlpatterns = [
    path("dossier/<int:dossier_pk>/", views.opvragen, name="opvragen"),
    path("dossier/<int:dossier_pk>/overnemen/<slug:veld>/", views.overnemen, name="overnemen"),
    path("beheer/", views.beheer, name="beheer"),
    path("beheer/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
]
