"""Forms of maatschappelijke begeleiding and referrals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casefiles.choices import MBEindreden, MBOnderwerp, Overdracht, VerwijzingStatus
from casefiles.forms import DateInput, StaffChoiceField, StyledFormMixin
from casefiles.locking import LockedFormMixin
from casefiles.models import MaatschappelijkeBegeleiding, Verwijzing


class BegeleidingForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    onderwerpen = forms.MultipleChoiceField(
        label=_("Besproken onderwerpen"),
        choices=MBOnderwerp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MaatschappelijkeBegeleiding
        fields = [
            "start",
            "geplande_eind",
            "consulent",
            "intensiteit",
            "vrijwilligers",
            "onderwerpen",
        ]
        widgets = {"start": DateInput(), "geplande_eind": DateInput()}

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geplande_eind"].required = False
        self.fields["geplande_eind"].help_text = _(
            "Leeg laten: start plus de duur die de gemeente hanteert."
        )
        self.fields["onderwerpen"].widget.attrs = {}
        if staff is not None:
            self.fields["consulent"] = StaffChoiceField(
                queryset=staff,
                required=self.fields["consulent"].required,
                label=self.fields["consulent"].label,
            )
            self.apply_styles()

    def _post_clean(self):
        # The service fills the planned end and validates; skip model validation here
        # when it is still empty.
        if self.cleaned_data.get("geplande_eind"):
            super()._post_clean()


class BeeindigenForm(StyledFormMixin, forms.Form):
    eind = forms.DateField(label=_("Einddatum"), widget=DateInput())
    eind_reden = forms.ChoiceField(
        label=_("Reden einde"), choices=[("", "—"), *MBEindreden.choices]
    )
    overdracht = forms.ChoiceField(
        label=_("Overdracht naar"), choices=[("", "—"), *Overdracht.choices]
    )
    overdracht_toelichting = forms.CharField(
        label=_("Toelichting overdracht"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class VerwijzingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Verwijzing
        fields = ["partner", "datum", "reden"]
        widgets = {"datum": DateInput()}

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class VerwijzingStatusForm(LockedFormMixin, StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=VerwijzingStatus.choices)
    terugkoppeling = forms.CharField(
        label=_("Terugkoppeling van de partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
