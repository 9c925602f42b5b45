"""Forms of the core pages. Bad input is returned with Dutch messages and the
typed values kept (Django re-renders a bound form)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import rules
from .choices import ContactSoort, DocumentSoort, Doelgroep, DossierStatus
from .foutoverzicht import foutenlijst as foutenlijst  # re-exported for the views
from .locking import LockedFormMixin
from .models import (
    Contactmoment,
    Dossier,
    Gezinslid,
    Inburgeraar,
    Inburgeringsfeiten,
    PlichtEinde,
    Taak,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field
    (when the form has it), everything else at the top. The typed values stay.
    An edit conflict (casefiles.locking) also shows what a colleague saved meanwhile."""
    from .locking import EditConflict

    if isinstance(exc, EditConflict) and hasattr(form, "show_conflict"):
        form.show_conflict(exc)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class StaffChoiceField(forms.ModelChoiceField):
    """A staff member shown by full name (never the bare username)."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def decimaal_komma(field: forms.Field) -> None:
    """Hours and amounts with a decimal comma, in display and input, whatever the
    browser's locale: a text box (``inputmode="decimal"`` for the phone keyboard)
    instead of ``type=number`` (whose parsing depends on the browser's language), and
    Dutch localisation of the value: "2,5" is read as 2.5 and 2.5 is shown as "2,5"
    ("2.5" is read as 2.5 too)."""
    field.localize = True
    attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max", "type")}
    attrs.setdefault("inputmode", "decimal")
    attrs.setdefault("autocomplete", "off")
    field.widget = forms.TextInput(attrs=attrs)
    field.widget.is_localized = True


class StyledFormMixin:
    """Adds the NL Design System (Utrecht) classes to every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_styles()

    def apply_styles(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.FloatField) and not isinstance(
                field.widget, forms.HiddenInput
            ):
                decimaal_komma(field)
            w = field.widget
            if isinstance(w, forms.CheckboxInput):
                css = "utrecht-checkbox utrecht-checkbox--html-input"
            elif isinstance(w, forms.Select):
                css = "utrecht-select utrecht-select--html-select"
            elif isinstance(w, forms.Textarea):
                css = "utrecht-textarea utrecht-textarea--html-textarea"
                w.attrs.setdefault("rows", 4)
            elif isinstance(w, forms.ClearableFileInput | forms.FileInput):
                css = "utrecht-file-input"
            else:
                css = "utrecht-textbox utrecht-textbox--html-input"
            if css not in w.attrs.get("class", ""):
                w.attrs["class"] = (w.attrs.get("class", "") + " " + css).strip()


class ZoekForm(StyledFormMixin, forms.Form):
    zoek = forms.CharField(
        label=_("Zoek op naam, BSN of V-nummer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"aria-describedby": "zoek-hulp"}),
    )


class WerkvoorraadFilterForm(StyledFormMixin, forms.Form):
    wie = forms.ChoiceField(
        label=_("Dossiers"),
        required=False,
        choices=[("mijn", _("Mijn dossiers")), ("alle", _("Alle dossiers van mijn gemeente(n)"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *DossierStatus.choices],
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle doelgroepen")), *Doelgroep.choices],
    )


class InburgeraarForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Inburgeraar
        fields = [
            "bsn",
            "v_nummer",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "land_van_herkomst",
            "nationaliteit",
            "moedertaal",
            "tolk_nodig",
            "tolk_taal",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "telefoon",
            "email",
        ]
        widgets = {"geboortedatum": DateInput()}

    def clean_bsn(self):
        value = rules.bsn_normalise(self.cleaned_data["bsn"])
        if not rules.bsn_is_valid(value):
            raise forms.ValidationError(
                _(
                    "Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de "
                    "elfproef."
                )
            )
        return value


DOSSIER_DATE_FIELDS = [
    "datum_start_plicht",
    "datum_duo_melding",
    "datum_koppeling",
    "datum_vestiging",
    "datum_verblijfsvergunning",
    "datum_start_bijstand",
]


class DossierNieuwForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["gemeente", "doelgroep", "azc", *DOSSIER_DATE_FIELDS, "werkcoach", "consulent"]
        widgets = {name: DateInput() for name in DOSSIER_DATE_FIELDS}

    def __init__(self, *args, user, gemeenten, werkcoaches, consulenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        if gemeenten.count() == 1:
            self.fields["gemeente"].initial = gemeenten.first()
        # Assigning is for the teamleider (issue 12): a werkcoach creates the dossier
        # unassigned and never assigns itself.
        for name, staff in (("werkcoach", werkcoaches), ("consulent", consulenten)):
            if user.has_perm("casefiles.assign_dossier"):
                self.fields[name] = StaffChoiceField(
                    queryset=staff.exclude(pk=user.pk),
                    required=False,
                    label=self.fields[name].label,
                )
            else:
                del self.fields[name]
        self.apply_styles()


class DossierDatumsForm(LockedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["azc", *DOSSIER_DATE_FIELDS, "termijn_eind", "datum_plicht_voldaan"]
        widgets = {
            name: DateInput()
            for name in [*DOSSIER_DATE_FIELDS, "termijn_eind", "datum_plicht_voldaan"]
        }


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=DossierStatus.choices,
        error_messages={
            "required": _("Kies de nieuwe status."),
            "invalid_choice": _("Deze statuswijziging is niet mogelijk."),
        },
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=200)

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossier is not None:
            allowed = rules.DOSSIER_TRANSITIONS.get(dossier.status, frozenset())
            # Never preset to a consequential choice: the user picks one explicitly.
            self.fields["status"].choices = [("", _("— kies de nieuwe status —"))] + [
                (v, label) for v, label in DossierStatus.choices if v in allowed
            ]


class ContactmomentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Contactmoment
        fields = ["datum", "soort", "onderwerp", "verslag", "tolk_ingezet"]
        widgets = {"datum": DateTimeInput()}
        labels = {"soort": _("Soort contact")}

    soort = forms.ChoiceField(label=_("Soort contact"), choices=ContactSoort.choices)


class TaakForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Taak
        fields = ["titel", "deadline", "omschrijving", "toegewezen_aan"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toegewezen_aan"] = StaffChoiceField(
            queryset=staff, required=False, label=_("Toegewezen aan")
        )
        self.apply_styles()


class DocumentForm(StyledFormMixin, forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    soort = forms.ChoiceField(label=_("Soort document"), choices=DocumentSoort.choices)
    bestand = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, JPG, PNG, DOCX, ODT of TXT; maximaal 10 MB.")
    )


class GezinslidForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Gezinslid
        fields = ["relatie", "naam", "geboortedatum", "verwachte_aankomst", "woont_in_huishouden"]
        widgets = {"geboortedatum": DateInput(), "verwachte_aankomst": DateInput()}


class ImportForm(StyledFormMixin, forms.Form):
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=None)
    bestand = forms.FileField(
        label=_("CSV-bestand"), help_text=_("Scheidingsteken komma of puntkomma; UTF-8.")
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        if gemeenten.count() == 1:
            self.fields["gemeente"].initial = gemeenten.first()

    def clean_bestand(self):
        f = self.cleaned_data["bestand"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is te groot (maximaal 5 MB)."))
        return f


class InburgeringsfeitenForm(StyledFormMixin, forms.ModelForm):
    """The person's facts from the previous gemeente or DUO (verhuizing)."""

    class Meta:
        model = Inburgeringsfeiten
        fields = [
            "bron",
            "vorige_gemeentecode",
            "eerste_pip_dagtekening",
            "eerste_pip_leerroute",
            "termijn_startdatum",
            "termijn_einddatum",
            "huidige_leerroute",
            "huidig_niveau",
        ]
        widgets = {
            "eerste_pip_dagtekening": DateInput(),
            "termijn_startdatum": DateInput(),
            "termijn_einddatum": DateInput(),
        }


DOELGROEP_BRONNEN = [
    ("DUO SS124", _("DUO SS124: van asielstatushouder naar gezinsmigrant/overige migrant")),
    ("DUO SS125", _("DUO SS125: van gezinsmigrant/overige migrant naar asielstatushouder")),
    ("DUO raadpleging", _("DUO: raadpleging Inburgeringsplicht (doelgroep)")),
    ("handmatig", _("Handmatig (correctie)")),
]
"""Sources of a doelgroep change (DUO Gebeurtenissen, 'Wijziging doelgroep')."""


class DoelgroepForm(StyledFormMixin, forms.Form):
    doelgroep = forms.ChoiceField(label=_("Nieuwe doelgroep"), choices=Doelgroep.choices)
    geldig_vanaf = forms.DateField(
        label=_("Geldig vanaf"),
        widget=DateInput(),
        help_text=_("De begindatum die DUO noemt (Doelgroep.begindatum)."),
    )
    bron = forms.ChoiceField(label=_("Bron"), choices=DOELGROEP_BRONNEN)
    gedetailleerd = forms.CharField(
        label=_("Gedetailleerde doelgroep (DUO)"),
        required=False,
        max_length=50,
        help_text=_("Bijvoorbeeld 'Gezinshereniger met Asielstatushouder'."),
    )


class PlichtEindeForm(StyledFormMixin, forms.ModelForm):
    """DUO's decision that the plicht ended, as DUO sent it."""

    class Meta:
        model = PlichtEinde
        fields = [
            "reden",
            "grond",
            "datum_oordeel",
            "einddatum_plicht",
            "einddatum_vrijstelling",
            "bron",
            "kenmerk",
        ]
        widgets = {
            "datum_oordeel": DateInput(),
            "einddatum_plicht": DateInput(),
            "einddatum_vrijstelling": DateInput(),
        }
