from django.urls import path

from . import views

app_name = "startchecklist"

urlpatterns = [
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/<int:stap_pk>/", views.stap, name="stap"),
]
