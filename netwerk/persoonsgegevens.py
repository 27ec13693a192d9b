"""A person's rights (AVG art. 15 and 17): find everything the portal holds about one e-mail
address, export it, and erase it.

`zoek` finds a person's records, kind by kind (SOORTEN): what names their address (a
coalition member, an account, a decision mail, a mail in the queue), what hangs on their
account (participations, action points, reactions, answers, proposals, attachments, reviews,
the security log, login blocks, sessions, second step), and free text or old values that
name them (a verslag, an action point, the admin's change log, an applicant's revisions).
`exporteer` writes that as a zip; `verwijder` erases it. Each kind says what erasure does to
it: records others depend on keep a placeholder (PLAATSHOUDER) in place of the person, the
rest is deleted. docs/ontwerpkeuzes.md says why the account is anonymised, not deleted.
"""

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from aanmeldingen.models import (
    Aanmelding,
    Belangenconflict,
    Beoordeling,
    Besluitbericht,
    Coalitielid,
    Revisie,
    Statuswijziging,
    Toestemming,
    Toewijzing,
)
from casuswijken.models import (
    Actiepunt,
    Actiepuntwijziging,
    Bijeenkomst,
    Bijlage,
    Deelname,
    Interventievoorstel,
    Reactie,
    Uitnodiging,
)

from . import mail
from .beveiliging import Soort as Gebeurtenis
from .beveiliging import noteer
from .models import Beveiligingsgebeurtenis, Privacyverzoek, Verzoeksoort
from .rechten import Recht, Rol, mag

PLAATSHOUDER = "verwijderde deelnemer"
# A staff account (a reviewer, a coördinator) reads as this once erased.
PLAATSHOUDER_MEDEWERKER = "verwijderde medewerker"

# Words that make no name on their own: Dutch prefixes of surnames (tussenvoegsels) and the
# commonest short words.
# fmt: off
STOPWOORDEN = frozenset({
    "aan", "bij", "d", "de", "dem", "den", "der", "des", "di", "du", "een", "en", "het",
    "in", "la", "le", "of", "op", "s", "t", "te", "ten", "ter", "van", "vande", "vander",
    "voor", "met", "door", "niet", "wel", "is", "zijn", "ik", "u", "wij", "zij", "hij",
    "ze", "we", "je",
})
# fmt: on
MINIMALE_NAAMLENGTE = 5


def is_volledige_naam(naam: str) -> bool:
    """Whether a name typed by someone is safe to look for in other people's texts.

    Applicants type the names of their coalition's members themselves, so a name may be
    anything: "de", or someone else's name next to a victim's address. Only a plausible
    full name is searched: at least MINIMALE_NAAMLENGTE characters, and at least two words
    of two or more letters that are not a stop word (STOPWOORDEN: "de", "van", ...). So
    "Jan de Vries" and "Li Wu" count; "de", "Jan", "van der" and "de de" do not, nor do
    the placeholders of an erased person.
    """
    naam = " ".join((naam or "").split())
    if len(naam) < MINIMALE_NAAMLENGTE or "@" in naam:
        return False
    if naam.lower() in (PLAATSHOUDER, PLAATSHOUDER_MEDEWERKER):
        return False
    woorden = [woord.strip(".,'’-").lower() for woord in naam.split(" ")]
    echte = [w for w in woorden if len(w) >= 2 and w not in STOPWOORDEN and not w.isdigit()]
    return len(echte) >= 2


def plaatshouder_voor(gebruiker) -> str:
    """What an erased account reads as: staff get a neutral word of their own."""
    if gebruiker.is_staff or gebruiker.is_superuser:
        return PLAATSHOUDER_MEDEWERKER
    return PLAATSHOUDER


# The apps whose free text (a verslag, an application's answers, a note) may name a person.
APPS_MET_VRIJE_TEKST = ("aanmeldingen", "casuswijken")


class Bij(models.TextChoices):
    """What erasure does to a kind of record."""

    VERWIJDERD = "verwijderd", "wordt verwijderd"
    PLAATSHOUDER = "plaatshouder", f"blijft, met “{PLAATSHOUDER}” in plaats van de persoon"
    BLIJFT = "blijft", "blijft zoals het is: er staan geen persoonsgegevens in"


@dataclass
class Persoon:
    """Who is looked up: the address, the accounts with it, and the names they go by.

    `namen` are the names searched in other people's texts: only those that pass
    is_volledige_naam; `andere_namen` are the ones that did not (never searched)."""

    email: str
    gebruikers: list = field(default_factory=list)
    namen: list[str] = field(default_factory=list)
    andere_namen: list[str] = field(default_factory=list)

    def met_namen(self, namen: Iterable[str]) -> "Persoon":
        """The same person, searched by only these of their names (the ones the
        coördinator ticked for erasure, or one name to count its hits)."""
        gekozen = set(namen)
        return Persoon(
            email=self.email,
            gebruikers=self.gebruikers,
            namen=[naam for naam in self.namen if naam in gekozen],
        )

    @property
    def is_medewerker(self) -> bool:
        return any(g.is_staff or g.is_superuser for g in self.gebruikers)

    @property
    def plaatshouder(self) -> str:
        return PLAATSHOUDER_MEDEWERKER if self.is_medewerker else PLAATSHOUDER

    @property
    def gebruiker_ids(self) -> list[int]:
        return [gebruiker.pk for gebruiker in self.gebruikers]

    @property
    def gebruikersnamen(self) -> list[str]:
        return [gebruiker.get_username() for gebruiker in self.gebruikers]

    @property
    def termen(self) -> list[str]:
        """What names them in a text: the address and each full name, longest first (so
        that "Jan de Vries" goes before a shorter name inside it)."""
        return sorted({term for term in (self.email, *self.namen) if term}, key=len, reverse=True)

    def noemt(self, tekst: str) -> bool:
        return bool(tekst) and self.patroon.search(tekst) is not None

    def vervang(self, tekst: str) -> str:
        return self.patroon.sub(self.plaatshouder, tekst) if tekst else tekst

    @property
    def patroon(self) -> re.Pattern:
        # Whole words only: the name "Jan" does not change "januari".
        delen = "|".join(re.escape(term) for term in self.termen)
        return re.compile(rf"(?<!\w)(?:{delen})(?!\w)", re.IGNORECASE)


def persoon_met(email: str) -> Persoon:
    """The person with this address (case does not matter): their accounts and names."""
    email = email.strip()
    gebruikers = list(
        get_user_model().objects.filter(email__iexact=email).prefetch_related("groups")
    )
    namen = {
        " ".join(naam.split())
        for naam in Coalitielid.objects.filter(email__iexact=email).values_list("naam", flat=True)
    } | {" ".join(gebruiker.get_full_name().split()) for gebruiker in gebruikers}
    namen = {naam for naam in namen if naam}
    return Persoon(
        email=email,
        gebruikers=gebruikers,
        namen=sorted(naam for naam in namen if is_volledige_naam(naam)),
        andere_namen=sorted(naam for naam in namen if not is_volledige_naam(naam)),
    )


def _tijd(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _beheerlink(obj, zichtbaar: set) -> str | None:
    """The record's admin page, when this reader may open it (`zichtbaar`: the models)."""
    model = type(obj)
    if obj is None or model not in zichtbaar:
        return None
    try:
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return None


def _zelf(obj):
    return obj


@dataclass(frozen=True)
class Soort:
    """One kind of record about a person: how to find it, how it reads in the export (and
    what each field means, for LEESMIJ.txt), and what erasure does to it."""

    sleutel: str
    titel: str
    bij_verwijderen: Bij
    velden: dict[str, str]
    rijen: Callable[[Persoon], Iterable]
    regel: Callable[[object, Persoon], dict]
    weergave: Callable[[object], str] = str
    # The record whose admin page the lookup links to (None: no page).
    doel: Callable[[object], object] = _zelf
    # More about erasure, when it does not do the same to every record of the kind.
    opmerking: str = ""


@dataclass
class Vondst:
    soort: Soort
    rijen: list

    @property
    def aantal(self) -> int:
        return len(self.rijen)

    def items(self, zichtbaar: set) -> list[tuple[str, str | None]]:
        """Each record as the lookup page shows it: a short text, and a link to its admin
        page where the reader may open it (`zichtbaar`: the models they may view)."""
        return [
            (self.soort.weergave(rij), _beheerlink(self.soort.doel(rij), zichtbaar))
            for rij in self.rijen
        ]


# --- The kinds, in the order the lookup page and the export show them. ---------------------


def _accounts(persoon: Persoon):
    return persoon.gebruikers


def _regel_account(gebruiker, persoon) -> dict:
    return {
        "gebruikersnaam": gebruiker.get_username(),
        "voornaam": gebruiker.first_name,
        "achternaam": gebruiker.last_name,
        "e-mailadres": gebruiker.email,
        "medewerker": gebruiker.is_staff,
        "actief": gebruiker.is_active,
        "rollen": sorted(groep.name for groep in gebruiker.groups.all()),
        "aangemaakt": _tijd(gebruiker.date_joined),
        "laatst_ingelogd": _tijd(gebruiker.last_login),
    }


def _regel_lid(lid: Coalitielid, persoon) -> dict:
    return {
        "aanmelding": str(lid.aanmelding),
        "oproep": lid.aanmelding.oproep.titel,
        "status_aanmelding": lid.aanmelding.get_status_display(),
        "naam": lid.naam,
        "organisatie": lid.organisatie,
        "organisatietype": lid.get_organisatietype_display(),
        "domein": lid.get_domein_display(),
        "functie": lid.functie,
        "e-mailadres": lid.email,
        "contactpersoon": lid.is_contactpersoon,
    }


def _regel_deelname(deelname: Deelname, persoon) -> dict:
    return {
        "casuswijk": deelname.casuswijk.naam,
        "rol": deelname.get_rol_display(),
        "organisatie": deelname.organisatie,
        "functie": deelname.functie,
        "begonnen_op": _tijd(deelname.begonnen_op),
        "beeindigd_op": _tijd(deelname.beeindigd_op),
    }


def _actiepunten(persoon: Persoon):
    return Actiepunt.objects.filter(
        Q(eigenaar__in=persoon.gebruiker_ids) | Q(eigenaar_naam__in=persoon.namen)
    ).select_related("casuswijk", "bijeenkomst")


def _regel_actiepunt(punt: Actiepunt, persoon) -> dict:
    return {
        "casuswijk": punt.casuswijk.naam,
        "bijeenkomst": punt.bijeenkomst.titel,
        "omschrijving": punt.omschrijving,
        "deadline": punt.deadline.isoformat() if punt.deadline else None,
        "status": punt.get_status_display(),
        "afgerond_op": punt.afgerond_op.isoformat() if punt.afgerond_op else None,
    }


def _regel_actiepuntwijziging(wijziging: Actiepuntwijziging, persoon) -> dict:
    return {
        "actiepunt": wijziging.actiepunt.omschrijving,
        "op": _tijd(wijziging.op),
        "status": wijziging.get_status_display(),
        "notitie": wijziging.notitie,
    }


def _regel_reactie(reactie: Reactie, persoon) -> dict:
    return {
        "bijeenkomst": reactie.bijeenkomst.titel,
        "tekst": reactie.tekst,
        "geplaatst_op": _tijd(reactie.geplaatst_op),
    }


def _regel_uitnodiging(uitnodiging: Uitnodiging, persoon) -> dict:
    return {
        "bijeenkomst": uitnodiging.bijeenkomst.titel,
        "begint_op": _tijd(uitnodiging.bijeenkomst.begint_op),
        "antwoord": uitnodiging.get_antwoord_display(),
        "beantwoord_op": _tijd(uitnodiging.beantwoord_op),
        "aanwezig": uitnodiging.aanwezig,
    }


def _regel_voorstel(voorstel: Interventievoorstel, persoon) -> dict:
    return {
        "casuswijk": voorstel.casuswijk.naam,
        "naam": voorstel.naam,
        "omschrijving": voorstel.omschrijving,
        "partners": voorstel.partners,
        "ervaringen": voorstel.ervaringen,
        "voorgesteld_op": _tijd(voorstel.voorgesteld_op),
        "besluit": voorstel.get_besluit_display(),
        "reden": voorstel.reden,
    }


def _regel_bijlage(bijlage: Bijlage, persoon) -> dict:
    return {
        "bijeenkomst": bijlage.bijeenkomst.titel,
        "naam": bijlage.naam,
        "soort_bestand": bijlage.inhoudstype,
        "grootte": bijlage.grootte,
        "toegevoegd_op": _tijd(bijlage.toegevoegd_op),
    }


def _regel_begeleiding(bijeenkomst: Bijeenkomst, persoon) -> dict:
    return {"bijeenkomst": bijeenkomst.titel, "begint_op": _tijd(bijeenkomst.begint_op)}


def _regel_beoordeling(beoordeling: Beoordeling, persoon) -> dict:
    return {
        "aanmelding": str(beoordeling.aanmelding),
        "scores": {criterium.label: score for criterium, score in beoordeling.scores},
        "motivatie": beoordeling.motivatie,
        "advies": beoordeling.get_advies_display(),
        "aangemaakt": _tijd(beoordeling.aangemaakt),
    }


def _regel_toewijzing(toewijzing: Toewijzing, persoon) -> dict:
    return {"aanmelding": str(toewijzing.aanmelding), "aangemaakt": _tijd(toewijzing.aangemaakt)}


def _regel_belangenconflict(conflict: Belangenconflict, persoon) -> dict:
    return {
        "aanmelding": str(conflict.aanmelding),
        "toelichting": conflict.toelichting,
        "gemeld_op": _tijd(conflict.gemeld_op),
    }


def _regel_statuswijziging(wijziging: Statuswijziging, persoon) -> dict:
    return {
        "aanmelding": str(wijziging.aanmelding),
        "van": wijziging.get_van_display(),
        "naar": wijziging.get_naar_display(),
        "toelichting": wijziging.toelichting,
        "tijdstip": _tijd(wijziging.tijdstip),
    }


def _regel_besluitbericht(bericht: Besluitbericht, persoon) -> dict:
    return {
        "aanmelding": str(bericht.aanmelding),
        "besluit": bericht.get_besluit_display(),
        "aan": bericht.aan,
        "onderwerp": bericht.onderwerp,
        "tekst": bericht.tekst,
        "status": bericht.get_status_display(),
        "verstuurd_op": _tijd(bericht.verstuurd_op),
    }


def _toestemmingen(persoon: Persoon):
    """The consents given for the applications where the person is the contact person (a
    consent names nobody: the contact person is who ticks the box)."""
    aanmeldingen = Coalitielid.objects.filter(
        email__iexact=persoon.email, is_contactpersoon=True
    ).values("aanmelding")
    return (
        Toestemming.objects.filter(aanmelding__in=aanmeldingen)
        .select_related("aanmelding")
        .order_by("aanmelding", "tijdstip", "pk")
    )


def _regel_toestemming(toestemming: Toestemming, persoon) -> dict:
    return {
        "aanmelding": str(toestemming.aanmelding),
        "tijdstip": _tijd(toestemming.tijdstip),
        "versie": toestemming.versie,
        "moment": toestemming.get_moment_display(),
    }


def _aan(taak: DBTaskResult) -> list[str]:
    return [adres.lower() for adres in taak.args_kwargs.get("kwargs", {}).get("aan", [])]


def _mails(persoon: Persoon) -> list[DBTaskResult]:
    # A first cut in the database, the exact one on the addressee.
    kandidaten = DBTaskResult.objects.filter(
        task_path=mail.TAAKPAD, args_kwargs__icontains=persoon.email
    ).order_by("enqueued_at")
    return [taak for taak in kandidaten if persoon.email.lower() in _aan(taak)]


def _regel_mail(taak: DBTaskResult, persoon) -> dict:
    return {
        "aan": persoon.email,
        "onderwerp": taak.args_kwargs.get("kwargs", {}).get("onderwerp", ""),
        "in_wachtrij_op": _tijd(taak.enqueued_at),
        "status": taak.status,
    }


def _weergave_mail(taak: DBTaskResult) -> str:
    return taak.args_kwargs.get("kwargs", {}).get("onderwerp", "") or "(zonder onderwerp)"


def _met_een_van(veld: str, waarden: Iterable[str]) -> Q:
    filter_ = Q(pk__in=[])
    for waarde in waarden:
        if waarde:
            filter_ |= Q(**{f"{veld}__iexact": waarde})
    return filter_


def _beveiligingslog(persoon: Persoon):
    return Beveiligingsgebeurtenis.objects.filter(
        Q(gebruiker__in=persoon.gebruiker_ids)
        | _met_een_van("gebruikersnaam", [persoon.email, *persoon.gebruikersnamen])
    )


def _regel_gebeurtenis(gebeurtenis: Beveiligingsgebeurtenis, persoon) -> dict:
    return {
        "tijdstip": _tijd(gebeurtenis.tijdstip),
        "soort": gebeurtenis.get_soort_display(),
        "gebruikersnaam": gebeurtenis.gebruikersnaam,
        "adres": gebeurtenis.adres,
        "details": gebeurtenis.details,
    }


def _inlogpogingen(persoon: Persoon) -> list:
    namen = [persoon.email, *persoon.gebruikersnamen]
    return [
        *AccessAttempt.objects.filter(_met_een_van("username", namen)),
        *AccessFailureLog.objects.filter(_met_een_van("username", namen)),
        *AccessLog.objects.filter(_met_een_van("username", namen)),
    ]


def _regel_inlogpoging(poging, persoon) -> dict:
    return {
        "gebruikersnaam": poging.username,
        "adres": poging.ip_address,
        "browser": poging.user_agent,
        "tijdstip": _tijd(poging.attempt_time),
    }


def _weergave_inlogpoging(poging) -> str:
    return (
        f"{poging._meta.verbose_name} op {timezone.localtime(poging.attempt_time):%d-%m-%Y %H:%M}"
    )


def _sessies(persoon: Persoon) -> list[Session]:
    # The account sits inside the encoded session data; a few rows per person at most.
    ids = {str(pk) for pk in persoon.gebruiker_ids}
    if not ids:
        return []
    return [
        sessie
        for sessie in Session.objects.order_by("expire_date")
        if str(sessie.get_decoded().get("_auth_user_id")) in ids
    ]


def _regel_sessie(sessie: Session, persoon) -> dict:
    return {"verloopt_op": _tijd(sessie.expire_date)}


def _weergave_sessie(sessie: Session) -> str:
    return f"ingelogd, verloopt {timezone.localtime(sessie.expire_date):%d-%m-%Y %H:%M}"


def _tweede_stap(persoon: Persoon) -> list:
    return [
        *TOTPDevice.objects.filter(user__in=persoon.gebruiker_ids),
        *StaticDevice.objects.filter(user__in=persoon.gebruiker_ids),
    ]


def _regel_apparaat(apparaat, persoon) -> dict:
    return {
        "soort": apparaat._meta.verbose_name,
        "bevestigd": apparaat.confirmed,
        "ingesteld_op": _tijd(getattr(apparaat, "created_at", None)),
        "laatst_gebruikt": _tijd(getattr(apparaat, "last_used_at", None)),
    }


def _beheerlog(persoon: Persoon):
    """The admin's change log on their records, and every entry whose text names them
    (the name of a record, or of a member changed along with an application)."""
    filter_ = Q(pk__in=[])
    for term in persoon.termen:
        filter_ |= Q(object_repr__icontains=term) | Q(change_message__icontains=term)
    eigen = {
        get_user_model(): persoon.gebruiker_ids,
        Coalitielid: Coalitielid.objects.filter(email__iexact=persoon.email).values_list(
            "pk", flat=True
        ),
        Deelname: Deelname.objects.filter(gebruiker__in=persoon.gebruiker_ids).values_list(
            "pk", flat=True
        ),
    }
    for model, sleutels in eigen.items():
        sleutels = [str(pk) for pk in sleutels]
        if sleutels:
            filter_ |= Q(
                content_type=ContentType.objects.get_for_model(model), object_id__in=sleutels
            )
    return LogEntry.objects.filter(filter_).select_related("content_type")


def _regel_logregel(regel: LogEntry, persoon) -> dict:
    return {
        "tijdstip": _tijd(regel.action_time),
        "soort_record": str(regel.content_type.name) if regel.content_type else "",
        "record": regel.object_repr,
        "handeling": {1: "toegevoegd", 2: "gewijzigd", 3: "verwijderd"}.get(regel.action_flag),
    }


def _weergave_logregel(regel: LogEntry) -> str:
    return f"{regel.object_repr} ({timezone.localtime(regel.action_time):%d-%m-%Y})"


def _json_filter(veld: str, persoon: Persoon) -> Q:
    """A first cut on a JSON column: SQLite stores non-ASCII letters escaped (\\u00e9)."""
    filter_ = Q(pk__in=[])
    for term in persoon.termen:
        filter_ |= Q(**{f"{veld}__icontains": term})
        filter_ |= Q(**{f"{veld}__icontains": json.dumps(term)[1:-1]})
    return filter_


def _noemt_in_json(waarde, persoon: Persoon) -> bool:
    if isinstance(waarde, str):
        return persoon.noemt(waarde)
    if isinstance(waarde, dict):
        return any(_noemt_in_json(v, persoon) for v in waarde.values())
    if isinstance(waarde, list):
        return any(_noemt_in_json(v, persoon) for v in waarde)
    return False


def _vervang_in_json(waarde, persoon: Persoon):
    if isinstance(waarde, str):
        return persoon.vervang(waarde)
    if isinstance(waarde, dict):
        return {k: _vervang_in_json(v, persoon) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_vervang_in_json(v, persoon) for v in waarde]
    return waarde


def _revisies(persoon: Persoon) -> list[Revisie]:
    kandidaten = Revisie.objects.filter(_json_filter("wijzigingen", persoon)).select_related(
        "aanmelding"
    )
    return [revisie for revisie in kandidaten if _noemt_in_json(revisie.wijzigingen, persoon)]


def _regel_revisie(revisie: Revisie, persoon) -> dict:
    # Only the changed fields that name them: the rest of the change is the coalition's.
    return {
        "aanmelding": str(revisie.aanmelding),
        "tijdstip": _tijd(revisie.tijdstip),
        "wijzigingen": [
            {
                sleutel: (
                    waarde
                    if sleutel == "veld"
                    else " ".join(fragmenten(waarde, persoon)) or None
                    if isinstance(waarde, str)
                    else None
                )
                for sleutel, waarde in wijziging.items()
            }
            for wijziging in revisie.wijzigingen
            if _noemt_in_json(wijziging, persoon)
        ],
    }


def _weergave_revisie(revisie: Revisie) -> str:
    return f"{revisie.aanmelding}, {timezone.localtime(revisie.tijdstip):%d-%m-%Y}"


def _mails_aan_anderen(persoon: Persoon) -> list[DBTaskResult]:
    """Mails to someone else that name them (a coalition's confirmation lists its members)."""
    eigen = {taak.pk for taak in _mails(persoon)}
    kandidaten = DBTaskResult.objects.filter(_json_filter("args_kwargs", persoon))
    return [
        taak
        for taak in kandidaten
        if taak.pk not in eigen and _noemt_in_json(taak.args_kwargs, persoon)
    ]


@dataclass(frozen=True)
class Vermelding:
    """A record of someone else whose free text names the person."""

    obj: models.Model
    velden: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.obj._meta.verbose_name}: {self.obj} ({', '.join(self.velden)})"


def _tekstvelden(model) -> list[str]:
    return [
        veld.name
        for veld in model._meta.concrete_fields
        if isinstance(veld, models.CharField | models.TextField) and not veld.choices
    ]


# Records named by address already have a kind of their own.
_NIET_ALS_VERMELDING = {Coalitielid, Besluitbericht}


def _vermeldingen(persoon: Persoon) -> list[Vermelding]:
    vermeldingen = []
    for app_label in APPS_MET_VRIJE_TEKST:
        for model in apps.get_app_config(app_label).get_models():
            velden = _tekstvelden(model)
            if model in _NIET_ALS_VERMELDING or not velden:
                continue
            filter_ = Q(pk__in=[])
            for veld in velden:
                for term in persoon.termen:
                    filter_ |= Q(**{f"{veld}__icontains": term})
            # Each record shows by its name, which may be its parent's (str of a Deelname).
            ouders = [veld.name for veld in model._meta.concrete_fields if veld.many_to_one]
            rijen = model._default_manager.filter(filter_).select_related(*ouders)
            for obj in rijen.order_by("pk"):
                noemend = tuple(v for v in velden if persoon.noemt(getattr(obj, v)))
                if noemend:
                    vermeldingen.append(Vermelding(obj, noemend))
    return vermeldingen


# How much of a sentence around a name the export shows, at most, on each side.
OMGEVING = 60


def fragmenten(tekst: str, persoon: Persoon) -> list[str]:
    """The sentences of someone else's text that name the person, each cut to OMGEVING
    characters around the name: the export shows where they are named, not the text."""
    gevonden = []
    for zin in re.split(r"(?<=[.!?])\s+|\n+", tekst or ""):
        zin = zin.strip()
        treffer = persoon.patroon.search(zin)
        if not treffer:
            continue
        begin, einde = max(treffer.start() - OMGEVING, 0), treffer.end() + OMGEVING
        fragment = zin[begin:einde]
        gevonden.append(("…" if begin else "") + fragment + ("…" if einde < len(zin) else ""))
    return gevonden


def _regel_vermelding(vermelding: Vermelding, persoon: Persoon) -> dict:
    # Where they are named, not the text: the rest is about others.
    obj = vermelding.obj
    return {
        "soort_record": str(obj._meta.verbose_name),
        "id": obj.pk,
        "velden": {
            str(obj._meta.get_field(veld).verbose_name): fragmenten(getattr(obj, veld), persoon)
            for veld in vermelding.velden
        },
    }


def _op_gebruiker(model, veld: str, *, select: tuple[str, ...] = ()):
    def rijen(persoon: Persoon):
        return (
            model.objects.filter(**{f"{veld}__in": persoon.gebruiker_ids})
            .select_related(*select)
            .order_by("pk")
        )

    return rijen


SOORTEN: list[Soort] = [
    Soort(
        "accounts",
        "Accounts",
        Bij.PLAATSHOUDER,
        {
            "gebruikersnaam": "waarmee de persoon inlogt",
            "voornaam": "voornaam op het account",
            "achternaam": "achternaam op het account",
            "e-mailadres": "e-mailadres van het account",
            "medewerker": "of het een account van een medewerker is (beheer)",
            "actief": "of het account kan inloggen",
            "rollen": "de rollen van een medewerker",
            "aangemaakt": "wanneer het account is aangemaakt",
            "laatst_ingelogd": "wanneer de persoon het laatst inlogde",
        },
        _accounts,
        _regel_account,
        weergave=lambda g: g.get_full_name() or g.get_username(),
    ),
    Soort(
        "coalitieleden",
        "Coalitielid in een aanmelding",
        Bij.PLAATSHOUDER,
        {
            "aanmelding": "de wijk en gemeente van de aanmelding waarin de persoon staat",
            "oproep": "de oproep waarop de coalitie zich aanmeldde",
            "status_aanmelding": "hoe ver de aanmelding is",
            "naam": "naam zoals de aanvrager die invulde",
            "organisatie": "organisatie van het lid",
            "organisatietype": "soort organisatie",
            "domein": "fysiek of sociaal domein",
            "functie": "functie van het lid",
            "e-mailadres": "e-mailadres van het lid",
            "contactpersoon": "of dit lid de contactpersoon van de aanmelding is",
        },
        lambda p: (
            Coalitielid.objects.filter(email__iexact=p.email)
            .select_related("aanmelding__oproep")
            .order_by("pk")
        ),
        _regel_lid,
        weergave=lambda lid: f"{lid.naam} in {lid.aanmelding}",
        doel=lambda lid: lid.aanmelding,
    ),
    Soort(
        "deelnames",
        "Deelname aan een casuswijk",
        Bij.VERWIJDERD,
        {
            "casuswijk": "de casuswijk",
            "rol": "coalitielid of lokale partner",
            "organisatie": "organisatie zoals bij de deelname vastgelegd",
            "functie": "functie zoals bij de deelname vastgelegd",
            "begonnen_op": "sinds wanneer de persoon deelneemt",
            "beeindigd_op": "wanneer de deelname eindigde (leeg: loopt nog)",
        },
        _op_gebruiker(Deelname, "gebruiker", select=("casuswijk", "gebruiker")),
        _regel_deelname,
        weergave=lambda d: f"{d.get_rol_display()} in {d.casuswijk}",
    ),
    Soort(
        "actiepunten",
        "Actiepunten waarvan de persoon eigenaar is",
        Bij.PLAATSHOUDER,
        {
            "casuswijk": "de casuswijk van het actiepunt",
            "bijeenkomst": "de bijeenkomst waarin het is afgesproken",
            "omschrijving": "wat er is afgesproken",
            "deadline": "uiterste datum",
            "status": "open, loopt of afgerond",
            "afgerond_op": "wanneer het is afgerond",
        },
        _actiepunten,
        _regel_actiepunt,
    ),
    Soort(
        "actiepuntwijzigingen",
        "Wijzigingen van actiepunten door de persoon",
        Bij.PLAATSHOUDER,
        {
            "actiepunt": "het actiepunt",
            "op": "wanneer",
            "status": "de nieuwe status",
            "notitie": "de notitie bij de wijziging",
        },
        _op_gebruiker(Actiepuntwijziging, "door", select=("actiepunt",)),
        _regel_actiepuntwijziging,
    ),
    Soort(
        "reacties",
        "Reacties op verslagen",
        Bij.PLAATSHOUDER,
        {
            "bijeenkomst": "de bijeenkomst met het verslag",
            "tekst": "de reactie",
            "geplaatst_op": "wanneer",
        },
        _op_gebruiker(Reactie, "gebruiker", select=("bijeenkomst",)),
        _regel_reactie,
    ),
    Soort(
        "uitnodigingen",
        "Uitnodigingen en antwoorden",
        Bij.VERWIJDERD,
        {
            "bijeenkomst": "de bijeenkomst",
            "begint_op": "wanneer de bijeenkomst begint",
            "antwoord": "ik kom, ik kom niet of misschien (leeg: geen antwoord)",
            "beantwoord_op": "wanneer de persoon antwoordde",
            "aanwezig": "of de persoon er was (leeg: niet vastgelegd)",
        },
        _op_gebruiker(Uitnodiging, "gebruiker", select=("bijeenkomst", "gebruiker")),
        _regel_uitnodiging,
    ),
    Soort(
        "voorstellen",
        "Voorstellen voor interventies",
        Bij.PLAATSHOUDER,
        {
            "casuswijk": "de casuswijk",
            "naam": "naam van de voorgestelde interventie",
            "omschrijving": "omschrijving",
            "partners": "betrokken partners",
            "ervaringen": "ervaringen",
            "voorgesteld_op": "wanneer",
            "besluit": "voorgesteld, aanvaard of afgewezen",
            "reden": "de reden bij een afwijzing",
        },
        _op_gebruiker(Interventievoorstel, "voorgesteld_door", select=("casuswijk",)),
        _regel_voorstel,
    ),
    Soort(
        "bijlagen",
        "Bijlagen die de persoon toevoegde",
        Bij.PLAATSHOUDER,
        {
            "bijeenkomst": "de bijeenkomst",
            "naam": "bestandsnaam",
            "soort_bestand": "soort bestand",
            "grootte": "grootte in bytes",
            "toegevoegd_op": "wanneer",
        },
        _op_gebruiker(Bijlage, "toegevoegd_door", select=("bijeenkomst",)),
        _regel_bijlage,
    ),
    Soort(
        "begeleiding",
        "Bijeenkomsten die de persoon begeleidde",
        Bij.PLAATSHOUDER,
        {"bijeenkomst": "titel van de bijeenkomst", "begint_op": "wanneer ze begint"},
        lambda p: (
            Bijeenkomst.objects.filter(begeleiders__in=p.gebruiker_ids).distinct().order_by("pk")
        ),
        _regel_begeleiding,
    ),
    Soort(
        "beoordelingen",
        "Beoordelingen geschreven door de persoon",
        Bij.PLAATSHOUDER,
        {
            "aanmelding": "de beoordeelde aanmelding",
            "scores": "cijfer per criterium (1 tot 5)",
            "motivatie": "de motivatie",
            "advies": "het advies",
            "aangemaakt": "wanneer",
        },
        _op_gebruiker(Beoordeling, "beoordelaar", select=("aanmelding", "beoordelaar")),
        _regel_beoordeling,
    ),
    Soort(
        "toewijzingen",
        "Toegewezen om te beoordelen",
        Bij.PLAATSHOUDER,
        {"aanmelding": "de aanmelding", "aangemaakt": "wanneer toegewezen"},
        _op_gebruiker(Toewijzing, "beoordelaar", select=("aanmelding", "beoordelaar")),
        _regel_toewijzing,
        opmerking="Een toewijzing zonder beoordeling wordt verwijderd: de aanmelding telt "
        "dan niet meer op deze persoon.",
    ),
    Soort(
        "belangenconflicten",
        "Gemelde belangenconflicten",
        Bij.PLAATSHOUDER,
        {"aanmelding": "de aanmelding", "toelichting": "toelichting", "gemeld_op": "wanneer"},
        _op_gebruiker(Belangenconflict, "beoordelaar", select=("aanmelding", "beoordelaar")),
        _regel_belangenconflict,
    ),
    Soort(
        "statuswijzigingen",
        "Statuswijzigingen van aanmeldingen door de persoon",
        Bij.PLAATSHOUDER,
        {
            "aanmelding": "de aanmelding",
            "van": "oude status",
            "naar": "nieuwe status",
            "toelichting": "toelichting",
            "tijdstip": "wanneer",
        },
        _op_gebruiker(Statuswijziging, "door", select=("aanmelding",)),
        _regel_statuswijziging,
    ),
    Soort(
        "besluitberichten",
        "Besluitmails aan de persoon",
        Bij.PLAATSHOUDER,
        {
            "aanmelding": "de aanmelding",
            "besluit": "het besluit",
            "aan": "het e-mailadres",
            "onderwerp": "onderwerp van de mail",
            "tekst": "tekst van de mail",
            "status": "of de mail verstuurd is",
            "verstuurd_op": "wanneer",
        },
        lambda p: (
            Besluitbericht.objects.filter(aan__iexact=p.email)
            .select_related("aanmelding")
            .order_by("pk")
        ),
        _regel_besluitbericht,
    ),
    Soort(
        "toestemmingen",
        "Toestemmingen met de privacyverklaring (als contactpersoon)",
        Bij.BLIJFT,
        {
            "aanmelding": "de aanmelding waarvan de persoon contactpersoon is",
            "tijdstip": "wanneer de toestemming is gegeven",
            "versie": "de versie van de privacyverklaring",
            "moment": "bij het opslaan van een concept, het indienen of een wijziging",
        },
        _toestemmingen,
        _regel_toestemming,
        weergave=lambda t: f"{t.aanmelding}: {t}",
        doel=lambda t: t.aanmelding,
        opmerking="Er staat geen naam of e-mailadres in, alleen tijdstip, versie en moment; "
        "ze tonen dat de aanmelding met toestemming is gedaan.",
    ),
    Soort(
        "mails",
        "Mails aan de persoon in de wachtrij",
        Bij.VERWIJDERD,
        {
            "aan": "het e-mailadres",
            "onderwerp": "onderwerp van de mail (de tekst zelf staat er niet bij: die kan "
            "anderen noemen, zoals de leden van een coalitie)",
            "in_wachtrij_op": "wanneer de mail klaargezet is",
            "status": "hoe het versturen ging",
        },
        _mails,
        _regel_mail,
        weergave=_weergave_mail,
    ),
    Soort(
        "mails_aan_anderen",
        "Mails aan anderen die de persoon noemen",
        Bij.PLAATSHOUDER,
        {"onderwerp": "onderwerp van de mail (aan wie die ging, staat er niet bij)"},
        _mails_aan_anderen,
        lambda taak, persoon: {"onderwerp": _weergave_mail(taak)},
        weergave=_weergave_mail,
    ),
    Soort(
        "beveiligingslog",
        "Beveiligingslog",
        Bij.VERWIJDERD,
        {
            "tijdstip": "wanneer",
            "soort": "wat er gebeurde (inloggen, uitloggen, tweede stap, ...)",
            "gebruikersnaam": "het account",
            "adres": "het internetadres van de bezoeker",
            "details": "korte feiten zonder geheimen (welke inlogpagina, reden)",
        },
        _beveiligingslog,
        _regel_gebeurtenis,
    ),
    Soort(
        "inlogpogingen",
        "Mislukte inlogpogingen en blokkades",
        Bij.VERWIJDERD,
        {
            "gebruikersnaam": "de ingetypte gebruikersnaam",
            "adres": "het internetadres van de bezoeker",
            "browser": "de browser",
            "tijdstip": "wanneer",
        },
        _inlogpogingen,
        _regel_inlogpoging,
        weergave=_weergave_inlogpoging,
        doel=lambda poging: None,
    ),
    Soort(
        "sessies",
        "Ingelogde sessies",
        Bij.VERWIJDERD,
        {"verloopt_op": "wanneer de sessie verloopt"},
        _sessies,
        _regel_sessie,
        weergave=_weergave_sessie,
        doel=lambda sessie: None,
    ),
    Soort(
        "tweede_stap",
        "Tweede stap (authenticator-app en herstelcodes)",
        Bij.VERWIJDERD,
        {
            "soort": "app of herstelcodes",
            "bevestigd": "of de app is ingesteld",
            "ingesteld_op": "wanneer",
            "laatst_gebruikt": "wanneer het laatst gebruikt",
        },
        _tweede_stap,
        _regel_apparaat,
        weergave=lambda apparaat: str(apparaat._meta.verbose_name),
        doel=lambda apparaat: None,
    ),
    Soort(
        "beheerlog",
        "Wijzigingen in het beheer die de persoon noemen",
        Bij.VERWIJDERD,
        {
            "tijdstip": "wanneer",
            "soort_record": "wat voor record",
            "record": "de naam van het record zoals toen",
            "handeling": "toegevoegd, gewijzigd of verwijderd",
        },
        _beheerlog,
        _regel_logregel,
        weergave=_weergave_logregel,
        doel=lambda regel: None,
    ),
    Soort(
        "revisies",
        "Oude waarden in wijzigingen van een aanmelding",
        Bij.PLAATSHOUDER,
        {
            "aanmelding": "de aanmelding",
            "tijdstip": "wanneer de aanvrager wijzigde",
            "wijzigingen": "de gewijzigde velden die de persoon noemen: veld, en van oud en "
            "nieuw alleen de zinnen met de naam of het e-mailadres (leeg: noemt de persoon niet)",
        },
        _revisies,
        _regel_revisie,
        weergave=_weergave_revisie,
        doel=lambda revisie: revisie.aanmelding,
    ),
    Soort(
        "vermeldingen",
        "Genoemd in tekst (verslagen, actiepunten, aanmeldingen)",
        Bij.PLAATSHOUDER,
        {
            "soort_record": "wat voor record",
            "id": "het nummer van het record",
            "velden": "per veld de zinnen waarin de naam of het e-mailadres staat (alleen het "
            "stuk rond de naam, niet de hele tekst)",
        },
        _vermeldingen,
        _regel_vermelding,
        doel=lambda vermelding: vermelding.obj,
    ),
]


def zoek(persoon: Persoon) -> list[Vondst]:
    """Every record about this person, kind by kind (kinds without records included)."""
    return [Vondst(soort, list(soort.rijen(persoon))) for soort in SOORTEN]


def aantallen(vondsten: list[Vondst]) -> dict[str, int]:
    return {vondst.soort.sleutel: vondst.aantal for vondst in vondsten if vondst.aantal}


def treffers_per_naam(persoon: Persoon) -> list[tuple[str, int]]:
    """Each name searched, with the number of other people's texts it is found in (free
    text, revisions, mails to others, the admin's log): for the coördinator to judge,
    before erasure, whether the name is really this person's."""
    uitkomst = []
    for naam in persoon.namen:
        alleen = Persoon(email="", namen=[naam])
        tekstlog = LogEntry.objects.filter(
            Q(object_repr__icontains=naam) | Q(change_message__icontains=naam)
        )
        aantal = (
            len(_vermeldingen(alleen))
            + len(_revisies(alleen))
            + len(_mails_aan_anderen(alleen))
            + tekstlog.count()
            + Actiepunt.objects.filter(eigenaar_naam__iexact=naam).count()
        )
        uitkomst.append((naam, aantal))
    return uitkomst


def exporteer(*, persoon: Persoon, door, request=None) -> bytes:
    """A zip with gegevens.json (every record about the person, field by field) and a Dutch
    LEESMIJ.txt explaining each field and naming the names searched in other people's
    texts (only full names, is_volledige_naam). Side effects: a Privacyverzoek (inzage)
    with the counts, and an export line in the security log; neither holds the address."""
    vondsten = zoek(persoon)
    gegevens = {
        "gemaakt_op": _tijd(timezone.now()),
        "e-mailadres": persoon.email,
        "gezochte_namen": persoon.namen,
        "gegevens": {
            vondst.soort.sleutel: [vondst.soort.regel(rij, persoon) for rij in vondst.rijen]
            for vondst in vondsten
            if vondst.aantal
        },
    }
    leesmij = render_to_string(
        "admin/netwerk/privacyverzoek/leesmij.txt",
        {"soorten": SOORTEN, "plaatshouder": PLAATSHOUDER, "namen": persoon.namen},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr(
            "gegevens.json",
            json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archief.writestr("LEESMIJ.txt", leesmij)
    telling = aantallen(vondsten)
    Privacyverzoek.objects.create(soort=Verzoeksoort.INZAGE, behandeld_door=door, aantallen=telling)
    noteer(
        Gebeurtenis.EXPORT,
        request=request,
        gebruiker=door,
        wat="gegevens van een persoon",
        rijen=sum(telling.values()),
    )
    return buffer.getvalue()


class Geweigerd(Exception):
    """This erasure is not allowed (bezwaar says why, in Dutch)."""


def _beheerders():
    """The active accounts that can manage the portal: superusers and the role beheer."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True, groups__name=Rol.BEHEER))
        .distinct()
    )


def bezwaar(persoon: Persoon, door) -> str | None:
    """Why `door` may not erase this person, in Dutch, or None. Their own account, while
    logged in with it; a staff account without the right to manage accounts (beheer); and
    the last active beheer account, which would leave nobody to manage the portal."""
    if door is not None and door.pk in persoon.gebruiker_ids:
        return (
            "Dit is uw eigen e-mailadres. U kunt uw eigen account niet verwijderen terwijl u "
            "ermee bent ingelogd. Vraag een andere medewerker met dit recht."
        )
    if not persoon.is_medewerker:
        return None
    if door is None or not mag(door, Recht.BEHEER_ACCOUNTS):
        return (
            "Dit e-mailadres hoort bij een account van een medewerker. Alleen beheer mag dat "
            "account verwijderen."
        )
    if (
        _beheerders().filter(pk__in=persoon.gebruiker_ids).exists()
        and not _beheerders().exclude(pk__in=persoon.gebruiker_ids).exists()
    ):
        return (
            "Dit is het laatste actieve account van beheer. Maak eerst een ander account voor "
            "beheer, anders kan niemand het portaal meer beheren."
        )
    return None


def verwijder(*, persoon: Persoon, door, namen: Iterable[str] = (), request=None):
    """Erase the person, in one transaction. `namen`: the names the coördinator ticked
    (treffers_per_naam); only those, and the address, are replaced in other people's texts.

    Records others depend on keep a placeholder: a coalition member becomes PLAATSHOUDER
    (the coalition keeps its size and domains; organisation and its type stay, they are the
    organisation's), the account is anonymised (reactions, action points, reviews and
    changes then name the placeholder), and free text, revisions, decision mails and mails
    to others have the ticked names and the address replaced. The rest is deleted:
    participations, answers to invitations, assignments without a review, their mails in
    the queue, the security log, login blocks, sessions, second step and the admin's log
    lines naming them. The secret link of an application where they are the contact
    person stops working. Consents stay: they hold no personal data.
    Side effects: a Privacyverzoek (verwijdering) with the counts, and a line in the security
    log; neither holds the address or the name. Raises Geweigerd (see bezwaar)."""
    reden = bezwaar(persoon, door)
    if reden:
        raise Geweigerd(reden)
    gekozen = persoon.met_namen(namen)
    with transaction.atomic():
        vondsten = {vondst.soort.sleutel: vondst for vondst in zoek(gekozen)}
        telling = aantallen(vondsten.values())
        rijen = {sleutel: vondst.rijen for sleutel, vondst in vondsten.items()}

        # What refers to the records below goes first.
        for regel in rijen["beheerlog"]:
            regel.delete()
        for sleutel in ("deelnames", "uitnodigingen", "mails", "beveiligingslog", "inlogpogingen",
                        "sessies", "tweede_stap"):  # fmt: skip
            for rij in rijen[sleutel]:
                rij.delete()
        # An assignment still to do would keep counting as this reviewer's (the dashboard,
        # "Beoordelaars toewijzen"); one with a review stays with it.
        beoordeeld = Beoordeling.objects.filter(
            aanmelding=OuterRef("aanmelding"), beoordelaar=OuterRef("beoordelaar")
        )
        Toewijzing.objects.filter(pk__in=[t.pk for t in rijen["toewijzingen"]]).exclude(
            Exists(beoordeeld)
        ).delete()

        for lid in rijen["coalitieleden"]:
            Coalitielid.objects.filter(pk=lid.pk).update(naam=PLAATSHOUDER, functie="", email="")
        Aanmelding.objects.filter(
            pk__in=[lid.aanmelding_id for lid in rijen["coalitieleden"] if lid.is_contactpersoon]
        ).update(**GEEN_LINK)
        for punt in rijen["actiepunten"]:
            if punt.eigenaar_id is None:
                Actiepunt.objects.filter(pk=punt.pk).update(eigenaar_naam=PLAATSHOUDER)
        for bericht in rijen["besluitberichten"]:
            Besluitbericht.objects.filter(pk=bericht.pk).update(
                aan="",
                onderwerp=gekozen.vervang(bericht.onderwerp),
                tekst=gekozen.vervang(bericht.tekst),
                fout=gekozen.vervang(bericht.fout),
            )
        for revisie in rijen["revisies"]:
            Revisie.objects.filter(pk=revisie.pk).update(
                wijzigingen=_vervang_in_json(revisie.wijzigingen, gekozen)
            )
        for taak in rijen["mails_aan_anderen"]:
            DBTaskResult.objects.filter(pk=taak.pk).update(
                args_kwargs=_vervang_in_json(taak.args_kwargs, gekozen)
            )
        for vermelding in rijen["vermeldingen"]:
            obj = vermelding.obj
            type(obj)._default_manager.filter(pk=obj.pk).update(
                **{veld: gekozen.vervang(getattr(obj, veld)) for veld in vermelding.velden}
            )
        for gebruiker in persoon.gebruikers:
            anonimiseer_account(gebruiker)

        verzoek = Privacyverzoek.objects.create(
            soort=Verzoeksoort.VERWIJDERING, behandeld_door=door, aantallen=telling
        )
        noteer(
            Gebeurtenis.PERSOON_VERWIJDERD,
            request=request,
            gebruiker=door,
            rijen=sum(telling.values()),
        )
    return verzoek


# An application without a secret link: the old one answers 404, a waiting one is gone.
GEEN_LINK = {
    "toegang_selector": None,
    "toegang_hash": "",
    "toegang_verloopt_op": None,
    "wachtende_toegang_selector": "",
    "wachtende_toegang_hash": "",
}


GEWIST = "verwijderd-"


def anonimiseer_account(gebruiker) -> None:
    """The account row stays as a placeholder (plaatshouder_voor: PLAATSHOUDER, or
    PLAATSHOUDER_MEDEWERKER for staff), for the records of others that point at it,
    without name, address, password or rights. Used on request (verwijder) and when a
    participant's retention term has passed (casuswijken.services.bewaren)."""
    gebruiker.username = f"{GEWIST}{gebruiker.pk}"
    gebruiker.first_name = plaatshouder_voor(gebruiker)
    gebruiker.last_name = ""
    gebruiker.email = ""
    gebruiker.is_active = False
    gebruiker.is_staff = False
    gebruiker.is_superuser = False
    gebruiker.last_login = None
    gebruiker.set_unusable_password()
    gebruiker.save()
    gebruiker.groups.clear()
    gebruiker.user_permissions.clear()
