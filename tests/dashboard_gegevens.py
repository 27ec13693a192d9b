"""A fixed data set for the staff start page (netwerk.dashboard), with the figures it should
show worked out by hand beside each record. Used by tests/netwerk/test_dashboard.py and the
browser test of the start page."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from aanmeldingen.enums import Organisatietype, Provincie, Status, Wijktype
from aanmeldingen.models import Belangenconflict, Toewijzing
from casuswijken.enums import Actiestatus, Interventiestatus
from netwerk.rechten import Rol
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BeoordelingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    CoalitielidFactory,
    InterventieFactory,
    OproepFactory,
    StaffFactory,
)


@dataclass
class Gegevens:
    oproep: object
    casuswijk: object
    beoordelaar_een: object  # Anna
    beoordelaar_twee: object  # Bert
    coordinator: object


def maak() -> Gegevens:
    nu = timezone.now()
    vandaag = timezone.localdate()
    oproep = OproepFactory(titel="Oproep in beoordeling", deadline=nu + timedelta(days=10, hours=1))
    anna = StaffFactory(first_name="Anna", last_name="Aalders", rol=Rol.BEOORDELAAR)
    bert = StaffFactory(first_name="Bert", last_name="Bos", rol=Rol.BEOORDELAAR)
    coordinator = StaffFactory(first_name="Cor", last_name="Coördinator", rol=Rol.COORDINATOR)

    # Status: concept 1, ingediend 2, in behandeling 1, geselecteerd 2, ingetrokken 1.
    # Live (not concept, not withdrawn) per provincie: Utrecht 2, and Gelderland, Groningen
    # and Drenthe 1.
    een = AanmeldingFactory(oproep=oproep, provincie=Provincie.UTRECHT)
    twee = AanmeldingFactory(oproep=oproep, provincie=Provincie.UTRECHT)
    drie = AanmeldingFactory(oproep=oproep, provincie=Provincie.GELDERLAND, in_behandeling=True)
    AanmeldingFactory(oproep=oproep, provincie=Provincie.UTRECHT, concept=True)
    weg = AanmeldingFactory(oproep=oproep, provincie=Provincie.ZEELAND, ingetrokken=True)
    # The selection: one, in Groningen, naoorlogs, with a gemeente and a corporation.
    gekozen = AanmeldingFactory(
        oproep=oproep,
        provincie=Provincie.GRONINGEN,
        wijktype=Wijktype.NAOORLOGS,
        geselecteerd=True,
        leden=None,
    )
    CoalitielidFactory(aanmelding=gekozen, organisatietype=Organisatietype.GEMEENTE)
    CoalitielidFactory(aanmelding=gekozen, organisatietype=Organisatietype.GEMEENTE)
    CoalitielidFactory(aanmelding=gekozen, organisatietype=Organisatietype.WONINGCORPORATIE)
    # And one in Drenthe whose type of wijk staff have not set yet, with a care member.
    nog_in_te_delen = AanmeldingFactory(
        oproep=oproep, provincie=Provincie.DRENTHE, geselecteerd=True, leden=None
    )
    CoalitielidFactory(aanmelding=nog_in_te_delen, organisatietype=Organisatietype.ZORG)

    # Assigned: Anna een, twee, drie (done: een, drie); Bert een (done), the withdrawn one
    # (not counted: the list of live applications does not show it) and twee, for which he
    # declared a conflict of interest below (not counted: it is no longer his to review).
    for aanmelding, beoordelaar in [(een, anna), (twee, anna), (drie, anna), (een, bert),
                                    (weg, bert), (twee, bert)]:  # fmt: skip
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=beoordelaar)
    # Reviews per live application: een 2, twee 0, drie 1, nog_in_te_delen 0, gekozen 1 (by
    # the coördinator, unassigned). Coalitie scores, of what the coördinator may read: 4, 2,
    # 5, 3; the withdrawn application's 1 weighs in no summary.
    BeoordelingFactory(aanmelding=een, beoordelaar=anna, score_coalitie=4, score_opgave=5)
    BeoordelingFactory(aanmelding=een, beoordelaar=bert, score_coalitie=2, score_opgave=5)
    BeoordelingFactory(aanmelding=drie, beoordelaar=anna, score_coalitie=5)
    BeoordelingFactory(aanmelding=gekozen, beoordelaar=coordinator, score_coalitie=3)
    BeoordelingFactory(aanmelding=weg, beoordelaar=bert, score_coalitie=1)
    Belangenconflict.objects.create(aanmelding=twee, beoordelaar=bert)

    # A running casuswijk, its call's decisions sent (so that call is not "running" above).
    casuswijk = CasuswijkFactory(
        naam="Teststad-Noord",
        aanmelding__besluit_verzonden_op=nu - timedelta(days=30),
        aanmelding__oproep__deadline=nu - timedelta(days=60),
    )
    sessie = lambda **velden: BijeenkomstFactory(casuswijk=casuswijk, **velden)  # noqa: E731
    # To come: 1 (the cancelled one does not count).
    sessie(begint_op=nu + timedelta(days=3), titel="Tweede gesprek")
    sessie(begint_op=nu + timedelta(days=5), geannuleerd=True)
    # Verslag nog te schrijven: 2 (empty; written but unpublished). Not: published with
    # notes, cancelled, and the one still going on.
    verleden = sessie(begint_op=nu - timedelta(days=20), verslag="Gedaan.", titel="Eerste")
    sessie(begint_op=nu - timedelta(days=10))
    sessie(begint_op=nu - timedelta(days=8), verslag="Nog niet uit.", gepubliceerd=False)
    sessie(begint_op=nu - timedelta(days=6), geannuleerd=True)
    sessie(begint_op=nu - timedelta(minutes=30))
    # Action points: open 3 (open, loopt, open due today), overdue 2.
    punt = lambda **velden: ActiepuntFactory(bijeenkomst=verleden, **velden)  # noqa: E731
    punt(deadline=vandaag - timedelta(days=1))
    punt(deadline=vandaag - timedelta(days=9), status=Actiestatus.LOOPT)
    punt(deadline=vandaag)
    punt(deadline=vandaag - timedelta(days=3), afgerond=True, afgerond_in=None)
    # Interventions: idee 1, loopt 2.
    InterventieFactory(casuswijk=casuswijk, status=Interventiestatus.IDEE)
    InterventieFactory(casuswijk=casuswijk, status=Interventiestatus.LOOPT)
    InterventieFactory(casuswijk=casuswijk, status=Interventiestatus.LOOPT)
    # A casuswijk whose network ended yesterday is not running.
    CasuswijkFactory(
        naam="Afgelopen-Oost",
        aanmelding__besluit_verzonden_op=nu - timedelta(days=400),
        aanmelding__oproep__netwerk_einde=vandaag - timedelta(days=1),
    )
    return Gegevens(oproep, casuswijk, anna, bert, coordinator)


# The figures above, by hand.
PER_STATUS = {
    Status.CONCEPT.label: 1,
    Status.INGEDIEND.label: 2,
    Status.IN_BEHANDELING.label: 1,
    Status.GESELECTEERD.label: 2,
    Status.RESERVE.label: 0,
    Status.AFGEWEZEN.label: 0,
    Status.INGETROKKEN.label: 1,
}
PER_PROVINCIE = {"Drenthe": 1, "Utrecht": 2, "Gelderland": 1, "Groningen": 1}
BEOORDELAARS = {"Anna Aalders": (3, 2), "Bert Bos": (1, 1)}  # (assigned, done)
PER_AANTAL_BEOORDELINGEN = {
    "Geen beoordeling": 2,
    "1 beoordeling": 2,
    "2 beoordelingen": 1,
    "3 of meer": 0,
}
COALITIE_VOOR_COORDINATOR = {1: 0, 2: 1, 3: 1, 4: 1, 5: 1}
# Bert reviewed een only: he reads een's two reviews, not drie's or gekozen's.
COALITIE_VOOR_BERT = {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
SELECTIE_PROVINCIE = {"Drenthe": 1, "Groningen": 1}
SELECTIE_WIJKTYPE = {Wijktype.NAOORLOGS.label: 1, "Nog niet ingedeeld": 1}
SELECTIE_ORGANISATIETYPE = {"Gemeente": 1, "Woningcorporatie": 1, "Zorg": 1}
CASUSWIJK = {"komend": 1, "te_schrijven": 2, "open": 3, "verlopen": 2}
INTERVENTIES = {"Idee": 1, "Gepland": 0, "Loopt": 2, "Afgerond": 0}
