"""Which role may do what with privacy (merged into the role groups after migrate).

Retention (issue 17, avg-retentie): the functioneel beheerder keeps the retention
periods of its own gemeenten, sees what the job anonymised (ids) and reads and exports
the verwerkingsregister; the privacy officer (Rol.PRIVACY, issue 17 inzage) reads and
exports the register and the anonymisations. The register's content is the product's
and changes with a migration (or a superuser)."""

from casefiles.choices import Rol

_RETENTIE_BEHEER = [
    "privacy.view_bewaartermijn",
    "privacy.add_bewaartermijn",
    "privacy.change_bewaartermijn",
    "privacy.view_anonimisering",
    "privacy.view_verwerking",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.BEHEER: list(_RETENTIE_BEHEER),
}

_privacy = getattr(Rol, "PRIVACY", None)
if _privacy is not None:  # the role of the inzage part of issue 17
    ROLE_PERMISSIONS[_privacy] = [
        "privacy.view_bewaartermijn",
        "privacy.view_anonimisering",
        "privacy.view_verwerking",
    ]
