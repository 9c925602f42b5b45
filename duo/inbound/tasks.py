"""The outbox handler of DUO's notifications (registered by duo.apps.DuoConfig.ready)."""

from casefiles import outbox

from .services import OUTBOX_KIND


@outbox.handler(OUTBOX_KIND)
def duo_notificatie(*, notificatie_id: int) -> None:
    from .events import notificatie_verwerken

    notificatie_verwerken(notificatie_id=notificatie_id)
