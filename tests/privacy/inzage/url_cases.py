from tests.permission_helper import UrlCase
from tests.privacy.inzage.helpers import verzoek_gereed


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
]
