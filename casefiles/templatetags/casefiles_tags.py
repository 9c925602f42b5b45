from django import template
from django.utils import timezone

from casefiles.rules import DEADLINE_WAARSCHUWING_DAGEN, days_left

register = template.Library()


@register.simple_tag(takes_context=True)
def dagen_tot(context, deadline):
    today = context.get("today") or timezone.localdate()
    return days_left(deadline, today)


@register.simple_tag(takes_context=True)
def deadline_badge(context, deadline):
    """The badge of a deadline: "3 dagen te laat", "vandaag", "nog 2 dagen" (warning
    within a week). A tag instead of an include (casefiles/partials/_deadline.html
    calls it): the werkvoorraad shows 40 of them (issue 16)."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    dagen = dagen_tot(context, deadline)
    if dagen < 0:
        return format_html(
            '<span class="app-badge app-badge--danger">{} dag{} te laat</span>',
            -dagen,
            "" if dagen == -1 else "en",
        )
    if dagen == 0:
        return mark_safe('<span class="app-badge app-badge--warning">vandaag</span>')  # noqa: S308 - a constant
    if dagen <= DEADLINE_WAARSCHUWING_DAGEN:
        return format_html(
            '<span class="app-badge app-badge--warning">nog {} dag{}</span>',
            dagen,
            "" if dagen == 1 else "en",
        )
    return format_html('<span class="app-badge">nog {} dagen</span>', dagen)


@register.simple_tag
def dossier_url(url_name, dossier_pk):
    """``{% url url_name dossier_pk=… %}`` for a page of one dossier, without a
    reverse per row (casefiles.tabs.dossier_url)."""
    from casefiles.tabs import dossier_url as url

    return url(url_name, dossier_pk)


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


@register.simple_tag
def sorteer_kop(label, sleutel, sortering, query="", num=False):
    """A sortable column header: a link that sorts by ``sleutel`` (again: reversed),
    with ``aria-sort`` on the column that is sorted now. ``query`` holds the other
    parameters of the page (without ``sort``)."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    actief = sortering.lstrip("-") == sleutel
    oplopend = actief and not sortering.startswith("-")
    volgende = f"-{sleutel}" if oplopend else sleutel
    scheiding = "&" if query else "?"
    aria = ("ascending" if oplopend else "descending") if actief else "none"
    pijl = ("▲" if oplopend else "▼") if actief else ""
    richting = "" if not actief else (" (oplopend)" if oplopend else " (aflopend)")
    return format_html(
        '<th scope="col" aria-sort="{}"{}><a class="app-sorteer" href="{}{}sort={}">{}'
        '<span class="app-visually-hidden">{}, sorteren</span>'
        ' <span aria-hidden="true">{}</span></a></th>',
        aria,
        mark_safe(' class="app-num"') if num else "",  # noqa: S308 - a constant
        query,
        scheiding,
        volgende,
        label,
        richting,
        pijl,
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")


@register.filter
def foutenlijst(form):
    """The errors of ``form`` as a list for the error summary (casefiles.forms.foutenlijst)."""
    from casefiles.foutoverzicht import foutenlijst as lijst

    return lijst(form)


@register.filter
def veld(bound_field):
    """Render a form field's widget with ``aria-invalid`` and ``aria-describedby``
    pointing at its error and help text (includes/field.html), so a screen reader
    reads both when the field gets focus."""
    attrs = {}
    beschreven = []
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        beschreven.append(f"{bound_field.auto_id}_fout")
    if bound_field.help_text:
        beschreven.append(f"{bound_field.auto_id}_helptext")
    bestaand = bound_field.field.widget.attrs.get("aria-describedby")
    if bestaand:
        beschreven.insert(0, bestaand)
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    html = bound_field.as_widget(attrs=attrs)
    if bound_field.field.show_hidden_initial:
        html += bound_field.as_hidden(only_initial=True)
    return html
