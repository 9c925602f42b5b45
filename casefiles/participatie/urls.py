from django.urls import path

from . import views

app_name = "participatie"

urlpatterns = [
    path("dossiers/<int:dossier_pk>/", views.tab, name="tab"),
    path(
        "dossiers/<int:dossier_pk>/activiteiten/", views.activiteit_nieuw, name="activiteit_nieuw"
    ),
    path(
        "dossiers/<int:dossier_pk>/activiteiten/<int:activiteit_pk>/",
        views.activiteit_bewerken,
        name="activiteit_bewerken",
    ),
    path("dossiers/<int:dossier_pk>/uitstroom/", views.uitstroom_nieuw, name="uitstroom_nieuw"),
    path("dossiers/<int:dossier_pk>/ladder/", views.ladder_nieuw, name="ladder_nieuw"),
]
