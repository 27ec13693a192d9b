from django.urls import path

from . import views

app_name = "aanmeldingen"

urlpatterns = [
    path("", views.home, name="home"),
    path("oproepen/<slug:slug>/", views.oproep_detail, name="oproep"),
    path("oproepen/<slug:slug>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("oproepen/<slug:slug>/aanmelden/ontvangen/", views.ontvangen, name="ontvangen"),
    path(
        "oproepen/<slug:slug>/aanmelden/concept-opgeslagen/",
        views.concept_opgeslagen,
        name="concept_opgeslagen",
    ),
    path("oproepen/<slug:slug>/link-kwijt/", views.link_kwijt, name="link_kwijt"),
    path("aanmelding/<str:token>/", views.aanmelding, name="aanmelding"),
    path("aanmelding/<str:token>/wijzigen/", views.aanmelding_bewerken, name="aanmelding_bewerken"),
    path(
        "aanmelding/<str:token>/intrekken/", views.aanmelding_intrekken, name="aanmelding_intrekken"
    ),
]
