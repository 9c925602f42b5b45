"""Permissions of the privacy app per role (merged by
casefiles.permissions.collected_role_permissions).

The privacyfunctionaris answers AVG requests and holds no permission of case work:
no view_dossier, so no werkvoorraad, dossier page, intake or PIP; it reads and exports
the verwerkingsregister and the anonymisations. The functioneel beheerder may answer an
inzage request too, keeps the retention periods of its own gemeenten, sees what the job
anonymised (ids) and reads and exports the verwerkingsregister (the register's content
is the product's and changes with a migration). Correction requests (art. 16) are
handled on the dossier by the werkcoach and the consulent."""

from casefiles.choices import Rol

INZAGE = ["privacy.view_inzageverzoek", "privacy.add_inzageverzoek"]
#: Correction requests live on the dossier: registered and resolved by its case workers,
#: who can open the part's edit screen (the privacy officer cannot).
CORRECTIE = [
    "privacy.view_correctieverzoek",
    "privacy.add_correctieverzoek",
    "privacy.change_correctieverzoek",
]
RETENTIE_BEHEER = [
    "privacy.view_bewaartermijn",
    "privacy.add_bewaartermijn",
    "privacy.change_bewaartermijn",
    "privacy.view_anonimisering",
    "privacy.view_verwerking",
]
RETENTIE_LEZEN = [
    "privacy.view_bewaartermijn",
    "privacy.view_anonimisering",
    "privacy.view_verwerking",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.PRIVACY: [*INZAGE, *RETENTIE_LEZEN],
    Rol.BEHEER: [*INZAGE, *RETENTIE_BEHEER],
    Rol.WERKCOACH: [*CORRECTIE],
    Rol.CONSULENT: [*CORRECTIE],
}
