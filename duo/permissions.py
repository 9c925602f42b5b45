"""Which role may see what we send to DUO (merged into the role groups after migrate)."""

from casefiles.choices import Rol

ROLE_PERMISSIONS = {
    Rol.WERKCOACH: ["duo.view_duobericht"],
    Rol.CONSULENT: ["duo.view_duobericht"],
    Rol.TEAMLEIDER: ["duo.view_duobericht"],
    # The beheerder sees failed messages with ids only and may retry them; it never
    # reads the dossier itself.
    Rol.BEHEER: ["duo.retry_duobericht"],
}
