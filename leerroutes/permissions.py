"""Which role may do what with leerroutes (merged into the role groups after migrate).

The werkcoach records hours, exams, MAP and PVT and imports provider files; the
consulent views; the functioneel beheerder maintains the providers.

The participation records of casefiles (Activiteit, Uitstroom,
ParticipatieladderMeting) are listed here too: the participatie sub-package is not an
app of its own, so its role permissions ride along with this module.
"""

from casefiles.choices import Rol

_LEERROUTE_MODELS = ("traject", "urenregistratie", "examen", "mapinschrijving", "pvtinschrijving")
_PARTICIPATIE_MODELS = ("activiteit", "uitstroom", "participatieladdermeting")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.WERKCOACH: [
        *(f"leerroutes.{a}_{m}" for m in _LEERROUTE_MODELS for a in ("view", "add", "change")),
        "leerroutes.import_voortgang",
        "leerroutes.view_aanbieder",
        *(f"casefiles.{a}_{m}" for m in _PARTICIPATIE_MODELS for a in ("view", "add", "change")),
    ],
    Rol.CONSULENT: [
        *(f"leerroutes.view_{m}" for m in _LEERROUTE_MODELS),
        "leerroutes.view_aanbieder",
        *(f"casefiles.{a}_{m}" for m in _PARTICIPATIE_MODELS for a in ("view", "add", "change")),
    ],
    Rol.BELEID: [],
    Rol.BEHEER: [
        "leerroutes.view_aanbieder",
        "leerroutes.add_aanbieder",
        "leerroutes.change_aanbieder",
    ],
}
