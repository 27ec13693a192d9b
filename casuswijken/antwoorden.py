"""Who comes to a session and who came: the counts of the answers to its invitation, the
people a reader may see with their answer, and the attendees with their organisation.

The counts are for everyone who may read the session; names only through
Uitnodiging.objects.zichtbaar_voor. Each costs a fixed number of queries, whatever the
number of people.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, Q

from .enums import Antwoord
from .models import Bijeenkomst, Deelname, Uitnodiging
from .services import lezers


@dataclass(frozen=True)
class Telling:
    komt: int
    komt_niet: int
    misschien: int
    # Counted over the session's lezers: who may read it and did not answer.
    geen_antwoord: int
    aanwezig: int


def tel_antwoorden(bijeenkomst: Bijeenkomst) -> Telling:
    """The answers given, the lezers who gave none yet, and how many were there."""
    uitnodigingen = list(
        Uitnodiging.objects.filter(bijeenkomst=bijeenkomst).values_list(
            "gebruiker", "antwoord", "aanwezig"
        )
    )
    per_antwoord = Counter(antwoord for _, antwoord, _ in uitnodigingen if antwoord)
    beantwoord = {gebruiker for gebruiker, antwoord, _ in uitnodigingen if antwoord}
    return Telling(
        komt=per_antwoord[Antwoord.JA],
        komt_niet=per_antwoord[Antwoord.NEE],
        misschien=per_antwoord[Antwoord.MISSCHIEN],
        geen_antwoord=sum(
            1 for deelname in lezers(bijeenkomst) if deelname.gebruiker_id not in beantwoord
        ),
        aanwezig=sum(1 for *_, aanwezig in uitnodigingen if aanwezig),
    )


@dataclass(frozen=True)
class Persoon:
    naam: str
    organisatie: str
    # The casuswijk they take part in, named with the people of a national session.
    casuswijk: str
    antwoord: str
    is_zelf: bool


@dataclass(frozen=True)
class Groep:
    antwoord: str
    label: str
    mensen: list[Persoon] = field(default_factory=list)


@dataclass(frozen=True)
class Mensen:
    """What one reader may see of who answered and who came."""

    per_antwoord: list[Groep]
    aanwezig: list[Persoon]


def mensen_voor(user, bijeenkomst: Bijeenkomst) -> Mensen:
    """The people of the session this user may see (Uitnodiging.zichtbaar_voor), by answer
    (those who answered) and those who were there, each with the organisation of their
    participation. Two queries."""
    uitnodigingen = list(
        Uitnodiging.objects.zichtbaar_voor(user)
        .filter(bijeenkomst=bijeenkomst)
        .filter(~Q(antwoord="") | Q(aanwezig=True))
        .select_related("gebruiker")
    )
    deelnames = _deelnames(bijeenkomst, {u.gebruiker_id for u in uitnodigingen})
    mensen = []
    for uitnodiging in uitnodigingen:
        organisatie, casuswijk = deelnames.get(uitnodiging.gebruiker_id, ("", ""))
        persoon = Persoon(
            naam=uitnodiging.gebruiker.get_full_name() or "(naam nog niet bekend)",
            organisatie=organisatie,
            casuswijk=casuswijk if bijeenkomst.is_landelijk else "",
            antwoord=uitnodiging.antwoord,
            is_zelf=uitnodiging.gebruiker_id == user.pk,
        )
        mensen.append((uitnodiging, persoon))
    mensen.sort(key=lambda paar: (paar[1].naam.casefold(), paar[0].pk))
    return Mensen(
        per_antwoord=[
            Groep(
                antwoord=antwoord,
                label=label,
                mensen=[persoon for _, persoon in mensen if persoon.antwoord == antwoord],
            )
            for antwoord, label in Antwoord.choices
        ],
        aanwezig=[persoon for uitnodiging, persoon in mensen if uitnodiging.aanwezig],
    )


def _deelnames(bijeenkomst: Bijeenkomst, gebruikers: set[int]) -> dict[int, tuple[str, str]]:
    """Per person their organisation and casuswijk, from their participation in the
    session's casuswijk (for a national session: in the call), a running one before an
    ended one, the latest first."""
    if not gebruikers:
        return {}
    deelnames = Deelname.objects.filter(gebruiker__in=gebruikers)
    if bijeenkomst.casuswijk_id is not None:
        deelnames = deelnames.filter(casuswijk=bijeenkomst.casuswijk_id)
    else:
        deelnames = deelnames.filter(casuswijk__aanmelding__oproep=bijeenkomst.oproep_id)
    gevonden: dict[int, tuple[str, str]] = {}
    for gebruiker, organisatie, casuswijk in deelnames.order_by(
        F("beeindigd_op").desc(nulls_first=True), "-begonnen_op", "-pk"
    ).values_list("gebruiker", "organisatie", "casuswijk__naam"):
        gevonden.setdefault(gebruiker, (organisatie, casuswijk))
    return gevonden
