"""``{% duo_pip_status versie as st %}``: the DUO message of a vastgestelde PIP
version, for the PIP page ("Verzonden naar DUO" / "Wacht op verzending" / refusal)."""

from django import template

register = template.Library()


@register.simple_tag
def duo_pip_status(versie):
    if versie is None or getattr(versie, "status", "") != "vastgesteld":
        return None
    from duo.outbound.selectors import pip_bericht

    return pip_bericht(versie=versie)
