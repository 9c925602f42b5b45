from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("inzage/", views.inzage_lijst, name="inzage_lijst"),
    path("inzage/<int:pk>/download/", views.inzage_download, name="inzage_download"),
]
