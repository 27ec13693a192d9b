"""Applying and editing: the applicant's writes to their own application."""

import uuid
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .. import toegang
from ..enums import Domein, Organisatietype, Status
from ..models import AANVRAGERVELDEN, Aanmelding, Coalitielid, Oproep, Revisie, Toestemming
from ..validators import valideer_coalitie
from .link import link_voor, vervang_link
from .mails import mail_contactpersoon, mail_wijziging
from .status import wijzig_status


class OproepGesloten(Exception):
    """The call's deadline has passed."""


class NietMeerBewerkbaar(Exception):
    """The application can no longer be changed by the applicant (deadline or decision)."""


class VerouderdFormulier(Exception):
    """The form was started from an older version: someone saved in the meantime."""


def dien_aanmelding_in(
    *,
    oproep: Oproep,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indieningssleutel: uuid.UUID,
) -> tuple[Aanmelding, bool]:
    """Store a complete application with its coalition and submit it, all or nothing.

    `gegevens` are the cleaned fields of the application, `leden` the cleaned members.
    Returns (aanmelding, created). The applicant's consent is recorded
    (_leg_toestemming_vast). The contact person's confirmation carries a new secret link.
    The same indieningssleutel twice (a double click, a resubmitted POST) returns the
    application made the first time and queues nothing. Raises OproepGesloten after
    the deadline and ValidationError for a coalition that breaks the rules.
    """
    valideer_coalitie(leden)
    return _maak_aanmelding(
        oproep=oproep,
        gegevens=gegevens,
        leden=leden,
        indieningssleutel=indieningssleutel,
        indienen=True,
    )


def bewaar_concept(
    *,
    oproep: Oproep,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indieningssleutel: uuid.UUID,
) -> tuple[Aanmelding, bool]:
    """Store an unfinished application as a concept and mail its secret link.

    Empty answers are allowed; the coalition needs a contact person with an e-mail address
    (the link goes there). The consent the form asked for is recorded. Side effect: the
    mail with the link to the contact person.
    Returns (aanmelding, created), idempotent on indieningssleutel like dien_aanmelding_in.
    """
    valideer_coalitie(leden, concept=True)
    return _maak_aanmelding(
        oproep=oproep,
        gegevens=gegevens,
        leden=leden,
        indieningssleutel=indieningssleutel,
        indienen=False,
    )


def _maak_aanmelding(*, oproep, gegevens, leden, indieningssleutel, indienen):
    bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
    if bestaande is not None:
        return bestaande, False
    if not oproep.is_open:
        raise OproepGesloten
    token, opslag = toegang.nieuw_token()
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                oproep=oproep,
                indieningssleutel=indieningssleutel,
                toegang_selector=opslag.selector,
                toegang_hash=opslag.verifier_hash,
                toegang_verloopt_op=toegang.geldig_tot(),
                **gegevens,
            )
            _schrijf_leden(aanmelding, leden)
            _leg_toestemming_vast(
                aanmelding, Toestemming.Moment.INDIENEN if indienen else Toestemming.Moment.CONCEPT
            )
            if indienen:
                wijzig_status(aanmelding=aanmelding, naar=Status.INGEDIEND, link=link_voor(token))
            else:
                mail_contactpersoon(aanmelding, "aanmelding_concept", link=link_voor(token))
    except IntegrityError:
        # Two requests with the same key at the same moment: the other one won.
        bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
        if bestaande is None:
            raise
        return bestaande, False
    return aanmelding, True


def werk_aanmelding_bij(
    *,
    aanmelding: Aanmelding,
    versie: int,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indienen: bool,
    token: str | None,
) -> list[dict]:
    """Save the applicant's changes to a stored application, all or nothing.

    `token` is the secret link the change came through. None means the browser that
    created a concept sent the public form again (after going back, for instance to
    correct the contact's address): then a new link replaces the old one and goes to the
    contact person as it is now, unless nothing changed (a double click).

    A concept stays a concept unless `indienen`, which first checks the full coalition
    rules and then submits it (with wijzig_status's side effects). Every save records the
    consent the form asked for again, changed or not (_leg_toestemming_vast). A submitted
    application keeps its status; what changed is written as a Revisie, so that staff see that it
    changed after they read it, and mailed:
    - to the contact person, with the link and the list of changes;
    - to the previous contact person too, without the link, when that changed;
    - to members who are new in the coalition, the note that they were named.
    Returns the list of changes (empty when nothing changed).

    Raises NietMeerBewerkbaar after the deadline or once review has begun,
    VerouderdFormulier when `versie` is not the stored one (someone saved in the
    meantime), ValidationError for a coalition that breaks the rules.
    """
    concept = aanmelding.status == Status.CONCEPT
    valideer_coalitie(leden, concept=concept and not indienen)
    with transaction.atomic():
        # Lock the row: the version check and the write are then one step.
        opgeslagen = (
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("oproep")
            .get(pk=aanmelding.pk)
        )
        if not opgeslagen.is_bewerkbaar:
            raise NietMeerBewerkbaar
        if opgeslagen.versie != versie:
            raise VerouderdFormulier
        concept = opgeslagen.status == Status.CONCEPT
        leden_voor = list(opgeslagen.leden.all())
        voor = _momentopname(opgeslagen, leden_voor)
        for naam in AANVRAGERVELDEN:
            setattr(opgeslagen, naam, gegevens[naam])
        opgeslagen.versie = F("versie") + 1
        opgeslagen.save(update_fields=[*AANVRAGERVELDEN, "versie", "gewijzigd"])
        opgeslagen.refresh_from_db()
        opgeslagen.leden.all().delete()
        _schrijf_leden(opgeslagen, leden)
        if not concept:
            moment = Toestemming.Moment.WIJZIGING
        elif indienen:
            moment = Toestemming.Moment.INDIENEN
        else:
            moment = Toestemming.Moment.CONCEPT
        _leg_toestemming_vast(opgeslagen, moment)
        leden_na = list(opgeslagen.leden.all())
        wijzigingen = _verschillen(voor, _momentopname(opgeslagen, leden_na))
        if concept and not indienen:
            if token is None and wijzigingen:
                link = vervang_link(aanmelding=opgeslagen)
                mail_contactpersoon(opgeslagen, "aanmelding_concept", link=link)
        elif concept:
            link = link_voor(token) if token else vervang_link(aanmelding=opgeslagen)
            wijzig_status(aanmelding=opgeslagen, naar=Status.INGEDIEND, link=link)
        elif wijzigingen:
            Revisie.objects.create(aanmelding=opgeslagen, wijzigingen=wijzigingen)
            link = link_voor(token) if token else vervang_link(aanmelding=opgeslagen)
            mail_wijziging(opgeslagen, leden_voor, leden_na, link=link, wijzigingen=wijzigingen)
    aanmelding.refresh_from_db()
    return wijzigingen


def corrigeer_contactadres(*, aanmelding: Aanmelding, email: str) -> None:
    """Give a concept's contact person another e-mail address and send the link there.

    For the applicant who sees right after saving that the address was mistyped. The
    link that went to the wrong address stops working. Only for concepts; raises
    NietMeerBewerkbaar otherwise, and ValidationError when another member has the address.
    """
    with transaction.atomic():
        opgeslagen = (
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("oproep")
            .get(pk=aanmelding.pk)
        )
        if opgeslagen.status != Status.CONCEPT or not opgeslagen.is_bewerkbaar:
            raise NietMeerBewerkbaar
        leden = list(opgeslagen.leden.all())
        contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
        if any(lid.email.lower() == email.lower() for lid in leden if lid.pk != contactpersoon.pk):
            raise ValidationError(
                "Dit e-mailadres staat al bij een ander lid van de coalitie.", code="dubbel_email"
            )
        contactpersoon.email = email
        contactpersoon.save(update_fields=["email"])
        opgeslagen.versie = F("versie") + 1
        opgeslagen.save(update_fields=["versie", "gewijzigd"])
        opgeslagen.refresh_from_db()
        link = vervang_link(aanmelding=opgeslagen)
        mail_contactpersoon(opgeslagen, "aanmelding_concept", link=link)


def _leg_toestemming_vast(aanmelding: Aanmelding, moment: Toestemming.Moment) -> None:
    """Record that the applicant agreed, now, to the privacy statement as it is now.

    Called at every save the applicant makes through the form, whose box is never ticked
    in advance: each save is a consent of its own. The application keeps the last one.
    """
    nu = timezone.now()
    versie = settings.PRIVACYVERKLARING_VERSIE
    Toestemming.objects.create(aanmelding=aanmelding, tijdstip=nu, versie=versie, moment=moment)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        privacy_akkoord_op=nu, privacyverklaring_versie=versie
    )
    aanmelding.privacy_akkoord_op = nu
    aanmelding.privacyverklaring_versie = versie


def _schrijf_leden(aanmelding: Aanmelding, leden: Sequence[Mapping]) -> None:
    Coalitielid.objects.bulk_create(
        Coalitielid(aanmelding=aanmelding, volgorde=volgorde, **lid)
        for volgorde, lid in enumerate(leden, start=1)
    )


def _momentopname(aanmelding: Aanmelding, leden) -> dict[str, str]:
    """The application as text per field label, to compare before and after a change."""
    opname = {
        str(Aanmelding._meta.get_field(naam).verbose_name): str(getattr(aanmelding, naam))
        for naam in AANVRAGERVELDEN
    }
    opname["provincie"] = aanmelding.get_provincie_display()
    opname["coalitie"] = "\n".join(_lid_als_tekst(lid) for lid in leden)
    return opname


def _lid_als_tekst(lid: Coalitielid) -> str:
    delen = [
        lid.naam,
        lid.functie,
        lid.organisatie,
        Organisatietype(lid.organisatietype).label if lid.organisatietype else "",
        Domein(lid.domein).label if lid.domein else "",
        lid.email,
    ]
    tekst = ", ".join(deel for deel in delen if deel)
    return f"{tekst} (contactpersoon)" if lid.is_contactpersoon else tekst


def _verschillen(voor: dict[str, str], na: dict[str, str]) -> list[dict]:
    return [
        {"veld": veld, "oud": voor[veld], "nieuw": na[veld]}
        for veld in voor
        if voor[veld] != na[veld]
    ]
