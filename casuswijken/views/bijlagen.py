"""A session's attachment, downloaded by whoever may read the session: never from a public
address, always through this check."""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from ..bijlagen import downloadnaam
from ..models import Bijlage
from .toegang import bijeenkomst_of_404, casuswijk_of_404


# Opened in the browser after all, the file runs no script and reaches no other page: the
# portal's policy (settings.CONTENT_SECURITY_POLICY) plus a sandbox.
@csp_update({"sandbox": True})
@login_required
@require_safe
def bijlage(request: HttpRequest, slug: str, pk: int, bijlage_pk: int) -> FileResponse:
    """The file, through the same rule as the session's page: the casuswijk, the session
    seen from it, the attachment of that session. 404 for anything else, also when the
    stored file has gone."""
    wijk = casuswijk_of_404(request.user, slug)
    sessie = bijeenkomst_of_404(request.user, wijk, pk)
    gevonden = (
        Bijlage.objects.zichtbaar_voor(request.user)
        .filter(bijeenkomst=sessie, pk=bijlage_pk)
        .first()
    )
    if gevonden is None:
        raise Http404("Onbekende bijlage.")
    try:
        bestand = gevonden.bestand.storage.open(gevonden.bestand.name, "rb")
    except FileNotFoundError:
        raise Http404("Dit bestand is er niet meer.") from None
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=downloadnaam(gevonden),
        content_type=gevonden.inhoudstype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
