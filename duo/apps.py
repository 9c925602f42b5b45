from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "duo"
    verbose_name = _("DUO-koppeling")

    def ready(self) -> None:
        from casefiles.tabs import DossierTab, register_tab

        from . import indicators, signals  # noqa: F401  (indicators registers itself)

        signals.connect()
        register_tab(DossierTab("duo", _("DUO"), "duo:tab", 88))

        # duo.inbound: the outbox handler of DUO's notifications and the dossier tab
        # "Bij DUO opvragen"
        from .inbound import tabs, tasks  # noqa: F401

        register_inzage_section()


def register_inzage_section() -> None:
    """The DUO messages and notifications of a person in the AVG inzage export
    (privacy.inzage, issue 17): what we sent DUO about them and what DUO told us."""
    from privacy.inzage.sections import exclude_model, records_of, register_section

    from .inbound.models import Notificatie
    from .models import DuoBericht

    def verzamel(bron):
        return records_of(
            DuoBericht.objects.filter(dossier_id__in=bron.dossier_ids),
            exclude=("dedup_key", "outbox_job"),
        ) + records_of(Notificatie.objects.filter(dossier_id__in=bron.dossier_ids))

    register_section(
        "duo",
        _("Berichten met DUO"),
        verzamel,
        models=[DuoBericht, Notificatie],
        uitleg=_(
            "Wij wisselen gegevens over uw inburgering uit met DUO. Hier staat wat wij DUO "
            "stuurden, wat DUO antwoordde en wat DUO ons liet weten."
        ),
        volgorde=125,
    )
    exclude_model(
        "duo.DuoContactpersoon",
        "Het nummer dat DUO aan een medewerker van de gemeente gaf; geen gegevens over u.",
    )
