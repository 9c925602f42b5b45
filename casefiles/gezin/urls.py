from django.urls import path

from . import views

app_name = "gezin"

urlpatterns = [
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/<int:lid_pk>/", views.bewerken, name="bewerken"),
]
