"""National learning: a call's network page and its reports, search, and the public results.

Included at the root (netwerk/urls.py): the addresses are /netwerk/<oproep-slug>/…,
/zoeken/ and /oproepen/<slug>/opbrengsten/….
"""

from django.urls import path

from .views import netwerk, opbrengsten

app_name = "leren"

urlpatterns: list = [
    path("netwerk/<slug:slug>/", netwerk.netwerk, name="netwerk"),
    path("oproepen/<slug:slug>/opbrengsten/", opbrengsten.overzicht, name="opbrengsten"),
    path(
        "oproepen/<slug:slug>/opbrengsten/bijeenkomsten/<int:pk>/",
        opbrengsten.bijeenkomst,
        name="openbare_bijeenkomst",
    ),
]
