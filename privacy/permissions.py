"""Permissions of the privacy app per role (merged by
casefiles.permissions.collected_role_permissions).

The privacyfunctionaris answers AVG requests and holds no permission of case work:
no view_dossier, so no werkvoorraad, dossier page, intake or PIP. The functioneel
beheerder may answer an inzage request too (issue 17). Correction requests (art. 16)
are handled on the dossier by the werkcoach and the consulent."""

from casefiles.choices import Rol

INZAGE = ["privacy.view_inzageverzoek", "privacy.add_inzageverzoek"]
#: Correction requests live on the dossier: registered and resolved by its case workers,
#: who can open the part's edit screen (the privacy officer cannot).
CORRECTIE = [
    "privacy.view_correctieverzoek",
    "privacy.add_correctieverzoek",
    "privacy.change_correctieverzoek",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.PRIVACY: [*INZAGE],
    Rol.BEHEER: [*INZAGE],
    Rol.WERKCOACH: [*CORRECTIE],
    Rol.CONSULENT: [*CORRECTIE],
}
