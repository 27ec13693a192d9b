from django.contrib import admin
from django.urls import include, path

from . import views

# A database that cannot be reached answers a calm 503 instead of the 500 page.
handler500 = "netwerk.views.serverfout"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("account/", include("netwerk.account_urls")),
    path("wijken/", include("casuswijken.urls")),
    path("", include("casuswijken.leren_urls")),
    path("", include("aanmeldingen.urls")),
]
