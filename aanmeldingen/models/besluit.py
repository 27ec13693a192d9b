"""The decision mails: their texts and every mail sent."""

from django.db import models
from django.utils import timezone

from ..enums import (
    BESLUITEN,
    Status,
)

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


# The statuses that are a decision, in the order of Status, for a field that holds one.
BESLUITKEUZES = [(status.value, status.label) for status in Status if status in BESLUITEN]


def _besluitwoorden_uitgelegd() -> str:
    woorden = [
        f"{{{{ {woord} }}}} ({uitleg})" if uitleg else f"{{{{ {woord} }}}}"
        for woord, uitleg in BESLUITWOORDEN.items()
    ]
    return f"{', '.join(woorden[:-1])} en {woorden[-1]}"


class Besluitsjabloon(models.Model):
    """The text of a decision mail; staff edit it in the admin. One per decision."""

    besluit = models.CharField(max_length=20, unique=True, choices=BESLUITKEUZES)
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
        "Aanmelding", on_delete=models.CASCADE, related_name="besluitberichten"
    )
    besluit = models.CharField(max_length=20, choices=BESLUITKEUZES)
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
    # While a failed try waits for the next (the status stays "in de wachtrij").
    volgende_poging_op = models.DateTimeField("volgende poging", null=True, blank=True)

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
