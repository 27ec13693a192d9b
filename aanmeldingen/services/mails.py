"""The mails to applicants about their own application (not the decisions: see besluiten).

Each function queues its mails with netwerk.mail.zet_email_klaar, inside the caller's
transaction, so that a rolled back write sends nothing.
"""

from netwerk.mail import zet_email_klaar

from ..models import Aanmelding


def mail_ontvangst(aanmelding: Aanmelding, *, link: str) -> None:
    leden = list(aanmelding.leden.all())
    contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
    context = {"aanmelding": aanmelding, "leden": leden, "contactpersoon": contactpersoon}
    zet_email_klaar(
        aan=contactpersoon.email,
        sjabloon="aanmelding_ontvangen",
        context={**context, "link": link},
    )
    for lid in leden:
        if not lid.is_contactpersoon:
            zet_email_klaar(
                aan=lid.email,
                sjabloon="aanmelding_lid_genoemd",
                context={**context, "lid": lid},
            )


def mail_wijziging(aanmelding, leden_voor, leden_na, *, link, wijzigingen) -> None:
    mail_contactpersoon(aanmelding, "aanmelding_gewijzigd", link=link, wijzigingen=wijzigingen)
    vorige = next((lid for lid in leden_voor if lid.is_contactpersoon), None)
    nieuwe = next(lid for lid in leden_na if lid.is_contactpersoon)
    context = {"aanmelding": aanmelding, "leden": leden_na, "contactpersoon": nieuwe}
    if vorige is not None and vorige.email.lower() != nieuwe.email.lower():
        # Members have no identity across saves; the same name means a corrected address.
        zelfde_persoon = vorige.naam.strip().lower() == nieuwe.naam.strip().lower()
        zet_email_klaar(
            aan=vorige.email,
            sjabloon="aanmelding_contact_gewijzigd",
            context={
                **context,
                "vorige": vorige,
                "wijzigingen": wijzigingen,
                "zelfde_persoon": zelfde_persoon,
            },
        )
    bekend = {lid.email.lower() for lid in leden_voor}
    for lid in leden_na:
        if not lid.is_contactpersoon and lid.email.lower() not in bekend:
            zet_email_klaar(
                aan=lid.email, sjabloon="aanmelding_lid_genoemd", context={**context, "lid": lid}
            )


def mail_contactpersoon(
    aanmelding: Aanmelding, sjabloon: str, *, na_bezorging=None, **context
) -> None:
    leden = list(aanmelding.leden.all())
    contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
    zet_email_klaar(
        aan=contactpersoon.email,
        sjabloon=sjabloon,
        context={
            "aanmelding": aanmelding,
            "leden": leden,
            "contactpersoon": contactpersoon,
            **context,
        },
        na_bezorging=na_bezorging,
    )
