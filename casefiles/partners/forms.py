"""Forms of partner access."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casefiles.choices import (
    ContactSoort,
    DeelOnderdeel,
    MBIntensiteit,
    MBOnderwerp,
    ToestemmingVorm,
    VerwijzingStatus,
)
from casefiles.forms import DateInput, DateTimeInput, StyledFormMixin


class DelingForm(StyledFormMixin, forms.Form):
    partner = forms.ModelChoiceField(label=_("Delen met ketenpartner"), queryset=None)
    onderdelen = forms.MultipleChoiceField(
        label=_("Welke onderdelen"),
        choices=DeelOnderdeel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Gezondheid, handhaving en betalingen worden nooit gedeeld."),
    )
    toestemming_datum = forms.DateField(label=_("Toestemming gegeven op"), widget=DateInput())
    toestemming_vorm = forms.ChoiceField(
        label=_("Vorm van de toestemming"), choices=ToestemmingVorm.choices
    )
    toestemming_toelichting = forms.CharField(
        label=_("Toelichting toestemming"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: getekend formulier staat bij de documenten."),
    )
    geldig_van = forms.DateField(label=_("Delen vanaf"), widget=DateInput())
    geldig_tot = forms.DateField(label=_("Delen tot en met"), widget=DateInput())

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["onderdelen"].widget.attrs = {}


class IntrekkenForm(StyledFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van de intrekking"),
        max_length=300,
        help_text=_("Bijvoorbeeld: de inburgeraar trekt de toestemming in."),
    )


class PartnerContactmomentForm(StyledFormMixin, forms.Form):
    datum = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput())
    soort = forms.ChoiceField(label=_("Soort contact"), choices=ContactSoort.choices)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    verslag = forms.CharField(label=_("Verslag"), required=False, widget=forms.Textarea)


class TerugkoppelingForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=VerwijzingStatus.choices)
    terugkoppeling = forms.CharField(
        label=_("Terugkoppeling aan de gemeente"), widget=forms.Textarea(attrs={"rows": 4})
    )


class PartnerBegeleidingForm(StyledFormMixin, forms.Form):
    intensiteit = forms.ChoiceField(label=_("Intensiteit"), choices=MBIntensiteit.choices)
    vrijwilligers = forms.CharField(
        label=_("Betrokken vrijwilligers"), required=False, max_length=300
    )
    onderwerpen = forms.MultipleChoiceField(
        label=_("Besproken onderwerpen"),
        choices=MBOnderwerp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerpen"].widget.attrs = {}
