"""The one decorator every ketenpartner page goes through, and the role's rights.

1. anonymous → login; 2. without the ketenpartner permission → 403; 3. a dossier
not actively shared with one of the user's organisations (another organisation,
consent withdrawn or expired, never shared) → 404; a part not in the share → 404;
4. an access-log row with the organisation (``ketenpartner_id``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from casefiles.choices import AccessAction

PARTNER_PERM = "casefiles.partner_portaal"
DOEL = "gedeeld met ketenpartner op toestemming"


def partner_dossier_view(
    *,
    onderdeel: str,
    deel: str | None = None,
    post_action: str = AccessAction.UPDATE,
) -> Callable:
    """Wrap a ketenpartner view about one shared dossier (URL kwarg ``dossier_pk``).
    The view is called as ``view(request, deling, **kwargs)``. ``deel`` is the
    :class:`~casefiles.choices.DeelOnderdeel` the page needs."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request, dossier_pk: int, *args, **kwargs):
            from casefiles.services import access_log_record

            from .selectors import deling_get

            if not request.user.has_perm(PARTNER_PERM):
                raise PermissionDenied
            deling = deling_get(user=request.user, dossier_pk=dossier_pk)
            if deel is not None and not deling.deelt(deel):
                raise Http404
            access_log_record(
                user=request.user,
                dossier=deling.dossier,
                action=post_action if request.method == "POST" else AccessAction.VIEW,
                onderdeel=f"partner.{onderdeel}",
                doel=DOEL,
                object_id=f"deling-{deling.pk}",
                ketenpartner_id=deling.partner_id,
                request=request,
            )
            return view(request, deling, *args, **kwargs)

        return wrapped

    return decorator
