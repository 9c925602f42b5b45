"""The DUO koppeling on the policy dashboard (monitoring): how many messages DUO
refused. Registered in the monitoring indicator registry when the duo app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from monitoring.choices import Eenheid, Richting
from monitoring.indicators.base import Filters, Waarde, indicator

from .models import BerichtStatus, DuoBericht

G_DUO = _("DUO-koppeling")


@indicator(
    "duo_geweigerd",
    _("Berichten geweigerd door DUO"),
    eenheid=Eenheid.AANTAL,
    richting=Richting.LAGER,
    groep=G_DUO,
    bron="DUO M2M: antwoorden 4xx op berichten van de gemeente (duo.DuoBericht)",
)
def duo_geweigerd(f: Filters) -> list[Waarde]:
    """Messages to DUO (PIP, contactpersoon, MAP, PVT, Z-route, uren, aanbod) created in
    the period that DUO refused with a 4xx, and those not sent because they break one
    of DUO's published rules. An operational count, not about persons: never
    suppressed. The functioneel beheerder retries them from 'Mislukte berichten aan
    DUO'."""
    qs = DuoBericht.objects.filter(
        gemeente_id__in=f.gemeente_ids,
        aangemaakt_op__date__gte=f.van,
        aangemaakt_op__date__lte=f.tot,
    )
    geweigerd = qs.filter(status=BerichtStatus.GEWEIGERD).count()
    ongeldig = qs.filter(status=BerichtStatus.ONGELDIG).count()
    return [
        Waarde(geweigerd, None, "geweigerd", str(_("geweigerd door DUO"))),
        Waarde(ongeldig, None, "ongeldig", str(_("niet verzonden (regels van DUO)"))),
    ]
