"""Which role may do what in ontzorgen (merged into the role groups after migrate).

The consulent maatschappelijke begeleiding runs ontzorgen: edits plans and fixed
costs, exports SEPA batches and records their outcome. The werkcoach reads (view
only). The beleidsmedewerker sees no person-level data. The functioneel beheerder
maintains the list of cost types.

The permissions of the maatschappelijke-begeleiding models of ``casefiles`` (the
``casefiles.begeleiding`` part) are declared here too, because only an app's own
``permissions`` module is collected (see casefiles.permissions); they can move to
``casefiles/permissions.py`` without any other change.
"""

from casefiles.choices import Rol

_ONTZORGEN_MODELS = ("ontzorgingsplan", "vastelast", "betaling", "batch")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.CONSULENT: [
        *(f"ontzorgen.{a}_{m}" for m in _ONTZORGEN_MODELS for a in ("view", "add", "change")),
        "ontzorgen.export_batch",
        "ontzorgen.view_vastelastsoort",
        # casefiles.begeleiding
        "casefiles.view_maatschappelijkebegeleiding",
        "casefiles.add_maatschappelijkebegeleiding",
        "casefiles.change_maatschappelijkebegeleiding",
        "casefiles.view_verwijzing",
        "casefiles.add_verwijzing",
        "casefiles.change_verwijzing",
        "casefiles.view_ketenpartner",
    ],
    Rol.WERKCOACH: [
        *(f"ontzorgen.view_{m}" for m in _ONTZORGEN_MODELS),
        "ontzorgen.view_vastelastsoort",
        "casefiles.view_maatschappelijkebegeleiding",
        "casefiles.view_verwijzing",
        "casefiles.view_ketenpartner",
    ],
    Rol.BELEID: [],
    Rol.BEHEER: [
        "ontzorgen.view_vastelastsoort",
        "ontzorgen.add_vastelastsoort",
        "ontzorgen.change_vastelastsoort",
    ],
}
