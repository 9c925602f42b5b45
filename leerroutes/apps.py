from django.apps import AppConfig


class LeerroutesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leerroutes"
