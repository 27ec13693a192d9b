"""/account/: log in and out, forgotten password and setting one from an invitation."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import path, reverse_lazy

from . import tweede_stap_views
from .account import (
    InlogForm,
    MailViaWachtrijResetForm,
    WachtwoordInstellenForm,
    WachtwoordInstellenView,
)
from .views import begrensd

app_name = "account"

urlpatterns = [
    path("", lambda request: redirect("account:login"), name="start"),
    path(
        "inloggen/",
        # Failed logins are counted per account and address by django-axes.
        auth_views.LoginView.as_view(
            authentication_form=InlogForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        begrensd(
            auth_views.PasswordResetView.as_view(
                form_class=MailViaWachtrijResetForm,
                success_url=reverse_lazy("account:password_reset_done"),
            ),
            groep="account.wachtwoord",
            instelling="LINKAANVRAGEN_PER_UUR",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        WachtwoordInstellenView.as_view(
            form_class=WachtwoordInstellenForm,
            # Django swaps the token in the address for this word once it checked it.
            reset_url_token="instellen",
            success_url=reverse_lazy("account:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The second step of a staff login (netwerk.tweede_stap).
    path("tweede-stap/", tweede_stap_views.controleren, name="tweede_stap"),
    path("tweede-stap/instellen/", tweede_stap_views.instellen, name="tweede_stap_instellen"),
    path(
        "tweede-stap/herstelcodes/",
        tweede_stap_views.herstelcodes,
        name="tweede_stap_herstelcodes",
    ),
    path("tweede-stap/overslaan/", tweede_stap_views.overslaan, name="tweede_stap_overslaan"),
]
