"""Saving and publishing sessions: who may read one (lezers), the verslag announced once per
version, and the invitation's version and cancellation kept for the mails (uitnodigen.py)."""

import hashlib
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from ..enums import Verslagstatus
from ..models import (
    Bijeenkomst,
    Deelname,
    Uitnodiging,
)


def lezers(bijeenkomst: Bijeenkomst) -> list[Deelname]:
    """The participants who may read this session now, one participation per person.

    Everyone with an active participation in the session's call is a candidate; what
    their participation gives decides (Bijeenkomst.zichtbaar_voor with als_deelnemer: a
    staff member who also takes part is mailed and invited as the other participants are,
    never for an intern session or another casuswijk's). A person in several casuswijken
    of the call comes with the session's own casuswijk if they take part in it, else with
    their first: links in mails open the session through that casuswijk.

    Since every candidate takes part in the call, what zichtbaar_voor says of one depends
    only on whether they take part in the session's own casuswijk: it is asked once for one
    person on each side, so that the cost stays the same however many people take part.
    """
    deelnames = (
        Deelname.objects.actief()
        .filter(casuswijk__aanmelding__oproep=bijeenkomst.oproep_id, gebruiker__is_active=True)
        .select_related("gebruiker", "casuswijk")
        .order_by("pk")
    )
    per_persoon: dict[int, Deelname] = {}
    for deelname in deelnames:
        if deelname.gebruiker_id not in per_persoon or (
            deelname.casuswijk_id == bijeenkomst.casuswijk_id
        ):
            per_persoon[deelname.gebruiker_id] = deelname
    mag_lezen: dict[bool, bool] = {}
    for deelname in per_persoon.values():
        eigen_wijk = deelname.casuswijk_id == bijeenkomst.casuswijk_id
        if eigen_wijk not in mag_lezen:
            mag_lezen[eigen_wijk] = (
                Bijeenkomst.objects.zichtbaar_voor(deelname.gebruiker, als_deelnemer=True)
                .filter(pk=bijeenkomst.pk)
                .exists()
            )
    return [
        deelname
        for deelname in per_persoon.values()
        if mag_lezen[deelname.casuswijk_id == bijeenkomst.casuswijk_id]
    ]


def sessie_url(bijeenkomst: Bijeenkomst, deelname: Deelname) -> str:
    """The session's full address as this participant opens it."""
    return settings.PORTAAL_URL + reverse(
        "casuswijken:bijeenkomst", args=[deelname.casuswijk.slug, bijeenkomst.pk]
    )


# verslag_gemeld holds the fingerprint of the version last announced. A final one is the
# SHA-256 of visibility and text, as before concepts existed (so that no verslag announced
# then is announced again); a concept one starts with this mark, so that the next mail can
# say that the concept became final.
CONCEPTMERK = "concept:"


def verslagvingerafdruk(bijeenkomst: Bijeenkomst) -> str:
    """The fingerprint of the verslag as its readers would be told of it now: its status,
    its readers (the visibility) and its text. 64 characters, as verslag_gemeld holds."""
    # The readers count too: widening the visibility announces it to the new readers.
    inhoud = f"{bijeenkomst.zichtbaarheid}\n{bijeenkomst.verslag}"
    if bijeenkomst.verslagstatus == Verslagstatus.CONCEPT:
        vingerafdruk = hashlib.sha256(f"concept\n{inhoud}".encode()).hexdigest()
        return CONCEPTMERK + vingerafdruk[: 64 - len(CONCEPTMERK)]
    return hashlib.sha256(inhoud.encode()).hexdigest()


def meld_verslag(*, bijeenkomst: Bijeenkomst) -> int:
    """Mail the participants who may read a published verslag: once per version.

    One mail per person, with a link and not the content, to everyone with an active
    participation in the session's casuswijk (or, for a national one, in any casuswijk of
    the call) for whom Bijeenkomst.zichtbaar_voor lets it through. Returns how many.

    A version is the text, the visibility and the status together: a concept is announced
    with an invitation to react (mail verslag_concept), and the same notes announced again
    once they are vastgesteld (verslag_gepubliceerd, saying "vastgesteld"); saving again
    without a change mails nobody. Side effect: verslag_gemeld records the version told.
    """
    if not (bijeenkomst.gepubliceerd and bijeenkomst.verslag.strip()):
        return 0
    vingerafdruk = verslagvingerafdruk(bijeenkomst)
    vorige = bijeenkomst.verslag_gemeld
    if vingerafdruk == vorige:
        return 0
    concept = bijeenkomst.verslagstatus == Verslagstatus.CONCEPT
    context = {
        "bijeenkomst": bijeenkomst,
        # Told before: this mail is about a new version of what they heard of.
        "gewijzigd": bool(vorige),
        # The concept they were told of is now final.
        "vastgesteld": not concept and vorige.startswith(CONCEPTMERK),
        # A final verslag they were told of is open for reactions again.
        "heropend": concept and bool(vorige) and not vorige.startswith(CONCEPTMERK),
    }
    with transaction.atomic():
        aantal = 0
        for deelname in lezers(bijeenkomst):
            gebruiker = deelname.gebruiker
            zet_email_klaar(
                aan=gebruiker.email,
                sjabloon="verslag_concept" if concept else "verslag_gepubliceerd",
                context={
                    **context,
                    "gebruiker": gebruiker,
                    "url": sessie_url(bijeenkomst, deelname),
                },
            )
            aantal += 1
        # Only once somebody was told: published as intern, or before anyone was invited,
        # the first real readers must still hear of it.
        if aantal:
            Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(verslag_gemeld=vingerafdruk)
            bijeenkomst.verslag_gemeld = vingerafdruk
    return aantal


@dataclass(frozen=True)
class Gemeld:
    """What saving a session queued: per kind, how many participants are mailed."""

    verslag: int = 0
    uitnodigingen: int = 0
    wijzigingen: int = 0
    annuleringen: int = 0
    # Invited, but may no longer see the session: told it is off for them.
    ingetrokken: int = 0

    @property
    def totaal(self) -> int:
        return (
            self.verslag + self.uitnodigingen + self.wijzigingen + self.annuleringen
            + self.ingetrokken
        )  # fmt: skip


def sla_bijeenkomst_op(*, bijeenkomst: Bijeenkomst) -> Gemeld:
    """Save a session; returns how many participants are mailed, and about what.

    Side effects: the first save as published records gepubliceerd_op (unpublishing keeps
    it). A verslag saved as vastgesteld records vastgesteld_op the first time (saving it
    again keeps that moment); set back to concept, or emptied, it loses it, and its
    readers may react again. A published verslag is announced through meld_verslag, once
    per version: the concept, and the final one. Compared with the stored row: cancelling
    records geannuleerd_op and raises volgnummer by one, as does calling it off again, and
    so does a new time or place once invitations went out. Invitations, updates and
    cancellations go out through uitnodigen.verstuur_uitnodigingen, each version once.
    """
    # uitnodigen reads lezers() and sessie_url() from this module.
    from ..uitnodigen import verstuur_uitnodigingen

    if bijeenkomst.gepubliceerd and bijeenkomst.gepubliceerd_op is None:
        bijeenkomst.gepubliceerd_op = timezone.now()
    if bijeenkomst.verslagstatus == Verslagstatus.VASTGESTELD and bijeenkomst.verslag.strip():
        if bijeenkomst.vastgesteld_op is None:
            bijeenkomst.vastgesteld_op = timezone.now()
    else:
        bijeenkomst.vastgesteld_op = None
    with transaction.atomic():
        gewijzigd = _werk_volgnummer_bij(bijeenkomst)
        bijeenkomst.save()
        gemeld = verstuur_uitnodigingen(bijeenkomst=bijeenkomst, gewijzigd=gewijzigd)
        return replace(gemeld, verslag=meld_verslag(bijeenkomst=bijeenkomst))


def _werk_volgnummer_bij(bijeenkomst: Bijeenkomst) -> list[str]:
    """Set volgnummer and geannuleerd_op from the stored row; returns what changed that the
    invited must hear of: "tijd", "plaats", "titel" (empty while nobody was invited)."""
    vorige = (
        Bijeenkomst.objects.select_for_update()
        .filter(pk=bijeenkomst.pk)
        .values(
            "titel",
            "begint_op",
            "eindigt_op",
            "locatie",
            "geannuleerd",
            "geannuleerd_op",
            "volgnummer",
        )
        .first()
        if bijeenkomst.pk
        else None
    )
    if vorige is None:
        bijeenkomst.geannuleerd_op = timezone.now() if bijeenkomst.geannuleerd else None
        return []
    if not bijeenkomst.geannuleerd:
        bijeenkomst.geannuleerd_op = None
    elif not vorige["geannuleerd"]:
        bijeenkomst.geannuleerd_op = timezone.now()
    else:
        bijeenkomst.geannuleerd_op = vorige["geannuleerd_op"]
    gewijzigd = []
    if (bijeenkomst.begint_op, bijeenkomst.eindigt_op) != (
        vorige["begint_op"],
        vorige["eindigt_op"],
    ):
        gewijzigd.append("tijd")
    if bijeenkomst.locatie != vorige["locatie"]:
        gewijzigd.append("plaats")
    if bijeenkomst.titel != vorige["titel"]:
        gewijzigd.append("titel")
    if (
        gewijzigd
        and not Uitnodiging.objects.filter(
            bijeenkomst=bijeenkomst.pk, gemelde_versie__isnull=False
        ).exists()
    ):
        gewijzigd = []
    # Never from the form: the stored number is the one calendars know.
    bijeenkomst.volgnummer = vorige["volgnummer"]
    if gewijzigd or bijeenkomst.geannuleerd != vorige["geannuleerd"]:
        bijeenkomst.volgnummer += 1
    return gewijzigd
