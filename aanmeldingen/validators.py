from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from .enums import Domein

MIN_LEDEN = 3
MAX_LEDEN = 5


def valideer_coalitie(leden: Iterable[Mapping], *, concept: bool = False) -> None:
    """Check the rules for a coalition as a whole; raise every broken one at once.

    The form uses this for its messages and the service calls it again, so that no code
    path can store a coalition that breaks them. A concept may be incomplete, but needs
    a contact person with an e-mail address (the secret link goes there), at most five
    members and no address twice.
    """
    leden = list(leden)
    fouten = []
    if concept:
        if len(leden) > MAX_LEDEN:
            fouten.append(
                ValidationError(
                    "Een coalitie heeft maximaal %(max)s leden.",
                    code="aantal_leden",
                    params={"max": MAX_LEDEN},
                )
            )
        contactpersonen = [lid for lid in leden if lid["is_contactpersoon"]]
        if len(contactpersonen) != 1 or not contactpersonen[0]["email"]:
            fouten.append(
                ValidationError(
                    "Kies één contactpersoon en vul diens e-mailadres in: daar sturen we de "
                    "link naar het concept heen.",
                    code="contactpersoon",
                )
            )
        fouten.extend(_dubbele_adressen(leden))
        if fouten:
            raise ValidationError(fouten)
        return

    if not leden:
        fouten.append(
            ValidationError(
                "Vul de gegevens van de coalitie in: %(min)s tot %(max)s leden, uit het fysieke "
                "en het sociale domein.",
                code="aantal_leden",
                params={"min": MIN_LEDEN, "max": MAX_LEDEN},
            )
        )
    elif not MIN_LEDEN <= len(leden) <= MAX_LEDEN:
        wat_te_doen = (
            f"Vul er nog {MIN_LEDEN - len(leden)} in."
            if len(leden) < MIN_LEDEN
            else f"Verwijder er {len(leden) - MAX_LEDEN}."
        )
        fouten.append(
            ValidationError(
                "Een coalitie heeft %(min)s tot %(max)s leden; u hebt er nu %(aantal)s "
                "ingevuld. %(wat_te_doen)s",
                code="aantal_leden",
                params={
                    "min": MIN_LEDEN,
                    "max": MAX_LEDEN,
                    "aantal": len(leden),
                    "wat_te_doen": wat_te_doen,
                },
            )
        )
    domeinen = {lid["domein"] for lid in leden}
    if leden and not {Domein.FYSIEK, Domein.SOCIAAL} <= domeinen:
        fouten.append(
            ValidationError(
                "De coalitie moet zowel het fysieke als het sociale domein vertegenwoordigen: "
                "voeg iemand toe uit het %(ontbrekend)s domein.",
                code="domeinen",
                params={"ontbrekend": "sociale" if Domein.FYSIEK in domeinen else "fysieke"},
            )
        )
    contactpersonen = sum(1 for lid in leden if lid["is_contactpersoon"])
    if leden and contactpersonen == 0:
        fouten.append(
            ValidationError(
                "U hebt nog geen contactpersoon gekozen. Zet bij één lid het vinkje "
                "‘Dit lid is de contactpersoon’.",
                code="contactpersoon",
            )
        )
    elif contactpersonen > 1:
        fouten.append(
            ValidationError(
                "Kies precies één contactpersoon; nu zijn het er %(aantal)s.",
                code="contactpersoon",
                params={"aantal": contactpersonen},
            )
        )
    fouten.extend(_dubbele_adressen(leden))
    if fouten:
        raise ValidationError(fouten)


def _dubbele_adressen(leden: list[Mapping]) -> list[ValidationError]:
    emails = [lid["email"].lower() for lid in leden if lid["email"]]
    dubbel = sorted({email for email in emails if emails.count(email) > 1})
    if not dubbel:
        return []
    return [
        ValidationError(
            "Ieder lid heeft een eigen e-mailadres; dit adres staat er meer dan eens: "
            "%(adressen)s.",
            code="dubbel_email",
            params={"adressen": ", ".join(dubbel)},
        )
    ]
