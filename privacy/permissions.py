"""Permissions of the privacy app per role (merged by
casefiles.permissions.collected_role_permissions).

The privacyfunctionaris answers AVG requests and holds no permission of case work:
no view_dossier, so no werkvoorraad, dossier page, intake or PIP. The functioneel
beheerder may answer an inzage request too (issue 17)."""

from casefiles.choices import Rol

INZAGE = ["privacy.view_inzageverzoek", "privacy.add_inzageverzoek"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.PRIVACY: [*INZAGE],
    Rol.BEHEER: [*INZAGE],
}
