from django import template
from django.utils import timezone

from casefiles.rules import days_left

register = template.Library()


@register.simple_tag(takes_context=True)
def dagen_tot(context, deadline):
    today = context.get("today") or timezone.localdate()
    return days_left(deadline, today)


@register.filter
def absolute(value):
    return abs(value)


@register.filter
def euro(value):
    """€ 1.234,56 (Dutch notation)."""
    if value is None or value == "":
        return ""
    formatted = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {formatted}"
