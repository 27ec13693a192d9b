from django.urls import path

from . import views

app_name = "aanmeldingen"

urlpatterns = [
    path("", views.home, name="home"),
    path("oproepen/<slug:slug>/", views.oproep_detail, name="oproep"),
    path("oproepen/<slug:slug>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("oproepen/<slug:slug>/aanmelden/ontvangen/", views.ontvangen, name="ontvangen"),
]
