"""The filter form of the dashboard (GET) and of the export command."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Doelgroep, Leerroute
from casefiles.models import Gemeente

from .indicators import Filters
from .indicators.base import toegestane_gemeenten


class DashboardFilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten waarvoor u werkt"),
    )
    van = forms.DateField(
        label=_("Periode van"),
        required=False,
        # ISO: the only value a date input understands (the locale format shows empty)
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    tot = forms.DateField(
        label=_("tot en met"),
        required=False,
        # ISO: the only value a date input understands (the locale format shows empty)
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    cohort = forms.TypedChoiceField(
        label=_("Cohort (jaar start plicht)"), required=False, coerce=int, empty_value=None
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"), required=False, choices=[("", _("Alle"))] + Doelgroep.choices
    )
    leerroute = forms.ChoiceField(
        label=_("Leerroute"), required=False, choices=[("", _("Alle"))] + Leerroute.choices
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["gemeente"].queryset = Gemeente.objects.filter(
            pk__in=toegestane_gemeenten(user)
        ).order_by("naam")
        vandaag = timezone.localdate()
        this_year = vandaag.year
        # the default period of filters(), shown in the fields
        self.fields["van"].initial = date(this_year, 1, 1)
        self.fields["tot"].initial = vandaag
        self.fields["cohort"].choices = [("", _("Alle"))] + [
            (y, str(y)) for y in range(this_year, 2019, -1)
        ]

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Het einde van de periode ligt voor het begin."))
        return data

    def filters(self) -> Filters:
        """Filters from valid input; defaults: this calendar year up to today."""
        data = self.cleaned_data if self.is_valid() else {}
        vandaag = timezone.localdate()
        gemeente = data.get("gemeente")
        return Filters.for_user(
            self.user,
            gemeente_ids=[gemeente.pk] if gemeente else None,
            van=data.get("van") or date(vandaag.year, 1, 1),
            tot=data.get("tot") or vandaag,
            cohort=data.get("cohort"),
            doelgroep=data.get("doelgroep") or "",
            leerroute=data.get("leerroute") or "",
        )
