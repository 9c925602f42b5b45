from django.apps import AppConfig


class OntzorgenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ontzorgen"
