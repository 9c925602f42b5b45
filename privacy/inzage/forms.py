"""The inzage request form: the BSN is typed here (POST), never put in a URL."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.forms import DateInput, StyledFormMixin


class InzageVerzoekForm(StyledFormMixin, forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de inburgeraar"),
        max_length=11,
        help_text=_("9 cijfers. Het BSN wordt niet bewaard in het verzoek of in een adres."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=None, empty_label=None)
    ontvangen_op = forms.DateField(
        label=_("Verzoek ontvangen op"),
        help_text=_("Wij moeten binnen één maand antwoorden (AVG artikel 12, lid 3)."),
        widget=DateInput(),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ontvangen_op", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
