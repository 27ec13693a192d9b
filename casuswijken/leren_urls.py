"""National learning: a call's network page and its reports, search, and the public results.

Included at the root (netwerk/urls.py): the addresses are /netwerk/<oproep-slug>/…,
/zoeken/ and /oproepen/<slug>/opbrengsten/….
"""

from django.urls import path

from .views import _tijdelijk
from .views.zoeken import zoeken

app_name = "leren"

urlpatterns: list = [
    path("zoeken/", zoeken, name="zoeken"),
    # TEMPORARY (views/_tijdelijk.py): replaced by the real pages when their branches land.
    path("netwerk/<slug:slug>/", _tijdelijk.netwerk, name="netwerk"),
    path("oproepen/<slug:slug>/opbrengsten/", _tijdelijk.opbrengsten, name="opbrengsten"),
    path(
        "oproepen/<slug:slug>/opbrengsten/bijeenkomsten/<int:pk>/",
        _tijdelijk.openbare_bijeenkomst,
        name="openbare_bijeenkomst",
    ),
]
