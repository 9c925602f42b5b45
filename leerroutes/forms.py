"""Forms of the Leerroute tab. Bad input comes back with Dutch messages next to the
field and in the summary; what was typed is kept."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from casefiles.choices import Niveau
from casefiles.forms import DateInput, StyledFormMixin
from casefiles.locking import LockedFormMixin

from . import rules
from .choices import (
    ExamenOnderdeel,
    ExamenResultaat,
    MapPvtStatus,
    TrajectStatus,
    UrenSoort,
    Verwijtbaar,
)

UREN = {"max_digits": 6, "decimal_places": 1, "min_value": Decimal(0)}


class TrajectForm(LockedFormMixin, StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrajectStatus.choices)
    onderbreking_reden = forms.CharField(
        label=_("Reden onderbreking of stop"),
        required=False,
        max_length=300,
        help_text=_("Verplicht als het traject onderbroken is. Geen medische details."),
    )
    datum_start = forms.DateField(label=_("Gestart op"), required=False, widget=DateInput())
    datum_eind = forms.DateField(
        label=_("Afgerond of gestopt op"), required=False, widget=DateInput()
    )
    datum_aanbod = forms.DateField(
        label=_("Datum inburgeringsaanbod"),
        required=False,
        widget=DateInput(),
        help_text=_("Inschrijfdatum bij de aanbieder (DUO)."),
    )
    aanvang_taalschakeltraject = forms.DateField(
        label=_("Aanvang taalschakeltraject"), required=False, widget=DateInput()
    )
    einde_cursus = forms.DateField(label=_("Einde cursus"), required=False, widget=DateInput())
    z_eindgesprek = forms.DateField(
        label=_("Datum eindgesprek Z-route"), required=False, widget=DateInput()
    )
    z_afgerond_op = forms.DateField(
        label=_("Z-route afgerond op"), required=False, widget=DateInput()
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        toegestaan = [traject.status, *rules.TRAJECT_OVERGANGEN.get(traject.status, ())]
        self.fields["status"].choices = [
            (v, label) for v, label in TrajectStatus.choices if v in toegestaan
        ]
        if traject.route != "z":
            del self.fields["z_eindgesprek"]
            del self.fields["z_afgerond_op"]
        if traject.route != "onderwijs":
            del self.fields["aanvang_taalschakeltraject"]
            del self.fields["einde_cursus"]

    def clean(self):
        data = super().clean()
        if data.get("status") == TrajectStatus.ONDERBROKEN and not data.get("onderbreking_reden"):
            self.add_error("onderbreking_reden", _("Geef de reden van de onderbreking op."))
        return data


class UrenForm(StyledFormMixin, forms.Form):
    soort = forms.ChoiceField(label=_("Soort uren"), choices=UrenSoort.choices)
    periode_start = forms.DateField(label=_("Periode vanaf"), widget=DateInput())
    periode_eind = forms.DateField(label=_("Periode tot en met"), widget=DateInput())
    aanwezig = forms.DecimalField(label=_("Uren aanwezig"), **UREN)
    afwezig_geoorloofd = forms.DecimalField(
        label=_("Uren afwezig (geoorloofd)"), required=False, **UREN
    )
    afwezig_ongeoorloofd = forms.DecimalField(
        label=_("Uren afwezig (ongeoorloofd)"), required=False, **UREN
    )
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"), required=False, queryset=None, empty_label=_("— geen —")
    )

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders

    def clean(self):
        data = super().clean()
        s, e = data.get("periode_start"), data.get("periode_eind")
        if s and e and e < s:
            self.add_error(
                "periode_eind", _("Het einde van de periode kan niet voor het begin liggen.")
            )
        for k in ("afwezig_geoorloofd", "afwezig_ongeoorloofd"):
            data[k] = data.get(k) or Decimal(0)
        return data


class ExamenForm(StyledFormMixin, forms.Form):
    onderdeel = forms.ChoiceField(label=_("Onderdeel"), choices=ExamenOnderdeel.choices)
    niveau = forms.ChoiceField(
        label=_("Niveau"),
        required=False,
        choices=[("", _("— (KNM) —")), *[(n.value, n.label) for n in Niveau if n != Niveau.A0]],
        help_text=_("Leeg laten bij KNM."),
    )
    datum = forms.DateField(label=_("Examendatum"), widget=DateInput())
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=ExamenResultaat.choices)
    poging = forms.IntegerField(
        label=_("Poging"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Leeg laten: het systeem telt de eerdere pogingen."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("onderdeel")
            and data["onderdeel"] != ExamenOnderdeel.KNM
            and not data.get("niveau")
        ):
            self.add_error("niveau", _("Kies het niveau van het examen."))
        return data


class MapForm(LockedFormMixin, StyledFormMixin, forms.Form):
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"), required=False, queryset=None, empty_label=_("— nog niet bekend —")
    )
    status = forms.ChoiceField(label=_("Status"), choices=MapPvtStatus.choices)
    cohort_start = forms.DateField(label=_("Start cohort"), required=False, widget=DateInput())
    uren = forms.DecimalField(label=_("Gevolgde uren"), required=False, **UREN)
    datum_eindgesprek = forms.DateField(
        label=_("Datum eindgesprek"), required=False, widget=DateInput()
    )
    resultaat = forms.CharField(label=_("Resultaat eindgesprek"), required=False, max_length=300)
    verwijtbaar = forms.ChoiceField(
        label=_("Verwijtbaar (DUO)"),
        required=False,
        choices=Verwijtbaar.choices,
        help_text=_("Alleen invullen bij overschrijding van de inburgeringstermijn."),
    )

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders.filter(biedt_map=True)

    def clean_uren(self):
        return self.cleaned_data.get("uren") or Decimal(0)


class PvtForm(LockedFormMixin, StyledFormMixin, forms.Form):
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"), required=False, queryset=None, empty_label=_("— nog niet bekend —")
    )
    status = forms.ChoiceField(label=_("Status"), choices=MapPvtStatus.choices)
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    uren = forms.DecimalField(label=_("Gevolgde uren"), required=False, **UREN)
    datum_ondertekening = forms.DateField(
        label=_("Participatieverklaring ondertekend op"), required=False, widget=DateInput()
    )
    verwijtbaar = forms.ChoiceField(
        label=_("Verwijtbaar (DUO)"),
        required=False,
        choices=Verwijtbaar.choices,
        help_text=_("Alleen invullen bij overschrijding van de inburgeringstermijn."),
    )

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders.filter(biedt_pvt=True)

    def clean_uren(self):
        return self.cleaned_data.get("uren") or Decimal(0)


class VoortgangImportForm(StyledFormMixin, forms.Form):
    aanbieder = forms.ModelChoiceField(label=_("Aanbieder"), queryset=None)
    bestand = forms.FileField(
        label=_("CSV-bestand"), help_text=_("Komma of puntkomma als scheidingsteken; UTF-8.")
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders

    def clean_bestand(self):
        f = self.cleaned_data["bestand"]
        if f.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (maximaal 5 MB)."))
        if not f.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv)."))
        return f
