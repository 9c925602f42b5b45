"""Forms for participation activities, outcomes and the participatieladder."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casefiles.choices import ActiviteitSoort, Contractsoort, LadderBron, UitstroomSoort
from casefiles.forms import DateInput, StyledFormMixin
from casefiles.locking import LockedFormMixin

TREDEN = [
    (1, _("1 — geïsoleerd")),
    (2, _("2 — sociale contacten buiten de deur")),
    (3, _("3 — deelname georganiseerde activiteiten")),
    (4, _("4 — onbetaald werk")),
    (5, _("5 — betaald werk met ondersteuning")),
    (6, _("6 — betaald werk")),
]


class ActiviteitForm(LockedFormMixin, StyledFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Soort activiteit"), choices=ActiviteitSoort.choices)
    organisatie = forms.CharField(label=_("Organisatie"), required=False, max_length=200)
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=300)
    start = forms.DateField(label=_("Start"), widget=DateInput())
    eind = forms.DateField(label=_("Einde"), required=False, widget=DateInput())
    uren_per_week = forms.DecimalField(
        label=_("Uren per week"),
        required=False,
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=60,
    )
    contract = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=Contractsoort.choices,
        help_text=_("Alleen bij betaald werk."),
    )
    opleidingsniveau = forms.CharField(
        label=_("Opleidingsniveau"),
        required=False,
        max_length=50,
        help_text=_("Alleen bij een opleiding, bijvoorbeeld mbo-2."),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("eind") and data["eind"] < data["start"]:
            self.add_error("eind", _("Het einde kan niet voor de start liggen."))
        if data.get("soort") == ActiviteitSoort.BETAALD_WERK and not data.get("contract"):
            self.add_error("contract", _("Kies het soort contract bij betaald werk."))
        return data


class UitstroomForm(StyledFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Soort uitstroom"), choices=UitstroomSoort.choices)
    datum = forms.DateField(label=_("Datum"), widget=DateInput())
    einddatum = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class LadderForm(StyledFormMixin, forms.Form):
    datum = forms.DateField(label=_("Datum meting"), widget=DateInput())
    trede = forms.TypedChoiceField(label=_("Trede"), choices=TREDEN, coerce=int)
    bron = forms.ChoiceField(label=_("Bron"), choices=LadderBron.choices)
