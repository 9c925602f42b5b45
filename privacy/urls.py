from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("inzage/", views.inzage_lijst, name="inzage_lijst"),
    path("inzage/<int:pk>/download/", views.inzage_download, name="inzage_download"),
    path("correctie/<int:dossier_pk>/", views.correctie_tab, name="correctie_tab"),
    path("correctie/<int:dossier_pk>/<int:pk>/", views.correctie_detail, name="correctie_detail"),
]
