from django.conf import settings


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "demo_mode": settings.DEMO_MODE,
            "oidc_enabled": settings.OIDC_ENABLED,
            "cooloff_minuten": settings.AXES_COOLOFF_MINUTES,
        }
    return {
        "demo_mode": settings.DEMO_MODE,
        "oidc_enabled": settings.OIDC_ENABLED,
        "nav_kan_dossiers": user.has_perm("casefiles.view_dossier"),
        "nav_kan_importeren": user.has_perm("casefiles.import_aanmeldingen"),
        "nav_kan_nieuw": user.has_perm("casefiles.add_dossier"),
        "nav_is_staff": user.is_staff,
    }
