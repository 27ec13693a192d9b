"""Django set up for a measurement in scripts/: the project on the path, production
settings with a throwaway secret, no mail server (without DEBUG the settings demand one;
a benchmark sends no mail) and no second step (the admin pages are measured after the
login). WhiteNoise's warning about uncollected static files is silenced: nothing static
is served. Call start_django() before importing anything of Django's."""

import os
import sys
import warnings
from pathlib import Path


def start_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")
    os.environ.setdefault("SECRET_KEY", "alleen-voor-de-benchmark")
    os.environ.setdefault("EMAIL_URL", "memorymail://")
    os.environ.setdefault("TWEEDE_STAP", "uit")
    warnings.filterwarnings("ignore", "No directory at")

    import django

    django.setup()
