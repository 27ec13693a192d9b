"""National learning: a call's network page and its reports, search, and the public results.

Included at the root (netwerk/urls.py): the addresses are /netwerk/<oproep-slug>/…,
/zoeken/ and /oproepen/<slug>/opbrengsten/….
"""

from django.urls import path

from .views import netwerk, opbrengsten, rapport, zoeken

app_name = "leren"

urlpatterns = [
    path("netwerk/<slug:slug>/", netwerk.netwerk, name="netwerk"),
    path("netwerk/<slug:slug>/rapport/", rapport.netwerkrapport, name="netwerkrapport"),
    path("netwerk/<slug:slug>/rapport.pdf", rapport.netwerkrapport_pdf, name="netwerkrapport_pdf"),
    path("oproepen/<slug:slug>/opbrengsten/", opbrengsten.overzicht, name="opbrengsten"),
    path(
        "oproepen/<slug:slug>/opbrengsten/bijeenkomsten/<int:pk>/",
        opbrengsten.bijeenkomst,
        name="openbare_bijeenkomst",
    ),
    path("zoeken/", zoeken.zoeken, name="zoeken"),
]
