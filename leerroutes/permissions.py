"""Which role may do what with leerroutes (merged into the role groups after migrate).

The werkcoach records hours, exams, MAP and PVT and imports provider files; the
consulent views; the functioneel beheerder maintains the providers.

The permissions on the participation records (casefiles.participatie) are declared
with the other casefiles permissions in ``casefiles/permissions.py``.
"""

from casefiles.choices import Rol

_LEERROUTE_MODELS = ("traject", "urenregistratie", "examen", "mapinschrijving", "pvtinschrijving")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.WERKCOACH: [
        *(f"leerroutes.{a}_{m}" for m in _LEERROUTE_MODELS for a in ("view", "add", "change")),
        "leerroutes.import_voortgang",
        "leerroutes.view_aanbieder",
    ],
    Rol.CONSULENT: [
        *(f"leerroutes.view_{m}" for m in _LEERROUTE_MODELS),
        "leerroutes.view_aanbieder",
    ],
    Rol.BELEID: [],
    Rol.BEHEER: [
        "leerroutes.view_aanbieder",
        "leerroutes.add_aanbieder",
        "leerroutes.change_aanbieder",
    ],
}
