"""Who may do what: the staff roles and their rights, in one table.

Every check in the admin, the views and the querysets asks `mag(user, Recht.…)`; nothing
else names a permission or trusts `is_staff` alone. The groups in the database are kept
equal to ROLLEN after every migrate (and after a test flush) by `synchroniseer_rollen`,
so a fresh install has them and a change here reaches every install with its next deploy.
docs/rechten.md says in words what each role may read and do.
"""

from enum import StrEnum

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.db import models
from django.db.models import Q
from django.utils import translation


class Rol(models.TextChoices):
    """The staff roles; each is a group with the same name."""

    BEOORDELAAR = "beoordelaar", "Beoordelaar"
    BEGELEIDER = "begeleider", "Begeleider"
    COORDINATOR = "coördinator", "Coördinator"
    BEHEER = "beheer", "Beheer"


class Recht(StrEnum):
    """The rights that code asks for by name, as Django permissions (app_label.codename)."""

    # Calls and applications.
    LEES_OPROEPEN = "aanmeldingen.view_oproep"  # unpublished calls too
    LEES_AANMELDINGEN = "aanmeldingen.view_aanmelding"
    BEOORDELEN = "aanmeldingen.add_beoordeling"
    LEES_BEOORDELINGEN = "aanmeldingen.view_beoordeling"
    # Every review at any time, without first writing one's own; also the CSV export,
    # which carries every review.
    LEES_ALLE_BEOORDELINGEN = "aanmeldingen.view_alle_beoordelingen"
    # Assigns reviewers to applications (by hand and in bulk) and sees who has what to do.
    WIJS_BEOORDELAARS_TOE = "aanmeldingen.wijs_beoordelaars_toe"
    # Reads the conflicts of interest that reviewers declared.
    LEES_BELANGENCONFLICTEN = "aanmeldingen.view_belangenconflict"
    NEEM_BESLUIT = "aanmeldingen.neem_besluit"
    VERSTUUR_BESLUITEN = "aanmeldingen.verstuur_besluiten"
    # Casuswijken. Each "LEES_" right lets a staff member read everything of that kind,
    # intern and unpublished included; without it they see what a visitor sees.
    LEES_CASUSWIJKEN = "casuswijken.view_casuswijk"
    LEES_BIJEENKOMSTEN = "casuswijken.view_bijeenkomst"
    LEES_ACTIEPUNTEN = "casuswijken.view_actiepunt"
    LEES_INTERVENTIES = "casuswijken.view_interventie"
    LEES_BEVINDINGEN = "casuswijken.view_bevinding"
    LEES_VOORBEELDEN = "casuswijken.view_voorbeeld"
    LEES_DEELNAMES = "casuswijken.view_deelname"  # who takes part, in every casuswijk
    BEGELEIDEN = "casuswijken.change_bijeenkomst"  # leads sessions: may be a begeleider
    UITNODIGEN = "casuswijken.add_deelname"
    # Sets an action point's status from the casuswijk page, as its owner can.
    WIJZIG_ACTIEPUNTEN = "casuswijken.change_actiepunt"
    # Accepts or declines a participant's proposal for the inventory.
    BESLUIT_OVER_VOORSTELLEN = "casuswijken.change_interventievoorstel"
    # The security log (logins, lockouts, second factors, exports): beheer only.
    LEES_BEVEILIGINGSLOG = "netwerk.view_beveiligingsgebeurtenis"
    # Sends a mail that failed for good once more, or lets it go (the task queue's admin).
    HANDEL_MISLUKTE_MAILS_AF = "netwerk.add_mailafhandeling"
    # Looks a person up by e-mail address, exports and erases their data, and reads the
    # record of those requests (netwerk.persoonsgegevens, netwerk.privacyverzoeken).
    BEHANDEL_PRIVACYVERZOEKEN = "netwerk.behandel_privacyverzoek"
    # Manages accounts (Django's own right on users; beheer only). Needed to erase a staff
    # account on request (netwerk.persoonsgegevens.bezwaar).
    BEHEER_ACCOUNTS = "auth.change_user"
    # Removes a staff member's second step (a lost phone; netwerk.admin.TweedeStapAdmin).
    VERWIJDER_TWEEDE_STAP = "netwerk.delete_tweedestap"


def mag(user, recht: Recht) -> bool:
    """Whether this user has this staff right. Only active staff accounts have any."""
    return bool(user.is_authenticated and user.is_active and user.is_staff) and user.has_perm(recht)


def _rechten(app_label: str, *modellen: str, acties=("view",)) -> set[str]:
    return {f"{app_label}.{actie}_{model}" for model in modellen for actie in acties}


ALLE_ACTIES = ("add", "change", "delete", "view")

_APPLICATIES_LEZEN = _rechten(
    "aanmeldingen",
    "oproep",
    "aanmelding",
    "coalitielid",
    "statuswijziging",
    "revisie",
    "toestemming",
)
_BEOORDELEN = _rechten("aanmeldingen", "beoordeling", acties=("add", "change", "view"))
# What happens in a casuswijk: sessions and what comes out of them, and who takes part.
_SESSIEMODELLEN = (
    "bijeenkomst",
    "actiepunt",
    "interventie",
    "interventiecategorie",
    "bevinding",
    "voorbeeld",
    "deelname",
    "uitnodiging",
    "reactie",
    "bijlage",
    "interventievoorstel",
    "actiepuntwijziging",
)
_SESSIEWERK = _rechten(
    "casuswijken", *_SESSIEMODELLEN, acties=("add", "change", "view")
) | _rechten(
    "casuswijken",
    "actiepunt",
    "interventie",
    "bevinding",
    "voorbeeld",
    "bijlage",
    "reactie",
    acties=("delete",),
)

# Beheer has every permission there is, Django's own (accounts, groups) included.
ALLES = "*"

ROLLEN: dict[Rol, set[str] | str] = {
    Rol.BEOORDELAAR: _APPLICATIES_LEZEN | _BEOORDELEN | {Recht.LEES_CASUSWIJKEN},
    Rol.BEGELEIDER: _APPLICATIES_LEZEN
    | _rechten("casuswijken", "casuswijk", acties=("change", "view"))
    | _SESSIEWERK,
    Rol.COORDINATOR: _APPLICATIES_LEZEN
    | _BEOORDELEN
    | {
        Recht.LEES_ALLE_BEOORDELINGEN,
        Recht.WIJS_BEOORDELAARS_TOE,
        "aanmeldingen.view_toewijzing",
        Recht.LEES_BELANGENCONFLICTEN,
        Recht.NEEM_BESLUIT,
        Recht.VERSTUUR_BESLUITEN,
        "aanmeldingen.add_oproep",
        "aanmeldingen.change_oproep",
        "aanmeldingen.change_aanmelding",
        "aanmeldingen.view_besluitsjabloon",
        "aanmeldingen.change_besluitsjabloon",
        "aanmeldingen.view_besluitbericht",
        Recht.BEHANDEL_PRIVACYVERZOEKEN,
    }
    | _rechten("aanmeldingen", "coalitielid", acties=("add", "change", "delete"))
    | _rechten("casuswijken", "casuswijk", acties=("change", "view"))
    | _rechten("casuswijken", *_SESSIEMODELLEN, acties=ALLE_ACTIES),
    Rol.BEHEER: ALLES,
}

_ACTIEWOORDEN = {
    "add": "toevoegen",
    "change": "wijzigen",
    "delete": "verwijderen",
    "view": "bekijken",
}


def synchroniseer_rollen(*, using: str = "default", **kwargs) -> None:
    """Make the groups exactly what ROLLEN says, and name Django's own permissions in Dutch.

    Connected to post_migrate (netwerk.apps). Permissions are made here first, because
    post_migrate reaches the apps one by one and ours may come before theirs.
    """
    from django.contrib.auth.models import Group, Permission

    for app_config in django_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    permissies = Permission.objects.using(using)
    for rol, rechten in ROLLEN.items():
        groep, _ = Group.objects.using(using).get_or_create(name=rol.value)
        if rechten == ALLES:
            groep.permissions.set(permissies.all())
            continue
        gevonden = permissies.filter(_als_filter(rechten)).select_related("content_type")
        ontbreekt = rechten - {f"{p.content_type.app_label}.{p.codename}" for p in gevonden}
        if ontbreekt:
            raise LookupError(f"Rechten van {rol} bestaan niet: {sorted(ontbreekt)}")
        groep.permissions.set(gevonden)
    _noem_in_het_nederlands(permissies)


def _als_filter(rechten: set[str]) -> Q:
    filter_ = Q(pk__in=[])
    for recht in rechten:
        app_label, codename = recht.split(".")
        filter_ |= Q(content_type__app_label=app_label, codename=codename)
    return filter_


def _noem_in_het_nederlands(permissies) -> None:
    """Django names its own permissions "Can add aanmelding"; staff read them in Dutch."""
    gewenst = {}
    with translation.override("nl"):
        for model in django_apps.get_models():
            opts = model._meta
            for actie in opts.default_permissions:
                if actie in _ACTIEWOORDEN:
                    naam = f"Kan {opts.verbose_name} {_ACTIEWOORDEN[actie]}"[:255]
                    gewenst[(opts.app_label, f"{actie}_{opts.model_name}")] = naam
    hernoemd = []
    for permissie in permissies.select_related("content_type"):
        naam = gewenst.get((permissie.content_type.app_label, permissie.codename))
        if naam is not None and permissie.name != naam:
            permissie.name = naam
            hernoemd.append(permissie)
    permissies.bulk_update(hernoemd, ["name"])
