from tests.permission_helper import UrlCase
from tests.privacy.inzage.helpers import verzoek_gereed


def _correctie(w):
    from django.utils import timezone

    from privacy.inzage.correctie import correctie_registreren

    verzoek = correctie_registreren(
        actor=w.werkcoach,
        dossier=w.dossier,
        onderdeel="persoon",
        verzoek="Mijn achternaam is verkeerd gespeld.",
        ontvangen_op=timezone.localdate(),
    )
    return {"dossier_pk": w.dossier.pk, "pk": verzoek.pk}


def _verzoek(w):
    verzoek = verzoek_gereed(actor=w.privacy, inburgeraar=w.dossier.inburgeraar)
    return {"pk": verzoek.pk}


CASES = [
    # the list shows the requests of the own gemeenten (and logs the dossiers shown)
    UrlCase(
        "privacy:inzage_lijst",
        permitted="privacy",
        no_perm="werkcoach",
        other_gemeente=None,
        setup=lambda w: _verzoek(w),
    ),
    # download once, by the requester; the privacy officer of another gemeente → 404
    UrlCase(
        "privacy:inzage_download",
        kwargs=_verzoek,
        permitted="privacy",
        no_perm="werkcoach",
        other_gemeente="privacy_elders",
        method="post",
    ),
    # correction requests live on the dossier: its case workers, not the privacy role
    UrlCase("privacy:correctie_tab", kwargs=lambda w: {"dossier_pk": w.dossier.pk}),
    UrlCase(
        "privacy:correctie_tab",
        kwargs=lambda w: {"dossier_pk": w.dossier.pk},
        permitted="consulent",
        method="post",
        data=lambda w: {
            "onderdeel": "intake",
            "verzoek": "De opleiding in de intake klopt niet.",
            "ontvangen_op": "2026-01-05",
        },
        ok_status=(302,),
    ),
    UrlCase("privacy:correctie_detail", kwargs=_correctie),
]
