from django import template

from casefiles.choices import Leerroute

register = template.Library()


@register.filter
def leerroute_label(value):
    """The Dutch label of a Leerroute value ("b1" → "B1-route")."""
    try:
        return Leerroute(value).label
    except ValueError:
        return value or ""
