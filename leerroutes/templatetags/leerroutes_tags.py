from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def breedte(percent) -> str:
    """CSS class for a progress bar width, rounded down to 5 % (CSP forbids inline styles)."""
    try:
        p = max(0, min(100, int(percent)))
    except (TypeError, ValueError):
        p = 0
    return f"lr-w-{p - p % 5}"


@register.filter
def uren(value) -> str:
    """Hours in Dutch notation: 12,5 (whole hours without decimals)."""
    if value is None or value == "":
        return "0"
    d = Decimal(value)
    if d == d.to_integral():
        return f"{int(d):,}".replace(",", ".")
    return f"{d:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


@register.filter
def procent_van(gedaan, nodig) -> int:
    try:
        return min(100, int(Decimal(gedaan) * 100 / Decimal(nodig))) if nodig else 100
    except (TypeError, ValueError, ArithmeticError):
        return 0


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
