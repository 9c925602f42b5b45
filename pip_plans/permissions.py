"""Which role may do what with the PIP (merged into the role groups after migrate)."""

from casefiles.choices import Rol

ROLE_PERMISSIONS = {
    Rol.WERKCOACH: [
        "pip_plans.view_pipversie",
        "pip_plans.add_pipversie",
        "pip_plans.change_pipversie",
        "pip_plans.delete_pipversie",
        "pip_plans.vaststellen_pipversie",
        "pip_plans.view_pipbrief",
        "pip_plans.view_voortgangsgesprek",
        "pip_plans.change_voortgangsgesprek",
        "pip_plans.view_handhaving",
        "pip_plans.add_handhaving",
    ],
    Rol.CONSULENT: [
        "pip_plans.view_pipversie",
        "pip_plans.view_pipbrief",
        "pip_plans.view_voortgangsgesprek",
        "pip_plans.view_handhaving",
    ],
    Rol.BELEID: [],
    # The functioneel beheerder never reads case content (issue 12): no PIP rights.
    Rol.BEHEER: [],
}
