"""Forms of the brede intake: one per section, so each saves on its own."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Leerroute, Levensdomein
from casefiles.forms import DateInput, StyledFormMixin
from casefiles.locking import LockedFormMixin

from . import rules
from .choices import DoelInzage, IntakeLocatie, IntakeStatus
from .models import BredeIntake, IntakeGezondheid, Werkervaring
from .services import SECTIES

TEXTAREA_ROWS = 3


class IntakeNieuwForm(StyledFormMixin, forms.Form):
    datum = forms.DateField(label=_("Startdatum"), widget=DateInput())
    locatie = forms.ChoiceField(label=_("Locatie"), choices=IntakeLocatie.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (IntakeStatus.GEPLAND, _("Gepland")),
            (IntakeStatus.LOPEND, _("Begint nu (lopend)")),
        ],
    )
    tolk_ingezet = forms.BooleanField(label=_("Tolk ingezet"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), required=False, max_length=100)

    def clean(self):
        data = super().clean()
        if data.get("tolk_ingezet") and not data.get("tolk_taal"):
            self.add_error("tolk_taal", _("Geef aan in welke taal de tolk vertaalde."))
        return data


def _sectie_form(sectie: str) -> type[forms.ModelForm]:
    velden = SECTIES[sectie][1]
    widgets = {}
    for naam in velden:
        field = BredeIntake._meta.get_field(naam)
        if field.get_internal_type() == "DateField":
            widgets[naam] = DateInput()
        elif field.get_internal_type() == "TextField":
            widgets[naam] = forms.Textarea(attrs={"rows": TEXTAREA_ROWS})
    meta = type("Meta", (), {"model": BredeIntake, "fields": velden, "widgets": widgets})
    return type(
        f"{sectie.title()}SectieForm",
        (LockedFormMixin, StyledFormMixin, forms.ModelForm),
        {"Meta": meta},
    )


SECTIE_FORMS: dict[str, type[forms.ModelForm]] = {s: _sectie_form(s) for s in SECTIES}


class WerkervaringForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Werkervaring
        fields = ["beroep", "jaren", "land", "toelichting"]


class LevensdomeinenForm(StyledFormMixin, forms.Form):
    """Score (1–5) and notes for each of the five life domains."""

    SCORES = [
        ("", _("— geen score —")),
        ("1", _("1 – acute problematiek")),
        ("2", _("2 – niet zelfredzaam")),
        ("3", _("3 – beperkt zelfredzaam")),
        ("4", _("4 – voldoende zelfredzaam")),
        ("5", _("5 – volledig zelfredzaam")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for domein in Levensdomein:
            self.fields[f"score_{domein.value}"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=self.SCORES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"toelichting_{domein.value}"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=(
                    _("Geen medische gegevens: die horen in het onderdeel gezondheid.")
                    if domein == Levensdomein.WELBEVINDEN
                    else ""
                ),
            )
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.Select):
                w.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(w, forms.Textarea):
                w.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")

    def domeinen(self):
        """(domein, label, score field, notes field) per domain, for the template."""
        return [
            (d.value, d.label, self[f"score_{d.value}"], self[f"toelichting_{d.value}"])
            for d in Levensdomein
        ]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        c = self.cleaned_data
        return {
            d.value: (c.get(f"score_{d.value}"), c.get(f"toelichting_{d.value}", ""))
            for d in Levensdomein
        }

    @staticmethod
    def initial_from(scores) -> dict:
        initial = {}
        for s in scores:
            initial[f"score_{s.domein}"] = s.score
            initial[f"toelichting_{s.domein}"] = s.toelichting
        return initial


def _route_niveau_choices():
    return [("", _("— kies —"))] + [
        (f"{r}:{n}", f"{Leerroute(r).label}, niveau {n}") for r, n in rules.route_niveau_opties()
    ]


class RouteKeuzeForm(StyledFormMixin, forms.Form):
    """Route and level as ONE choice, so combinations DUO refuses (A2 with the
    onderwijsroute, B1 with the Z-route, A2 in a first B1-route PIP) are never offered."""

    route_niveau = forms.ChoiceField(label=_("Gekozen leerroute en niveau"), choices=())
    keuze_motivatie = forms.CharField(
        label=_("Motivering van de keuze"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welke gegevens uit de intake onderbouwen deze leerroute?"),
    )
    afwijking_reden = forms.CharField(
        label=_("Reden om af te wijken van het advies"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u een andere leerroute kiest dan het advies."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route_niveau"].choices = _route_niveau_choices()

    def route_en_niveau(self) -> tuple[str, str]:
        route, niveau = self.cleaned_data["route_niveau"].split(":")
        return route, niveau

    @staticmethod
    def initial_from(intake: BredeIntake) -> dict:
        if not intake.gekozen_route:
            return {}
        return {
            "route_niveau": f"{intake.gekozen_route}:{intake.gekozen_niveau}",
            "keuze_motivatie": intake.keuze_motivatie,
            "afwijking_reden": intake.afwijking_reden,
        }


class DoelForm(StyledFormMixin, forms.Form):
    doel = forms.ChoiceField(
        label=_("Doel van inzage"),
        choices=[("", _("— kies het doel —")), *DoelInzage.choices],
        help_text=_("Gezondheid is een bijzonder persoonsgegeven. Elke inzage wordt gelogd."),
    )


class GezondheidForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    doel = forms.ChoiceField(choices=DoelInzage.choices, widget=forms.HiddenInput)

    class Meta:
        model = IntakeGezondheid
        fields = ["lichamelijk", "psychisch", "in_behandeling", "gevolgen"]
        widgets = {
            "lichamelijk": forms.Textarea(attrs={"rows": 3}),
            "psychisch": forms.Textarea(attrs={"rows": 3}),
            "gevolgen": forms.Textarea(attrs={"rows": 3}),
        }
