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


class CorrectieVerzoekForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        from ..models import CorrectieVerzoek

        model = CorrectieVerzoek
        fields = ["onderdeel", "verzoek", "ontvangen_op"]
        widgets = {"ontvangen_op": DateInput(), "verzoek": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ontvangen_op", timezone.localdate())
        super().__init__(*args, **kwargs)


class CorrectieBesluitForm(StyledFormMixin, forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            ("gecorrigeerd", _("Gecorrigeerd: de gegevens zijn verbeterd")),
            ("afgewezen", _("Afgewezen: de gegevens blijven zoals ze zijn")),
        ],
        widget=forms.RadioSelect,
    )
    wijziging = forms.TypedChoiceField(
        label=_("Welke wijziging lost het verzoek op?"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Alleen bij gecorrigeerd. Maak de correctie eerst in het scherm van het onderdeel."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de brief"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Korte zinnen, B1. Komt in de brief aan de inburgeraar."),
    )

    def __init__(self, *args, wijzigingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijziging"].choices = [
            (
                w.history_id,
                f"{timezone.localtime(w.moment):%d-%m-%Y %H:%M} · {w.door} · "
                + "; ".join(
                    f"{label}: {voor or '(leeg)'} → {na or '(leeg)'}"
                    for label, voor, na in w.velden
                ),
            )
            for w in wijzigingen
        ]
