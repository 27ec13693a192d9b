"""An application, with the reads that list, compare and mark applications."""

import uuid

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
from django.utils import timezone

from netwerk.rechten import Recht, mag

from .. import toegang
from ..enums import (
    BESLUITEN,
    IN_BEOORDELING,
    LOPEND,
    STATUS_VOOR_AANVRAGER,
    TOEGESTANE_OVERGANGEN,
    Advies,
    Domein,
    Leervraag,
    Provincie,
    Status,
    Wijktype,
)
from .beoordeling import SCORE_VELDEN, Belangenconflict, Beoordeling, Toewijzing
from .coalitie import Coalitielid, Revisie

cbs_wijkcode_validator = RegexValidator(
    r"^WK\d{6}\Z",
    message="Een CBS-wijkcode bestaat uit WK en zes cijfers, bijvoorbeeld WK036301.",
)


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


def _eigen_conflict(user) -> Exists:
    return Exists(
        Belangenconflict.objects.filter(aanmelding=OuterRef("pk"), beoordelaar=user).order_by()
    )


def _ziet_beoordelingen(user):
    """Whether `user` may see the reviews of the row (BeoordelingQuerySet.zichtbaar_voor)."""
    zonder_conflict = ~Q(_eigen_conflict(user))
    if mag(user, Recht.LEES_ALLE_BEOORDELINGEN):
        return zonder_conflict
    return Q(_eigen_beoordeling(user)) & zonder_conflict


def _alleen_zichtbaar(user, uitdrukking, output_field):
    """NULL for rows whose reviews `user` may not see (yet) (BeoordelingQuerySet.zichtbaar_voor),
    so that sorting or filtering on such a column reveals nothing either; NULL for a
    withdrawn application too, whose reviews no longer weigh in any summary."""
    uitdrukking = Case(
        When(status=Status.INGETROKKEN, then=None), default=uitdrukking, output_field=output_field
    )
    return Case(
        When(_ziet_beoordelingen(user), then=uitdrukking), default=None, output_field=output_field
    )


# Applications that take reviews; a decision or a withdrawal ends the review.
class AanmeldingQuerySet(models.QuerySet):
    def aanmeldingen(self) -> "AanmeldingQuerySet":
        """What counts as an application: everything but concepts."""
        return self.exclude(status=Status.CONCEPT)

    def lopend(self) -> "AanmeldingQuerySet":
        """The live applications: not concepts and not withdrawn (the staff list's default)."""
        return self.filter(status__in=LOPEND)

    def met_aantal_beoordelingen(self) -> "AanmeldingQuerySet":
        """Annotate aantal_beoordelingen: every review of the application, whoever wrote it
        (a number, not the reviews themselves)."""
        return self.annotate(aantal_beoordelingen=Coalesce(_per_aanmelding(Count("pk")), 0))

    def toegewezen_aan(self, beoordelaar_id, stand: str = "") -> "AanmeldingQuerySet":
        """Applications assigned to this reviewer, but for a declared conflict of interest
        (ToewijzingQuerySet.tellend); with stand "gedaan" those they reviewed, with "open"
        those they did not review yet."""
        gevonden = self.filter(
            Exists(
                Toewijzing.objects.tellend().filter(
                    aanmelding=OuterRef("pk"), beoordelaar=beoordelaar_id
                )
            )
        )
        eigen = Exists(_reviews().filter(beoordelaar=beoordelaar_id))
        if stand == "gedaan":
            return gevonden.filter(eigen)
        if stand == "open":
            return gevonden.exclude(eigen)
        return gevonden

    def met_lid_van_type(self, organisatietype: str) -> "AanmeldingQuerySet":
        """Applications with at least one coalition member of this organisation type."""
        return self.filter(
            Exists(
                Coalitielid.objects.filter(
                    aanmelding=OuterRef("pk"), organisatietype=organisatietype
                )
            )
        )

    def in_beoordeling(self) -> "AanmeldingQuerySet":
        """Applications under review: submitted or in behandeling, decision not sent."""
        return self.filter(status__in=IN_BEOORDELING, besluit_verzonden_op__isnull=True)

    def nog_te_beoordelen_door(self, user) -> "AanmeldingQuerySet":
        """Applications under review that `user` has not reviewed yet, nor declared a
        conflict of interest for."""
        return (
            self.in_beoordeling().exclude(_eigen_beoordeling(user)).exclude(_eigen_conflict(user))
        )

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

        return (
            self.met_aantal_beoordelingen()
            .annotate(
                gemiddelde=alleen_zichtbaar(
                    per_aanmelding(Avg(Cast(som, FloatField()) / len(SCORE_VELDEN))), FloatField()
                ),
                advies_selecteren=alleen_zichtbaar(
                    Coalesce(per_aanmelding(Count("pk"), advies=Advies.SELECTEREN), 0),
                    IntegerField(),
                ),
                advies_reserve=alleen_zichtbaar(
                    Coalesce(per_aanmelding(Count("pk"), advies=Advies.RESERVE), 0), IntegerField()
                ),
                advies_afwijzen=alleen_zichtbaar(
                    Coalesce(per_aanmelding(Count("pk"), advies=Advies.AFWIJZEN), 0), IntegerField()
                ),
                eerste_beoordeling=per_aanmelding(Min("aangemaakt")),
                door_mij_beoordeeld=eigen,
                mijn_belangenconflict=_eigen_conflict(user),
                beoordelingen_zichtbaar=ExpressionWrapper(
                    _ziet_beoordelingen(user), output_field=BooleanField()
                ),
            )
            .annotate(
                gewijzigd_na_beoordeling=Exists(
                    Revisie.objects.filter(
                        aanmelding=OuterRef("pk"), tijdstip__gt=OuterRef("eerste_beoordeling")
                    )
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
    oproep = models.ForeignKey("Oproep", on_delete=models.PROTECT, related_name="aanmeldingen")

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
    # A new link on its way (services.link.stuur_nieuwe_link): it replaces the one above
    # only once its mail was delivered, so that the applicant keeps a working link while the
    # mail server is down. Not accepted by via_link until then.
    wachtende_toegang_selector = models.CharField(
        max_length=toegang.SELECTOR_LENGTE, blank=True, editable=False
    )
    wachtende_toegang_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Raised by every save through the link; a form that carries an older number is stale.
    versie = models.PositiveIntegerField(default=1, editable=False)
    ingediend_op = models.DateTimeField(null=True, blank=True)
    besluit_verzonden_op = models.DateTimeField(null=True, blank=True, editable=False)
    # The reminder to the contact person of a concept, a week before the deadline: once.
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)
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
