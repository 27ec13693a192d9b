"""National learning: a call's network page and its reports, search, and the public results.

Included at the root (netwerk/urls.py): the addresses are /netwerk/<oproep-slug>/…,
/zoeken/ and /oproepen/<slug>/opbrengsten/….
"""

from django.urls import path  # noqa: F401

app_name = "leren"

urlpatterns: list = []
