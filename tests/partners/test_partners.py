"""Partner access (issue 18): sharing on consent through the service, what a
ketenpartner sees and changes, notifications, feedback, and the access log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casefiles.accesslog import verify
from casefiles.begeleiding import services as mb_services
from casefiles.choices import DeelOnderdeel, Rol, TaakBron
from casefiles.models import AccessLog, Deling, Ketenpartner, PartnerMelding, Taak
from casefiles.partners import rules, services
from casefiles.services import contactmoment_create
from tests.factories import GemeenteFactory

TODAY = timezone.localdate


def _share(w, partner, **kw):
    today = TODAY()
    args = {
        "actor": w.consulent,
        "dossier": w.dossier,
        "partner": partner,
        "onderdelen": ["verwijzingen"],
        "toestemming_datum": today,
        "toestemming_vorm": "schriftelijk",
        "geldig_van": today,
        "geldig_tot": today + timedelta(days=30),
    }
    args.update(kw)
    return services.deling_create(**args)


def _humanitas(w):
    return Ketenpartner.objects.get(gemeente=w.gemeente, naam="Humanitas")


# --- rules -----------------------------------------------------------------------------


def test_health_handhaving_and_payments_can_never_be_shared():
    # issue 18: "never health, handhaving or payments"
    values = set(DeelOnderdeel.values)
    assert not any(
        v.startswith(("intake", "gezond", "handhaving", "ontzorg", "betal")) for v in values
    )
    assert not rules.onderdelen_geldig(["gezondheid"])
    assert not rules.onderdelen_geldig([])
    assert rules.onderdelen_geldig(["begeleiding", "verwijzingen"])


@pytest.mark.parametrize(
    ("op", "ingetrokken", "expected"),
    [
        (date(2027, 1, 1), False, True),  # first day counts
        (date(2027, 3, 31), False, True),  # "tot en met"
        (date(2027, 4, 1), False, False),  # the day after: no access
        (date(2026, 12, 31), False, False),  # before the consent period
        (date(2027, 2, 1), True, False),  # withdrawn
    ],
)
def test_deling_actief(op, ingetrokken, expected):
    assert (
        rules.deling_actief(
            geldig_van=date(2027, 1, 1),
            geldig_tot=date(2027, 3, 31),
            ingetrokken=ingetrokken,
            op=op,
        )
        is expected
    )


# --- sharing through the service ------------------------------------------------------------


def test_share_refuses_partner_of_another_gemeente(world):
    elders = Ketenpartner.objects.create(
        gemeente=world.andere_gemeente, naam="VWN Dalfsen", soort="vluchtelingenwerk"
    )
    with pytest.raises(ValidationError) as exc:
        _share(world, elders)
    assert "partner" in exc.value.message_dict


def test_share_needs_parts_and_consent_not_in_the_future(world):
    with pytest.raises(ValidationError) as exc:
        _share(
            world, _humanitas(world), onderdelen=[], toestemming_datum=TODAY() + timedelta(days=1)
        )
    assert set(exc.value.message_dict) >= {"onderdelen", "toestemming_datum"}
    with pytest.raises(ValidationError) as exc:
        _share(world, _humanitas(world), onderdelen=["gezondheid"])
    assert "onderdelen" in exc.value.message_dict


def test_share_period_must_end_after_start(world):
    with pytest.raises(ValidationError) as exc:
        _share(world, _humanitas(world), geldig_tot=TODAY() - timedelta(days=1))
    assert "geldig_tot" in exc.value.message_dict


def test_one_running_share_per_partner_then_withdraw_and_share_again(world):
    with pytest.raises(ValidationError) as exc:
        _share(world, world.partner_org)  # world.deling is running
    assert "Trek die eerst in" in exc.value.message_dict["partner"][0]
    services.deling_intrekken(actor=world.consulent, deling=world.deling, reden="gewijzigd")
    nieuw = _share(world, world.partner_org, onderdelen=["contactmomenten"])
    assert nieuw.onderdelen == ["contactmomenten"]
    assert Deling.objects.filter(dossier=world.dossier, partner=world.partner_org).count() == 2
    with pytest.raises(ValidationError):
        services.deling_intrekken(actor=world.consulent, deling=world.deling, reden="nogmaals")


def test_withdraw_needs_a_reason_and_is_on_the_timeline(world):
    with pytest.raises(ValidationError):
        services.deling_intrekken(actor=world.consulent, deling=world.deling, reden="  ")
    services.deling_intrekken(actor=world.consulent, deling=world.deling, reden="Wil het niet meer")
    assert world.dossier.gebeurtenissen.filter(
        soort="deling", titel__contains="ingetrokken"
    ).exists()


def test_consulent_records_consent_in_the_browser_form_and_bad_input_is_kept(client, world):
    client.force_login(world.consulent)
    url = reverse("partners:tab", kwargs={"dossier_pk": world.dossier.pk})
    response = client.post(
        url,
        {
            "partner": _humanitas(world).pk,
            "onderdelen": ["verwijzingen"],
            "toestemming_datum": TODAY().isoformat(),
            "toestemming_vorm": "mondeling",
            "toestemming_toelichting": "Afgesproken in het gesprek",
            "geldig_van": TODAY().isoformat(),
            "geldig_tot": (TODAY() - timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Het einde van het delen ligt na het begin." in response.content.decode()
    assert "Afgesproken in het gesprek" in response.content.decode()
    assert not Deling.objects.filter(partner__naam="Humanitas").exists()


# --- what the partner sees ----------------------------------------------------------------


def test_partner_sees_only_shared_parts_and_only_its_own(client, world):
    services.deling_intrekken(actor=world.consulent, deling=world.deling, reden="nieuw")
    _share(world, world.partner_org, onderdelen=["verwijzingen"])
    mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=world.partner_org,
        datum=TODAY(),
        reden="Hulp bij de administratie",
    )
    mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=_humanitas(world),
        datum=TODAY(),
        reden="Schuldhulp bij de buren",
    )
    contactmoment_create(
        actor=world.werkcoach,
        dossier=world.dossier,
        onderwerp="Gesprek over de gezondheid",
        soort="gesprek",
        verslag="Vertrouwelijk verslag",
    )
    client.force_login(world.partner)
    response = client.get(reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.dossier.inburgeraar.achternaam in html
    assert "Hulp bij de administratie" in html
    assert "Schuldhulp bij de buren" not in html  # a referral to another organisation
    assert "Vertrouwelijk verslag" not in html  # not shared: contact moments
    assert world.dossier.inburgeraar.bsn not in html
    assert world.dossier.inburgeraar.bsn[-3:] + "<" not in html
    # a part that is not shared is a 404, as is the staff dossier page a 403
    assert (
        client.get(
            reverse("partners:contactmoment_nieuw", kwargs={"dossier_pk": world.dossier.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("casefiles:dossier_detail", kwargs={"dossier_pk": world.dossier.pk})
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("intake:tab", kwargs={"dossier_pk": world.dossier.pk})).status_code
        == 403
    )


def test_partner_sees_only_contact_moments_of_its_organisation(client, world):
    contactmoment_create(
        actor=world.werkcoach, dossier=world.dossier, onderwerp="Intern overleg", soort="gesprek"
    )
    services.partner_contactmoment_create(
        actor=world.partner, deling=world.deling, onderwerp="Huisbezoek VWN", soort="huisbezoek"
    )
    client.force_login(world.partner)
    html = client.get(
        reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "Huisbezoek VWN" in html
    assert "Intern overleg" not in html
    # the gemeente sees both: one plan
    client.force_login(world.consulent)
    html = client.get(
        reverse("casefiles:contactmomenten", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "Huisbezoek VWN" in html and "Intern overleg" in html


def test_expired_share_gives_404(client, world):
    Deling.objects.filter(pk=world.deling.pk).update(
        geldig_van=TODAY() - timedelta(days=60),
        geldig_tot=TODAY() - timedelta(days=1),
        toestemming_datum=TODAY() - timedelta(days=60),
    )
    client.force_login(world.partner)
    assert (
        client.get(reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk})).status_code
        == 404
    )
    overzicht = client.get(reverse("partners:overzicht")).content.decode()
    assert world.dossier.inburgeraar.achternaam not in overzicht


def test_share_with_a_partner_of_another_gemeente_never_opens(client, world):
    """Even a row written behind the service's back does not give access across
    gemeenten: the read requires partner and dossier of the same gemeente."""
    elders = Ketenpartner.objects.create(
        gemeente=world.andere_gemeente, naam="VWN Dalfsen", soort="vluchtelingenwerk"
    )
    world.partner.ketenpartner_accounts.create(partner=elders)
    Deling.objects.create(
        dossier=world.dossier_elders,
        partner=world.partner_org,
        onderdelen=["verwijzingen"],
        toestemming_datum=TODAY(),
        toestemming_vorm="mondeling",
        geldig_van=TODAY(),
        geldig_tot=TODAY() + timedelta(days=9),
    )
    client.force_login(world.partner)
    assert (
        client.get(
            reverse("partners:dossier", kwargs={"dossier_pk": world.dossier_elders.pk})
        ).status_code
        == 404
    )


def test_every_partner_read_is_logged_with_the_organisation_and_the_chain_holds(client, world):
    client.force_login(world.partner)
    client.get(reverse("partners:overzicht"))
    client.get(reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk}))
    rows = AccessLog.objects.filter(user_id=world.partner.pk).order_by("seq")
    assert [r.onderdeel for r in rows] == ["partner.overzicht", "partner.dossier"]
    assert {r.ketenpartner_id for r in rows} == {world.partner_org.pk}
    assert {r.dossier_id for r in rows} == {world.dossier.pk}
    assert verify().ok


def test_a_changed_organisation_in_the_log_breaks_the_chain(client, world):
    from django.db import connection

    client.force_login(world.partner)
    client.get(reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk}))
    row = AccessLog.objects.get(user_id=world.partner.pk)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE casefiles_accesslog DISABLE TRIGGER USER")
        cur.execute(
            "UPDATE casefiles_accesslog SET ketenpartner_id = %s WHERE id = %s",
            [_humanitas(world).pk, row.pk],
        )
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE casefiles_accesslog ENABLE TRIGGER USER")
    report = verify()
    assert [f.kind for f in report.findings] == ["gewijzigd"]


def test_partner_overview_logs_in_one_insert_with_a_query_budget(
    client, world, django_assert_max_num_queries
):
    from tests.factories import DossierFactory

    for _ in range(6):
        d = DossierFactory(gemeente=world.gemeente)
        _share(world, world.partner_org, dossier=d)
    client.force_login(world.partner)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("partners:overzicht"))
    assert response.status_code == 200
    assert (
        AccessLog.objects.filter(user_id=world.partner.pk, onderdeel="partner.overzicht").count()
        == 7
    )


# --- notifications and feedback --------------------------------------------------------------


def test_referral_notifies_the_partner_without_personal_data(client, world):
    v = mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=_humanitas(world),
        datum=TODAY(),
        reden="Taalcafé",
    )
    melding = PartnerMelding.objects.get(verwijzing=v)
    assert melding.partner == _humanitas(world)
    assert world.dossier.inburgeraar.achternaam not in melding.titel
    client.force_login(world.partner_elders)  # Humanitas: no share of this dossier
    html = client.get(reverse("partners:overzicht")).content.decode()
    assert melding.titel in html
    assert "nog) niet met u" in html
    assert world.dossier.inburgeraar.achternaam not in html
    # the other organisation does not see it
    client.force_login(world.partner)
    assert melding.titel not in client.get(reverse("partners:overzicht")).content.decode()
    client.force_login(world.partner_elders)
    client.post(reverse("partners:melding_gelezen", kwargs={"melding_pk": melding.pk}))
    melding.refresh_from_db()
    assert melding.gelezen_door == world.partner_elders


def test_partner_feedback_updates_the_referral_and_tasks_the_consulent(world):
    v = mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=world.partner_org,
        datum=TODAY(),
        reden="Buddy",
    )
    services.partner_terugkoppeling(
        actor=world.partner,
        deling=world.deling,
        verwijzing=v,
        status="afgerond",
        terugkoppeling="Buddy gekoppeld, loopt goed.",
    )
    v.refresh_from_db()
    assert (v.status, v.terugkoppeling) == ("afgerond", "Buddy gekoppeld, loopt goed.")
    taak = Taak.objects.get(dossier=world.dossier, bron=TaakBron.KETENPARTNER)
    assert taak.toegewezen_aan == world.consulent
    assert taak.deadline == TODAY() + timedelta(days=rules.TERUGKOPPELING_TAAK_DAGEN)
    with pytest.raises(ValidationError):
        services.partner_terugkoppeling(
            actor=world.partner,
            deling=world.deling,
            verwijzing=v,
            status="afgerond",
            terugkoppeling=" ",
        )


def test_partner_cannot_report_on_a_referral_to_another_organisation(world):
    v = mb_services.verwijzing_create(
        actor=world.consulent,
        dossier=world.dossier,
        partner=_humanitas(world),
        datum=TODAY(),
        reden="x",
    )
    with pytest.raises(ValidationError):
        services.partner_terugkoppeling(
            actor=world.partner,
            deling=world.deling,
            verwijzing=v,
            status="afgerond",
            terugkoppeling="x",
        )


def test_partner_updates_the_begeleiding_but_not_its_dates(world):
    mb = mb_services.begeleiding_start(
        actor=world.consulent, dossier=world.dossier, start=date(2027, 1, 1)
    )
    services.partner_begeleiding_update(
        actor=world.partner,
        deling=world.deling,
        begeleiding=mb,
        intensiteit="laag",
        onderwerpen=["werk"],
    )
    mb.refresh_from_db()
    assert (mb.intensiteit, mb.onderwerpen, mb.start) == ("laag", ["werk"], date(2027, 1, 1))
    with pytest.raises(ValueError):
        services.partner_begeleiding_update(
            actor=world.partner, deling=world.deling, begeleiding=mb, geplande_eind=date(2030, 1, 1)
        )


def test_partner_progress_only_on_goals_naming_it(client, world):
    from pip_plans import services as pip_services
    from pip_plans.models import DoelVoortgang
    from tests.pip_plans.factories import PipDoelFactory, PipVersieFactory

    versie = PipVersieFactory(dossier=world.dossier)
    eigen = PipDoelFactory(versie=versie, partner=world.partner_org, doel="Buddy vinden")
    ander = PipDoelFactory(versie=versie, partner=None, doel="Zwemles kinderen")
    pip_services.pip_vaststellen(actor=world.werkcoach, versie=versie, dagtekening=TODAY())
    client.force_login(world.partner)
    html = client.get(
        reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "Buddy vinden" in html and "Zwemles kinderen" not in html
    url = reverse(
        "pip_plans:partner_doel_voortgang",
        kwargs={"dossier_pk": world.dossier.pk, "doel_pk": ander.pk},
    )
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):
        pip_services.doel_voortgang_create(
            actor=world.partner, deling=world.deling, doel=ander, datum=TODAY(), tekst="x"
        )
    pip_services.doel_voortgang_create(
        actor=world.partner,
        deling=world.deling,
        doel=eigen,
        datum=TODAY(),
        tekst="Eerste afspraak gemaakt",
    )
    assert DoelVoortgang.objects.get().partner == world.partner_org
    eigen.refresh_from_db()
    assert eigen.doel == "Buddy vinden"  # the frozen goal is unchanged
    client.force_login(world.werkcoach)
    html = client.get(
        reverse("pip_plans:tab", kwargs={"dossier_pk": world.dossier.pk})
    ).content.decode()
    assert "Eerste afspraak gemaakt" in html


def test_home_sends_a_partner_to_its_shared_dossiers(client, world):
    client.force_login(world.partner)
    response = client.get("/")
    assert response["Location"] == reverse("partners:overzicht")


def test_a_ketenpartner_user_without_organisation_sees_nothing(client, world):
    from tests.factories import staff

    los = staff(Rol.KETENPARTNER, world.gemeente, username="los")
    client.force_login(los)
    assert (
        client.get(reverse("partners:dossier", kwargs={"dossier_pk": world.dossier.pk})).status_code
        == 404
    )
    assert (
        world.dossier.inburgeraar.achternaam
        not in client.get(reverse("partners:overzicht")).content.decode()
    )
    _ = GemeenteFactory  # keep import used


def test_partner_overview_is_paginated_with_constant_queries(client, world):
    """Issue 16: a partner with many shared dossiers sees one page; the queries and
    the one access-log insert do not grow; page 2 holds the rest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casefiles.partners.views import PER_PAGINA
    from tests.factories import DossierFactory

    def delen(n):
        for _ in range(n):
            _share(world, world.partner_org, dossier=DossierFactory(gemeente=world.gemeente))

    client.force_login(world.partner)
    url = reverse("partners:overzicht")
    delen(3)
    client.get(url)
    with CaptureQueriesContext(connection) as klein:
        client.get(url)
    delen(PER_PAGINA)
    with CaptureQueriesContext(connection) as groot:
        r1 = client.get(url)
    assert len(groot.captured_queries) == len(klein.captured_queries)
    totaal = r1.context["page"].paginator.count
    assert totaal == PER_PAGINA + 4  # with the share of the world's dossier
    assert len(r1.context["delingen"]) == PER_PAGINA
    r2 = client.get(url + "?pagina=2")
    tweede = {d.dossier_id for d in r2.context["delingen"]}
    assert len(tweede) == 4 and not tweede & {d.dossier_id for d in r1.context["delingen"]}
    assert (
        set(
            AccessLog.objects.filter(
                user_id=world.partner.pk, onderdeel="partner.overzicht", dossier_id__in=tweede
            ).values_list("dossier_id", flat=True)
        )
        == tweede
    )
