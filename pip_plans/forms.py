"""Forms of the PIP pages. A bound form with errors keeps what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casefiles.forms import DateInput, StaffChoiceField, StyledFormMixin
from casefiles.locking import LockedFormMixin

from .choices import DoelUitkomst, HandhavingSoort, Verplichting, WijzigingReden
from .models import PipDoel, PipVersie


class PipVersieForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    """The content of a concept. Vastgestelde versions never get this form. The
    hidden ``bewerkversie`` (with the goals in its fingerprint) stops two werkcoaches
    from overwriting each other's concept."""

    class Meta:
        model = PipVersie
        fields = [
            "reden",
            "reden_toelichting",
            "leerroute",
            "niveau",
            "geschatte_intensiteit_b1",
            "alfabetisering",
            "mag_opleiding_afmaken",
            "aanbieder",
            "motivatie",
            "pvt_uren",
            "pvt_afspraken",
            "map_uren",
            "map_afspraken",
            "mb_duur_maanden",
            "mb_intensiteit",
            "ontzorgen",
            "ontzorgen_afspraken",
            "participatiewet",
        ]
        widgets = {
            "reden_toelichting": forms.Textarea(attrs={"rows": 2}),
            "motivatie": forms.Textarea(attrs={"rows": 5}),
            "pvt_afspraken": forms.Textarea(attrs={"rows": 2}),
            "map_afspraken": forms.Textarea(attrs={"rows": 2}),
            "ontzorgen_afspraken": forms.Textarea(attrs={"rows": 2}),
            "participatiewet": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk and not self.instance.is_concept:
            for f in self.fields.values():
                f.disabled = True
        aanbieder = self.fields["aanbieder"]
        if dossier is not None:
            aanbieder.queryset = aanbieder.queryset.filter(gemeenten=dossier.gemeente)
            if not dossier.is_asiel:
                for naam in (
                    "mb_duur_maanden",
                    "mb_intensiteit",
                    "ontzorgen",
                    "ontzorgen_afspraken",
                ):
                    self.fields[naam].help_text = _(
                        "Niet van toepassing: alleen voor asielstatushouders."
                    )


class PipDoelForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PipDoel
        fields = ["levensdomein", "doel", "acties", "wie", "streefdatum", "partner"]
        widgets = {
            "acties": forms.Textarea(attrs={"rows": 2}),
            "streefdatum": DateInput(),
        }


DoelFormSet = forms.modelformset_factory(
    PipDoel, form=PipDoelForm, extra=1, can_delete=True, max_num=30
)


class VaststellenForm(StyledFormMixin, forms.Form):
    dagtekening = forms.DateField(
        label=_("Dagtekening"),
        widget=DateInput(),
        help_text=_("De datum die op de beschikking staat."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"dagtekening": timezone.localdate()})
        super().__init__(*args, **kwargs)


class WijzigenForm(StyledFormMixin, forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden van de wijziging"),
        choices=[c for c in WijzigingReden.choices if c[0] != WijzigingReden.INITIEEL],
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BekendmakingForm(StyledFormMixin, forms.Form):
    bekendgemaakt_op = forms.DateField(label=_("Verzonden op"), required=False, widget=DateInput())
    ondertekend_op = forms.DateField(
        label=_("Ondertekend door inburgeraar op"), required=False, widget=DateInput()
    )


class IntrekkenForm(StyledFormMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden van de intrekking"), widget=forms.Textarea(attrs={"rows": 2})
    )


class HerplannenForm(StyledFormMixin, forms.Form):
    datum = forms.DateField(label=_("Nieuwe datum"), widget=DateInput())
    reden = forms.CharField(label=_("Reden"), required=False, max_length=300)


class GesprekForm(StyledFormMixin, forms.Form):
    """Record a held gesprek; one outcome field per goal of the PIP."""

    gehouden_op = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    gevoerd_door = StaffChoiceField(label=_("Gevoerd door"), queryset=None, required=False)
    aanwezigen = forms.CharField(label=_("Andere aanwezigen"), required=False, max_length=300)
    tolk = forms.BooleanField(label=_("Er was een tolk"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), required=False, max_length=100)
    notities = forms.CharField(
        label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    vervolgstappen = forms.CharField(
        label=_("Vervolgstappen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_wijziging = forms.BooleanField(
        label=_("Start een PIP-wijziging (nieuw concept)"), required=False
    )

    def __init__(self, *args, staff, doelen, **kwargs):
        kwargs.setdefault("initial", {"gehouden_op": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["gevoerd_door"].queryset = staff
        self.doelen = list(doelen)
        for d in self.doelen:
            self.fields[f"uitkomst_{d.pk}"] = forms.ChoiceField(
                label=f"{d.get_levensdomein_display()}: {d.doel}",
                choices=[("", _("— niet besproken —")), *DoelUitkomst.choices],
                required=False,
            )
            self.fields[f"toelichting_{d.pk}"] = forms.CharField(
                label=_("Toelichting"), required=False, max_length=300
            )
        # StyledFormMixin ran before the dynamic fields were added.
        for naam, f in self.fields.items():
            if naam.startswith(("uitkomst_", "toelichting_")):
                css = (
                    "utrecht-select utrecht-select--html-select"
                    if naam.startswith("uitkomst_")
                    else "utrecht-textbox utrecht-textbox--html-input"
                )
                f.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        if data.get("tolk") and not data.get("tolk_taal"):
            self.add_error("tolk_taal", _("Geef aan in welke taal getolkt is."))
        return data

    def doel_velden(self):
        return [(d, self[f"uitkomst_{d.pk}"], self[f"toelichting_{d.pk}"]) for d in self.doelen]


class HandhavingForm(StyledFormMixin, forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("— kies —")), *HandhavingSoort.choices]
    )
    verplichting = forms.ChoiceField(
        label=_("Welke verplichting is niet nagekomen?"),
        choices=[("", _("— kies —")), *Verplichting.choices],
    )
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er gebeurd? Hoe is de persoon vooraf geïnformeerd?"),
    )
    datum_overtreding = forms.DateField(
        label=_("Datum overtreding"), required=False, widget=DateInput()
    )
    datum = forms.DateField(label=_("Datum besluit"), widget=DateInput())
    bedrag = forms.DecimalField(
        label=_("Bedrag (alleen bij een boete)"),
        required=False,
        max_digits=7,
        decimal_places=2,
        min_value=0,
        help_text=_("Maximaal € 800,00."),
    )
    bekendgemaakt_op = forms.DateField(label=_("Verzonden op"), required=False, widget=DateInput())
