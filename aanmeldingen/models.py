import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from netwerk.rechten import Recht, mag

from . import toegang
from .enums import (
    BESLUITEN,
    STATUS_VOOR_AANVRAGER,
    TOEGESTANE_OVERGANGEN,
    Advies,
    Criterium,
    Domein,
    Leervraag,
    Organisatietype,
    Provincie,
    Status,
    Wijktype,
)

cbs_wijkcode_validator = RegexValidator(
    r"^WK\d{6}\Z",
    message="Een CBS-wijkcode bestaat uit WK en zes cijfers, bijvoorbeeld WK036301.",
)


class OproepQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "OproepQuerySet":
        """Published calls for everyone; staff also see calls that are not published yet."""
        if mag(user, Recht.LEES_OPROEPEN):
            return self.all()
        return self.filter(gepubliceerd=True)


class Oproep(models.Model):
    titel = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Deel van het webadres: /oproepen/…/."
    )
    inleiding = models.TextField(help_text="Markdown. Wat het leernetwerk is en voor wie.")
    gevraagde_inzet = models.TextField(
        "wat we van deelnemers vragen",
        blank=True,
        help_text="Markdown. Wat deelnemende coalities toezeggen: tijd, bijeenkomsten, delen.",
    )
    deadline = models.DateTimeField(help_text="Tot dit moment kan men zich aanmelden.")
    min_wijken = models.PositiveSmallIntegerField("minimum aantal casuswijken", default=3)
    max_wijken = models.PositiveSmallIntegerField("maximum aantal casuswijken", default=4)
    # Kept by services.wijzig_status; the constraint below is what makes the cap hold when
    # two coordinators select at the same moment.
    aantal_geselecteerd = models.PositiveSmallIntegerField(default=0, editable=False)
    gepubliceerd = models.BooleanField(default=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = OproepQuerySet.as_manager()

    class Meta:
        verbose_name = "oproep"
        verbose_name_plural = "oproepen"
        ordering = ["deadline"]
        permissions = [("verstuur_besluiten", "Kan de besluiten van een oproep versturen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_wijken__gte=1) & Q(max_wijken__gte=models.F("min_wijken")),
                name="oproep_wijken_min_max",
                violation_error_message="Het maximum aantal wijken moet minstens het minimum "
                "zijn, en het minimum minstens 1.",
            ),
            models.CheckConstraint(
                condition=Q(aantal_geselecteerd__lte=models.F("max_wijken")),
                name="oproep_niet_meer_geselecteerd_dan_max",
                violation_error_message="Er zijn al meer wijken geselecteerd dan dit maximum.",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("aanmeldingen:oproep", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.pk:
            geselecteerd = Oproep.objects.values_list("aantal_geselecteerd", flat=True).get(
                pk=self.pk
            )
            if self.max_wijken is not None and self.max_wijken < geselecteerd:
                raise ValidationError(
                    {
                        "max_wijken": f"Er zijn al {geselecteerd} wijken geselecteerd; maak "
                        "eerst selecties ongedaan voordat u het maximum verlaagt."
                    }
                )

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline


def _zelfde_wijk(gemeente, wijknaam, cbs_wijkcode) -> Q:
    """Same gemeente and wijknaam in any case, or the same CBS code: expressions or values."""
    return Q(_gemeente=Lower(gemeente), _wijknaam=Lower(wijknaam)) | (
        Q(cbs_wijkcode=cbs_wijkcode) & ~Q(cbs_wijkcode="")
    )


def _reviews():
    return Beoordeling.objects.filter(aanmelding=OuterRef("pk")).order_by()


def _per_aanmelding(waarde, **filters) -> Subquery:
    """One aggregate over an application's reviews, as a subquery of the application row."""
    return Subquery(
        _reviews().filter(**filters).values("aanmelding").annotate(waarde=waarde).values("waarde")
    )


def _eigen_beoordeling(user) -> Exists:
    return Exists(_reviews().filter(beoordelaar=user))


def _alleen_zichtbaar(user, uitdrukking, output_field):
    """NULL for rows whose reviews `user` may not see yet (BeoordelingQuerySet.zichtbaar_voor),
    so that sorting or filtering on such a column reveals nothing either; NULL for a
    withdrawn application too, whose reviews no longer weigh in any summary."""
    uitdrukking = Case(
        When(status=Status.INGETROKKEN, then=None), default=uitdrukking, output_field=output_field
    )
    if mag(user, Recht.LEES_ALLE_BEOORDELINGEN):
        return uitdrukking
    return Case(
        When(_eigen_beoordeling(user), then=uitdrukking), default=None, output_field=output_field
    )


# Applications that take reviews; a decision or a withdrawal ends the review.
IN_BEOORDELING = frozenset({Status.INGEDIEND, Status.IN_BEHANDELING})


class AanmeldingQuerySet(models.QuerySet):
    def aanmeldingen(self) -> "AanmeldingQuerySet":
        """What counts as an application: everything but concepts."""
        return self.exclude(status=Status.CONCEPT)

    def in_beoordeling(self) -> "AanmeldingQuerySet":
        """Applications under review: submitted or in behandeling, decision not sent."""
        return self.filter(status__in=IN_BEOORDELING, besluit_verzonden_op__isnull=True)

    def nog_te_beoordelen_door(self, user) -> "AanmeldingQuerySet":
        """Applications under review that `user` has not reviewed yet."""
        return self.in_beoordeling().exclude(_eigen_beoordeling(user))

    def via_link(self, token: str) -> "Aanmelding | None":
        """The application this secret link opens, or None: wrong, replaced or expired."""
        delen = toegang.ontleed(token)
        if delen is None:
            return None
        selector, verifier = delen
        aanmelding = self.filter(
            toegang_selector=selector, toegang_verloopt_op__gt=timezone.now()
        ).first()
        if aanmelding is None or not toegang.klopt(verifier, aanmelding.toegang_hash):
            return None
        return aanmelding

    def zelfde_wijk_als(self, *, oproep, gemeente, wijknaam, cbs_wijkcode="", behalve=None):
        """Other live applications in the call for the same neighbourhood.

        Concepts and withdrawn applications do not count: a warning about those would only
        confuse. `behalve` is the application asking, which is never its own duplicate.
        """
        gevonden = (
            self.aanmeldingen()
            .exclude(status=Status.INGETROKKEN)
            .annotate(_gemeente=Lower("gemeente"), _wijknaam=Lower("wijknaam"))
            .filter(
                _zelfde_wijk(Value(gemeente.strip()), Value(wijknaam.strip()), cbs_wijkcode),
                oproep=oproep,
            )
        )
        return gevonden.exclude(pk=behalve.pk) if behalve is not None else gevonden

    def met_dubbelmarkering(self) -> "AanmeldingQuerySet":
        """Annotate mogelijk_dubbel: another live application of the call for the same wijk.

        Two lookups rather than one with OR, so that each can use its index.
        """
        anderen = (
            Aanmelding.objects.aanmeldingen()
            .exclude(status=Status.INGETROKKEN)
            .filter(oproep=OuterRef("oproep"))
            .exclude(pk=OuterRef("pk"))
        )
        zelfde_naam = anderen.annotate(
            _gemeente=Lower("gemeente"), _wijknaam=Lower("wijknaam")
        ).filter(_gemeente=Lower(OuterRef("gemeente")), _wijknaam=Lower(OuterRef("wijknaam")))
        zelfde_code = anderen.filter(cbs_wijkcode=OuterRef("cbs_wijkcode")).exclude(cbs_wijkcode="")
        return self.annotate(
            mogelijk_dubbel=ExpressionWrapper(
                Q(Exists(zelfde_naam)) | Q(Exists(zelfde_code)), output_field=BooleanField()
            )
        )

    def met_beoordelingen_voor(self, user) -> "AanmeldingQuerySet":
        """Annotate the review summary and whether `user` may see it, in the same query.

        aantal_beoordelingen, gemiddelde (of every score of every review), the advice tally
        (advies_selecteren, advies_reserve, advies_afwijzen), door_mij_beoordeeld,
        beoordelingen_zichtbaar (see BeoordelingQuerySet.zichtbaar_voor) and
        gewijzigd_na_beoordeling (the applicant changed it after the first review).
        Subqueries rather than joins, so that the member counts stay true.
        """
        per_aanmelding = _per_aanmelding
        som = sum((F(veld) for veld in SCORE_VELDEN[1:]), F(SCORE_VELDEN[0]))
        eigen = _eigen_beoordeling(user)

        def alleen_zichtbaar(uitdrukking, output_field):
            return _alleen_zichtbaar(user, uitdrukking, output_field)

        return self.annotate(
            aantal_beoordelingen=Coalesce(per_aanmelding(Count("pk")), 0),
            gemiddelde=alleen_zichtbaar(
                per_aanmelding(Avg(Cast(som, FloatField()) / len(SCORE_VELDEN))), FloatField()
            ),
            advies_selecteren=alleen_zichtbaar(
                Coalesce(per_aanmelding(Count("pk"), advies=Advies.SELECTEREN), 0), IntegerField()
            ),
            advies_reserve=alleen_zichtbaar(
                Coalesce(per_aanmelding(Count("pk"), advies=Advies.RESERVE), 0), IntegerField()
            ),
            advies_afwijzen=alleen_zichtbaar(
                Coalesce(per_aanmelding(Count("pk"), advies=Advies.AFWIJZEN), 0), IntegerField()
            ),
            eerste_beoordeling=per_aanmelding(Min("aangemaakt")),
            door_mij_beoordeeld=eigen,
            beoordelingen_zichtbaar=(
                Value(True) if mag(user, Recht.LEES_ALLE_BEOORDELINGEN) else eigen
            ),
        ).annotate(
            gewijzigd_na_beoordeling=Exists(
                Revisie.objects.filter(
                    aanmelding=OuterRef("pk"), tijdstip__gt=OuterRef("eerste_beoordeling")
                )
            )
        )

    def met_criteriumgemiddelden_voor(self, user) -> "AanmeldingQuerySet":
        """Annotate gem_<score field>: the average per criterion, NULL where `user` may not
        see the reviews yet (as in met_beoordelingen_voor)."""
        return self.annotate(
            **{
                f"gem_{veld}": _alleen_zichtbaar(user, _per_aanmelding(Avg(veld)), FloatField())
                for veld in SCORE_VELDEN
            }
        )

    def met_coalitie_samenvatting(self) -> "AanmeldingQuerySet":
        """Annotate member count and domain coverage in the same query as the rows.

        Subqueries, not a join with GROUP BY: then a page of a long list is read in index
        order and only its own rows are counted (scripts/benchmark_changelist.py).
        """

        def aantal(**filters):
            return Coalesce(
                Subquery(
                    Coalitielid.objects.filter(aanmelding=OuterRef("pk"), **filters)
                    .order_by()
                    .values("aanmelding")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )

        return self.annotate(
            aantal_leden=aantal(),
            aantal_fysiek=aantal(domein=Domein.FYSIEK),
            aantal_sociaal=aantal(domein=Domein.SOCIAAL),
        )


class Aanmelding(models.Model):
    oproep = models.ForeignKey(Oproep, on_delete=models.PROTECT, related_name="aanmeldingen")

    wijknaam = models.CharField(max_length=100)
    gemeente = models.CharField(max_length=100)
    provincie = models.CharField(max_length=20, choices=Provincie)
    cbs_wijkcode = models.CharField(
        "CBS-wijkcode", max_length=8, blank=True, validators=[cbs_wijkcode_validator]
    )
    wijkbeschrijving = models.TextField(
        "beschrijving van de wijk",
        max_length=3000,
        help_text="Bewoners, woningvoorraad en de vraagstukken die nu spelen.",
    )
    aanpak = models.TextField(
        "de aanpak waar u voor staat",
        max_length=3000,
        help_text="Welke aanpak voor menging en inclusie gaat binnenkort van start, "
        "en volgens welke planning?",
    )
    leervraag_verwachtingen = models.TextField(Leervraag.VERWACHTINGEN.vraag, max_length=2000)
    leervraag_opbrengsten = models.TextField(Leervraag.OPBRENGSTEN.vraag, max_length=2000)
    leervraag_randvoorwaarden = models.TextField(Leervraag.RANDVOORWAARDEN.vraag, max_length=2000)
    leervraag_interventies = models.TextField(Leervraag.INTERVENTIES.vraag, max_length=2000)
    bestaande_interventies = models.TextField(
        "bestaande interventies in de wijk",
        max_length=3000,
        blank=True,
        help_text="Projecten, voorzieningen en afspraken voor menging en inclusie die al "
        "lopen of gepland zijn. Eén per regel is het handigst.",
    )

    status = models.CharField(max_length=20, choices=Status, default=Status.CONCEPT)
    # Sent along with the form, so that a double click or a resubmitted POST finds the
    # application it already created instead of writing a second one.
    indieningssleutel = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    # The secret link (see toegang.py): the selector finds the row, and only a hash of the
    # verifier is stored. A new link overwrites both, which is how an old link is revoked.
    # NULL (no link), not "", because the selector is unique.
    toegang_selector = models.CharField(  # noqa: DJ001
        max_length=toegang.SELECTOR_LENGTE, unique=True, null=True, editable=False
    )
    toegang_hash = models.CharField(max_length=64, blank=True, editable=False)
    toegang_verloopt_op = models.DateTimeField("link geldig tot", null=True, editable=False)
    # Raised by every save through the link; a form that carries an older number is stale.
    versie = models.PositiveIntegerField(default=1, editable=False)
    ingediend_op = models.DateTimeField(null=True, blank=True)
    besluit_verzonden_op = models.DateTimeField(null=True, blank=True, editable=False)
    wijktype = models.CharField(
        "type wijk",
        max_length=20,
        choices=Wijktype,
        blank=True,
        help_text="Indeling door de medewerkers, voor een gevarieerde selectie. De aanvrager "
        "ziet dit niet.",
    )
    privacy_akkoord_op = models.DateTimeField("akkoord met privacyverklaring op", null=True)
    privacyverklaring_versie = models.CharField(max_length=40, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-ingediend_op", "-aangemaakt"]
        permissions = [("neem_besluit", "Kan een besluit over een aanmelding vastleggen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="aanmelding_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.CONCEPT) | Q(ingediend_op__isnull=False),
                name="aanmelding_ingediend_heeft_tijdstip",
            ),
        ]
        indexes = [
            # The staff list's order, and the two ways of finding the same neighbourhood.
            models.Index(fields=["-ingediend_op", "-aangemaakt"], name="aanmelding_lijstvolgorde"),
            models.Index(
                "oproep", Lower("gemeente"), Lower("wijknaam"), name="aanmelding_zelfde_naam"
            ),
            models.Index(fields=["oproep", "cbs_wijkcode"], name="aanmelding_zelfde_code"),
        ]

    def __str__(self) -> str:
        return f"{self.wijknaam} ({self.gemeente})"

    # For templates, which should not compare status strings.
    @property
    def is_concept(self) -> bool:
        return self.status == Status.CONCEPT

    @property
    def is_ingediend(self) -> bool:
        return self.status == Status.INGEDIEND

    @property
    def is_ingetrokken(self) -> bool:
        return self.status == Status.INGETROKKEN

    @property
    def is_in_beoordeling(self) -> bool:
        """It takes reviews (AanmeldingQuerySet.in_beoordeling)."""
        return self.status in IN_BEOORDELING and self.besluit_verzonden_op is None

    @property
    def is_bewerkbaar(self) -> bool:
        """The applicant may still change it: before the deadline and before review begins."""
        return self.oproep.is_open and self.status in {Status.CONCEPT, Status.INGEDIEND}

    @property
    def is_intrekbaar(self) -> bool:
        """Withdrawing is possible before a decision; a concept only while the call is open
        (after that it is simply not taken into account)."""
        if self.is_concept and not self.oproep.is_open:
            return False
        return Status.INGETROKKEN in TOEGESTANE_OVERGANGEN[Status(self.status)]

    @property
    def waarom_niet_bewerkbaar(self) -> str:
        """The reason, in the applicant's words, that the application cannot be changed."""
        if self.is_ingetrokken:
            return "U hebt deze aanmelding ingetrokken; ze kan niet meer worden gewijzigd."
        if not self.oproep.is_open:
            return (
                "De termijn van de oproep is verstreken; de aanmelding kan niet meer worden "
                "gewijzigd."
            )
        return "De beoordeling is begonnen; de aanmelding kan niet meer worden gewijzigd."

    @property
    def status_voor_aanvrager(self) -> str:
        status = Status(self.status)
        if status in BESLUITEN and self.besluit_verzonden_op is None:
            return STATUS_VOOR_AANVRAGER[Status.IN_BEHANDELING]
        return STATUS_VOOR_AANVRAGER[status]

    @property
    def contactpersoon(self) -> "Coalitielid | None":
        return next((lid for lid in self.leden.all() if lid.is_contactpersoon), None)

    def leervragen(self) -> list[tuple[Leervraag, str]]:
        """The four answers, paired with their question, in the network's fixed order."""
        return [(vraag, getattr(self, f"leervraag_{vraag.value}")) for vraag in Leervraag]


# The fields of an application that the applicant writes, in form order; the form, the
# services and the admin all use this list.
AANVRAGERVELDEN = [
    "wijknaam",
    "gemeente",
    "provincie",
    "cbs_wijkcode",
    "wijkbeschrijving",
    "aanpak",
    "leervraag_verwachtingen",
    "leervraag_opbrengsten",
    "leervraag_randvoorwaarden",
    "leervraag_interventies",
    "bestaande_interventies",
]


class Coalitielid(models.Model):
    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="leden")
    naam = models.CharField(max_length=100)
    organisatie = models.CharField(max_length=150)
    organisatietype = models.CharField(max_length=30, choices=Organisatietype)
    domein = models.CharField(max_length=10, choices=Domein)
    functie = models.CharField(max_length=100)
    email = models.EmailField("e-mailadres", max_length=254)
    is_contactpersoon = models.BooleanField("contactpersoon", default=False)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "coalitielid"
        verbose_name_plural = "coalitieleden"
        ordering = ["volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                "aanmelding",
                Lower("email"),
                condition=~Q(email=""),
                name="coalitielid_email_uniek_per_aanmelding",
                violation_error_message="Dit e-mailadres staat al bij een ander lid.",
            ),
            models.UniqueConstraint(
                fields=["aanmelding"],
                condition=Q(is_contactpersoon=True),
                name="coalitielid_een_contactpersoon",
                violation_error_message="Een aanmelding heeft één contactpersoon.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"


class Statuswijziging(models.Model):
    aanmelding = models.ForeignKey(
        Aanmelding, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=20, choices=Status)
    naar = models.CharField(max_length=20, choices=Status)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg als de aanvrager zelf de wijziging deed.",
    )
    toelichting = models.TextField(blank=True)
    tijdstip = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return f"{self.get_van_display()} → {self.get_naar_display()}"


class Revisie(models.Model):
    """What the applicant changed after submitting, so that staff notice it."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="revisies")
    tijdstip = models.DateTimeField(default=timezone.now)
    # [{"veld": label, "oud": text, "nieuw": text}, ...]
    wijzigingen = models.JSONField(default=list)

    class Meta:
        verbose_name = "wijziging door de aanvrager"
        verbose_name_plural = "wijzigingen door de aanvrager na indienen"
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return ", ".join(wijziging["veld"] for wijziging in self.wijzigingen)


SCORE_VELDEN = [f"score_{criterium.value}" for criterium in Criterium]


class BeoordelingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BeoordelingQuerySet":
        """Reviews this user may read: their own, and others' on applications they reviewed
        themselves, so that nobody is steered by other scores before forming their own.
        Staff who may see all reviews (coördinatoren) see every one."""
        if not mag(user, Recht.LEES_BEOORDELINGEN):
            return self.none()
        if mag(user, Recht.LEES_ALLE_BEOORDELINGEN):
            return self.all()
        return self.filter(
            Q(beoordelaar=user)
            | Q(aanmelding__in=Beoordeling.objects.filter(beoordelaar=user).values("aanmelding"))
        )


def _score(criterium: Criterium) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        criterium.label,
        choices=[(cijfer, str(cijfer)) for cijfer in range(1, 6)],
        help_text="1 = zwak, 5 = sterk.",
    )


class Beoordeling(models.Model):
    """One staff member's review of one application."""

    aanmelding = models.ForeignKey(
        Aanmelding, on_delete=models.CASCADE, related_name="beoordelingen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    score_coalitie = _score(Criterium.COALITIE)
    score_opgave = _score(Criterium.OPGAVE)
    score_vooravond = _score(Criterium.VOORAVOND)
    score_leervraag = _score(Criterium.LEERVRAAG)
    score_netwerk = _score(Criterium.NETWERK)
    motivatie = models.TextField(max_length=3000)
    advies = models.CharField(max_length=12, choices=Advies)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = BeoordelingQuerySet.as_manager()

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        ordering = ["aangemaakt", "pk"]
        permissions = [("view_alle_beoordelingen", "Kan alle beoordelingen altijd lezen")]
        constraints = [
            models.UniqueConstraint(
                fields=["aanmelding", "beoordelaar"],
                name="beoordeling_een_per_beoordelaar",
                violation_error_message="U hebt deze aanmelding al beoordeeld.",
            ),
            models.CheckConstraint(
                condition=Q(advies__in=Advies.values), name="beoordeling_advies_geldig"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{veld}__gte": 1, f"{veld}__lte": 5}),
                    name=f"beoordeling_{veld}_1_tot_5",
                )
                for veld in SCORE_VELDEN
            ],
        ]

    def __str__(self) -> str:
        return f"Beoordeling van {self.aanmelding} door {self.beoordelaar}"

    @property
    def gemiddelde(self) -> float:
        return sum(getattr(self, veld) for veld in SCORE_VELDEN) / len(SCORE_VELDEN)

    @property
    def scores(self) -> list[tuple[Criterium, int]]:
        return [(criterium, getattr(self, f"score_{criterium.value}")) for criterium in Criterium]


# The words a decision mail's template may use between double braces, with what they mean
# when that is not plain from the word. The help text below, the check when staff save a
# template (admin) and the rendering (services.besluiten) all use this list.
BESLUITWOORDEN: dict[str, str] = {
    "naam": "de contactpersoon",
    "wijknaam": "",
    "gemeente": "",
    "oproep": "",
    "toelichting": "de reden bij het besluit",
    "link": "de persoonlijke link naar de aanmelding",
}


def _besluitwoorden_uitgelegd() -> str:
    woorden = [
        f"{{{{ {woord} }}}} ({uitleg})" if uitleg else f"{{{{ {woord} }}}}"
        for woord, uitleg in BESLUITWOORDEN.items()
    ]
    return f"{', '.join(woorden[:-1])} en {woorden[-1]}"


class Besluitsjabloon(models.Model):
    """The text of a decision mail; staff edit it in the admin. One per decision."""

    besluit = models.CharField(
        max_length=20,
        unique=True,
        choices=[(status.value, status.label) for status in Status if status in BESLUITEN],
    )
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField(
        help_text="Deze woorden tussen dubbele accolades worden ingevuld: "
        f"{_besluitwoorden_uitgelegd()}."
    )
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sjabloon voor een besluitmail"
        verbose_name_plural = "sjablonen voor besluitmails"
        ordering = ["besluit"]

    def __str__(self) -> str:
        return f"Besluitmail: {self.get_besluit_display()}"


class Besluitbericht(models.Model):
    """One decision mail: what was sent to whom, and whether it arrived at the mail server."""

    class Verzendstatus(models.TextChoices):
        IN_WACHTRIJ = "in_wachtrij", "In de wachtrij"
        VERSTUURD = "verstuurd", "Verstuurd"
        MISLUKT = "mislukt", "Mislukt"

    aanmelding = models.ForeignKey(
        Aanmelding, on_delete=models.CASCADE, related_name="besluitberichten"
    )
    besluit = models.CharField(max_length=20, choices=Status)
    aan = models.EmailField(max_length=254)
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField()
    status = models.CharField(
        max_length=12, choices=Verzendstatus, default=Verzendstatus.IN_WACHTRIJ
    )
    in_wachtrij_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "besluitbericht"
        verbose_name_plural = "besluitberichten"
        ordering = ["-in_wachtrij_op", "pk"]
        constraints = [
            # A decision is never mailed twice.
            models.UniqueConstraint(
                fields=["aanmelding", "besluit"], name="besluitbericht_een_per_besluit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_besluit_display()} aan {self.aan}"
