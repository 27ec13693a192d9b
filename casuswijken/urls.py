from django.urls import path

from . import views

app_name = "casuswijken"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("<slug:slug>/", views.casuswijk, name="casuswijk"),
    path("<slug:slug>/bijeenkomsten/<int:pk>/", views.bijeenkomst, name="bijeenkomst"),
    path("<slug:slug>/agenda-link/", views.agenda_link, name="agenda_link"),
    path("<slug:slug>/agenda/<str:token>.ics", views.agenda, name="agenda"),
]
