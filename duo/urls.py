from django.urls import path

from . import views

app_name = "duo"

urlpatterns = [
    path("dossiers/<int:dossier_pk>/", views.tab, name="tab"),
    path("beheer/mislukt/", views.mislukt, name="mislukt"),
    path("beheer/mislukt/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
]
