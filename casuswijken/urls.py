from django.urls import path

from . import views
from .views import actiepunten, bijlagen, meedoen, rapport, reacties, voorstellen

app_name = "casuswijken"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("<slug:slug>/", views.casuswijk, name="casuswijk"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/", views.bijeenkomst, name="bijeenkomst"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/antwoord/", meedoen.antwoord, name="antwoord"),
    path(
        "<slug:slug>/bijeenkomsten/<int:pk>/bijlagen/<int:bijlage_pk>/",
        bijlagen.bijlage,
        name="bijlage",
    ),
    path("<slug:slug>/bijeenkomsten/<int:pk>/reacties/", reacties.reactie, name="reactie"),
    path("<slug:slug>/agenda-link/", views.agenda_link, name="agenda_link"),
    path("<slug:slug>/agenda/<str:token>.ics", views.agenda, name="agenda"),
    path("<slug:slug>/rapport/", rapport.rapport, name="rapport"),
    path("<slug:slug>/rapport.pdf", rapport.rapport_pdf, name="rapport_pdf"),
    path("<slug:slug>/actiepunten/<int:pk>/", actiepunten.actiepunt, name="actiepunt"),
    path("<slug:slug>/interventies/voorstellen/", voorstellen.voorstel, name="voorstel"),
]
