from django.urls import path

from . import views

app_name = "vrijwilligers"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:vrijwilliger_pk>/", views.bewerken, name="bewerken"),
    path("dossier/<int:dossier_pk>/", views.tab, name="tab"),
    path(
        "dossier/<int:dossier_pk>/<int:koppeling_pk>/beeindigen/",
        views.beeindigen,
        name="beeindigen",
    ),
    path("dossier/<int:dossier_pk>/<int:koppeling_pk>/signaal/", views.signaal, name="signaal"),
]
