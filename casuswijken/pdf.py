"""HTML to PDF through WeasyPrint, offline: the only files it may load are our own static
files (the report's stylesheet); anything else, on the network or on disk, is refused."""

import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class AlleenEigenStatisch(URLFetcher):
    """Serves the files under STATIC_URL of the portal's own address from disk (the app
    directories, or the collected files with their hashed names), and nothing else."""

    def fetch(self, url, headers=None):
        voorvoegsel = f"{settings.PORTAAL_URL}/{settings.STATIC_URL.strip('/')}/"
        if not url.startswith(voorvoegsel):
            raise ValueError(f"Geen eigen statisch bestand: {url}")
        naam = posixpath.normpath(
            unquote(urlsplit(url).path).removeprefix(urlsplit(voorvoegsel).path)
        )
        if naam.startswith(("..", "/")):
            raise ValueError(f"Geen eigen statisch bestand: {url}")
        pad = finders.find(naam)
        if pad is None and staticfiles_storage.exists(naam):
            pad = staticfiles_storage.path(naam)
        if pad is None:
            raise ValueError(f"Onbekend statisch bestand: {naam}")
        with open(pad, "rb") as bestand:
            inhoud = bestand.read()
        soort = "text/css" if naam.endswith(".css") else "application/octet-stream"
        return URLFetcherResponse(url, inhoud, {"Content-Type": soort})


def als_pdf(html: str) -> bytes:
    """The PDF of a page rendered for print; links in it point to the portal's address."""
    return HTML(
        string=html,
        base_url=f"{settings.PORTAAL_URL}/",
        url_fetcher=AlleenEigenStatisch(),
    ).write_pdf()


def pdf_antwoord(request, template: str, context: dict, *, bestandsnaam: str) -> HttpResponse:
    """The template as a PDF download; `bestandsnaam` is made safe (slugified)."""
    html = render_to_string(template, context, request=request)
    response = HttpResponse(als_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(bestandsnaam)}.pdf"'
    return response
