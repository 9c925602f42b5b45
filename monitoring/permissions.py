"""Which role may do what with monitoring (merged into the role groups after migrate).

The beleidsmedewerker sees the dashboard (aggregates only), exports it, reads the
quarterly snapshots and maintains the budget tables — and holds NOTHING on dossiers.
The functioneel beheerder may maintain the budget tables too (reference data)."""

from casefiles.choices import Rol

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.BELEID: [
        "monitoring.view_dashboard",
        "monitoring.view_indicatorsnapshot",
        "monitoring.view_budgetregel",
        "monitoring.add_budgetregel",
        "monitoring.change_budgetregel",
        "monitoring.delete_budgetregel",
        "monitoring.view_kostenbudget",
        "monitoring.add_kostenbudget",
        "monitoring.change_kostenbudget",
        "monitoring.delete_kostenbudget",
    ],
    Rol.BEHEER: [
        "monitoring.view_budgetregel",
        "monitoring.add_budgetregel",
        "monitoring.change_budgetregel",
        "monitoring.view_kostenbudget",
        "monitoring.add_kostenbudget",
        "monitoring.change_kostenbudget",
    ],
}
