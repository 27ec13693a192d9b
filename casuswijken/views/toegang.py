"""Which casuswijk or network a user may open: 404 for anyone else, so that existence stays
hidden. What they then see on the page is decided by zichtbaar_voor, not here."""

from django.http import Http404

from aanmeldingen.models import Oproep
from netwerk.rechten import Recht, mag

from ..models import Bijeenkomst, Casuswijk, actieve_deelnames


def casuswijk_of_404(user, slug: str) -> Casuswijk:
    """The casuswijk if this user may see it."""
    casuswijk = (
        Casuswijk.objects.zichtbaar_voor(user)
        .select_related("aanmelding__oproep")
        .filter(slug=slug)
        .first()
    )
    if casuswijk is None:
        raise Http404("Onbekende casuswijk.")
    return casuswijk


def bijeenkomst_of_404(user, casuswijk: Casuswijk, pk: int) -> Bijeenkomst:
    """A session of the casuswijk's call (its own, a national one, or another casuswijk's
    shared with the network) if this user may see it: the session page's rule, also for
    what is posted to it and the files with it."""
    sessie = (
        Bijeenkomst.objects.zichtbaar_voor(user)
        .filter(oproep=casuswijk.aanmelding.oproep_id, pk=pk)
        .select_related("casuswijk")
        .first()
    )
    if sessie is None:
        raise Http404("Onbekende bijeenkomst.")
    return sessie


def netwerk_of_404(user, slug: str) -> Oproep:
    """The call whose network page this user may open: they take part in one of its
    casuswijken now, or they are staff who may read casuswijken. A call without
    casuswijken has no network yet."""
    oproepen = Oproep.objects.filter(slug=slug, aanmeldingen__casuswijk__isnull=False)
    if not mag(user, Recht.LEES_CASUSWIJKEN):
        if not user.is_authenticated:
            raise Http404("Onbekend netwerk.")
        oproepen = oproepen.filter(
            pk__in=actieve_deelnames(user).values("casuswijk__aanmelding__oproep")
        )
    oproep = oproepen.distinct().first()
    if oproep is None:
        raise Http404("Onbekend netwerk.")
    return oproep


def mag_intern_meenemen(user) -> bool:
    """Staff who lead sessions may put intern content in a report; nobody else."""
    return mag(user, Recht.BEGELEIDEN)


def mag_rapport_lezen(user, casuswijk: Casuswijk) -> bool:
    """Reports are for staff who lead sessions and for the casuswijk's own participants,
    who get their own copy; not for a beoordelaar, who may open the casuswijk's page."""
    return (
        mag(user, Recht.BEGELEIDEN) or actieve_deelnames(user).filter(casuswijk=casuswijk).exists()
    )


def casuswijkrapport_of_404(user, slug: str) -> Casuswijk:
    """The casuswijk whose report this user may read."""
    casuswijk = casuswijk_of_404(user, slug)
    if not mag_rapport_lezen(user, casuswijk):
        raise Http404("Onbekende casuswijk.")
    return casuswijk


def mag_netwerkrapport_lezen(user, oproep: Oproep) -> bool:
    """A network report is for staff who lead sessions and for the participants of the
    call's casuswijken (their copy)."""
    return (
        mag(user, Recht.BEGELEIDEN)
        or actieve_deelnames(user).filter(casuswijk__aanmelding__oproep=oproep).exists()
    )


def netwerkrapport_of_404(user, slug: str) -> Oproep:
    """The call whose network report this user may read."""
    oproep = netwerk_of_404(user, slug)
    if not mag_netwerkrapport_lezen(user, oproep):
        raise Http404("Onbekend netwerk.")
    return oproep


def mag_actiepunt_wijzigen(user, actiepunt, *, neemt_deel: bool | None = None) -> bool:
    """An action point's status is set by its owner while they take part in its casuswijk,
    and by staff with the right; any other reader of the point only reads it. neemt_deel
    may pass whether user takes part in the point's casuswijk now, when known already."""
    if mag(user, Recht.WIJZIG_ACTIEPUNTEN):
        return True
    if not user.is_authenticated or actiepunt.eigenaar_id != user.pk:
        return False
    if neemt_deel is None:
        neemt_deel = actieve_deelnames(user).filter(casuswijk=actiepunt.casuswijk_id).exists()
    return neemt_deel


def deelname_of_404(user, casuswijk: Casuswijk):
    """The user's own active participation in this casuswijk: pages where one takes part
    (proposing an intervention) are for participants only, staff included."""
    deelname = actieve_deelnames(user).filter(casuswijk=casuswijk).first()
    if deelname is None:
        raise Http404("Alleen voor deelnemers van deze casuswijk.")
    return deelname
