"""Forms of ontzorgen. A form with an error keeps what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban

from casefiles.forms import DateInput, StyledFormMixin
from casefiles.locking import LockedFormMixin

from .choices import BetalingStatus
from .models import Ontzorgingsplan, VasteLast


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    """A month (``YYYY-MM``) stored as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        d = super().to_python(value)
        return d.replace(day=1) if d else d


class PlanForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Ontzorgingsplan
        fields = [
            "geplande_eind",
            "verlenging_reden",
            "uitvoerder",
            "budgetbeheer_partner",
            "machtiging_ontvangen_op",
            "training_cursus",
            "training_status",
            "eind",
        ]
        widgets = {
            "geplande_eind": DateInput(),
            "machtiging_ontvangen_op": DateInput(),
            "eind": DateInput(),
            "verlenging_reden": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partners=None, nieuw: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["budgetbeheer_partner"].queryset = partners
        if nieuw:
            del self.fields["eind"]


class VasteLastForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    afbouw_maand = MonthField(
        label=_("zelf betalen vanaf (maand)"),
        required=False,
        help_text=_(
            "Vanaf deze maand betaalt de inburgeraar deze last zelf (afbouw). Leeg: "
            "de gemeente betaalt tot het einde van het plan."
        ),
    )

    class Meta:
        model = VasteLast
        fields = [
            "soort",
            "crediteur_naam",
            "iban",
            "betalingskenmerk",
            "bedrag",
            "betaaldag",
            "start",
            "eind",
            "afbouw_maand",
        ]
        widgets = {
            "start": DateInput(),
            "eind": DateInput(),
            "bedrag": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }
        localized_fields = ["bedrag"]

    def __init__(self, *args, soorten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if soorten is not None:
            self.fields["soort"].queryset = soorten

    def clean_iban(self):
        value = self.cleaned_data["iban"]
        return stdnum_iban.compact(value) if value else value

    def clean_bedrag(self):
        bedrag = self.cleaned_data.get("bedrag")
        if bedrag is not None and bedrag <= 0:
            raise forms.ValidationError(
                _("Het bedrag moet groter zijn dan € 0,00."), code="niet_positief"
            )
        return bedrag


class BetalingStatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[
            ("", _("— kies —")),
            (BetalingStatus.BETAALD, BetalingStatus.BETAALD.label),
            (BetalingStatus.MISLUKT, BetalingStatus.MISLUKT.label),
            (BetalingStatus.GESTORNEERD, BetalingStatus.GESTORNEERD.label),
            (BetalingStatus.GEPLAND, _("Opnieuw plannen")),
        ],
    )
    reden = forms.CharField(label=_("Reden (van de bank)"), required=False, max_length=300)


class BatchMakenForm(forms.Form):
    gemeente = forms.IntegerField(widget=forms.HiddenInput)
    uitvoerdatum = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])


class BatchBetaaldForm(StyledFormMixin, forms.Form):
    betaald_op = forms.DateField(label=_("Betaald op"), required=False, widget=DateInput())
