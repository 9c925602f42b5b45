"""Which role may do what in ontzorgen (merged into the role groups after migrate).

The consulent maatschappelijke begeleiding runs ontzorgen: edits plans and fixed
costs, exports SEPA batches and records their outcome. The werkcoach reads (view
only). The beleidsmedewerker sees no person-level data. The functioneel beheerder
maintains the list of cost types.

The permissions of the maatschappelijke-begeleiding models (``casefiles.begeleiding``)
are declared with the other casefiles permissions in ``casefiles/permissions.py``.
"""

from casefiles.choices import Rol

_ONTZORGEN_MODELS = ("ontzorgingsplan", "vastelast", "betaling", "batch")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.CONSULENT: [
        *(f"ontzorgen.{a}_{m}" for m in _ONTZORGEN_MODELS for a in ("view", "add", "change")),
        "ontzorgen.export_batch",
        "ontzorgen.view_vastelastsoort",
        # the withholding instruction for the benefits administration (issue 18)
        "ontzorgen.view_inhoudingsopdracht",
        "ontzorgen.add_inhoudingsopdracht",
        "ontzorgen.export_inhouding",
    ],
    Rol.WERKCOACH: [
        *(f"ontzorgen.view_{m}" for m in _ONTZORGEN_MODELS),
        "ontzorgen.view_vastelastsoort",
    ],
    Rol.BELEID: [],
    Rol.BEHEER: [
        "ontzorgen.view_vastelastsoort",
        "ontzorgen.add_vastelastsoort",
        "ontzorgen.change_vastelastsoort",
    ],
}
