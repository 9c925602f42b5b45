from django.urls import path

from . import views

app_name = "kosten"

urlpatterns = [
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path("dossier/<int:dossier_pk>/<int:post_pk>/", views.bewerken, name="bewerken"),
]
