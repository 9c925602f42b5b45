"""Role permissions of the brede intake (merged into the role groups after migrate).

Seeing the health section needs, on top of ``intake.view_intakegezondheid``, to be
the dossier's assigned werkcoach or consulent
(``casefiles.permissions.can_see_special_category``)."""

from casefiles.choices import Rol

_MODELS = ("bredeintake", "werkervaring", "levensdomeinscore", "intakegezondheid")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.WERKCOACH: [
        *(f"intake.{verb}_{m}" for m in _MODELS for verb in ("view", "add", "change")),
        "intake.delete_werkervaring",
    ],
    Rol.CONSULENT: [f"intake.view_{m}" for m in _MODELS],
    Rol.BELEID: [],
    Rol.BEHEER: [],
}
