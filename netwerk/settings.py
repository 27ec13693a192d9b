"""Settings of the leernetwerk portal.

Everything that differs between a laptop, CI and production comes from environment
variables (see README.md, "Configuratie"). The defaults are the safe production ones:
DEBUG is off and a missing SECRET_KEY stops the process, unless DEBUG is asked for.
"""

import datetime
from pathlib import Path

import environ
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random secret; "
            "for local development set DEBUG=1 (make run does)."
        )
    SECRET_KEY = "onveilig-alleen-voor-lokale-ontwikkeling"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "netwerk.apps.BeheerConfig",  # django.contrib.admin with our own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "netwerk.wachtrij.WachtrijConfig",  # django_tasks_db under a Dutch name
    "netwerk.apps.InlogblokkadeConfig",  # django-axes under a Dutch name
    "netwerk",
    "aanmeldingen",
    "casuswijken",
    "csp",
    "django.forms",  # its widget templates, for FORM_RENDERER below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # High up, so that every response gets both headers: static files from WhiteNoise,
    # redirects, 404s and the responses of every middleware below.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the session, the form or the database: NUL bytes and methods
    # the portal does not take are refused here.
    "netwerk.middleware.WeigerRareInvoer",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Lets the pages that need no database go on without the session while it is down.
    "netwerk.sessies.SessieZonderDatabase",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step.
    "django_otp.middleware.OTPMiddleware",
    "netwerk.middleware.PriveVoorIngelogden",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: an ended session says why on the login page.
    "netwerk.middleware.SessieGrenzen",
    "netwerk.middleware.TweedeStapVoorMedewerkers",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a refused login into netwerk.inlogblokkade.geblokkeerd.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netwerk.urls"
# The CSRF page in Dutch and in the portal's layout (Django's own is English).
CSRF_FAILURE_VIEW = "netwerk.views.csrf_fout"
# Database sessions that let a page that needs no database go on when it is down.
SESSION_ENGINE = "netwerk.sessies"
WSGI_APPLICATION = "netwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netwerk.context_processors.portaal",
            ],
        },
    },
]
# Form widgets are rendered through the project's templates, so that templates/ may override
# one (admin/widgets/split_datetime.html labels the date and the time field).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is tried before a request uses it, so that the portal goes on by itself
# once a restarted or unreachable database is back.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Seconds to wait for a new connection (up to the server's first answer), and for one
    # statement (the server cancels it): both below gunicorn's 30 seconds, so that a hanging
    # database gives an error page and a free worker instead of a killed one.
    opties = DATABASES["default"].setdefault("OPTIONS", {})
    opties.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    opties["options"] = " ".join(
        [
            opties.get("options", ""),
            f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT', default=20) * 1000}",
        ]
    ).strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the task worker write to one file. Every transaction takes the
    # write lock when it begins (IMMEDIATE), so one that read first cannot fail halfway
    # when it wants to write; it waits for another writer up to the timeout (seconds)
    # instead of answering "database is locked". WAL lets reads go on during a write,
    # and with WAL, synchronous=NORMAL risks the last commits at a power cut, not the file.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Nothing is held in one process, so that several app instances behind a load balancer
# (docs/productie.md) see the same: the cache and the rate-limit counters live in Redis when
# REDIS_URL (or a redis:// CACHE_URL) names one, in the database otherwise (tables made by
# `manage.py createcachetable`). Redis counts atomically; the database cache is there so
# that one machine needs no extra service.
REDIS_URL = env.str("REDIS_URL", default="")
GEDEELDE_CACHE_URL = env.str("CACHE_URL", default="") or REDIS_URL


def _cache(url: str, *, voorvoegsel: str, tabel: str) -> dict:
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": voorvoegsel,
        }
    if url:
        return env.cache_url_config(url)
    return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": tabel}


CACHES = {
    "default": _cache(GEDEELDE_CACHE_URL, voorvoegsel="portaal", tabel="portaal_cache"),
    "ratelimit": _cache(
        env.str("RATELIMIT_CACHE_URL", default="") or GEDEELDE_CACHE_URL,
        voorvoegsel="portaal_ratelimit",
        tabel="portaal_ratelimit",
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# How many reverse proxies of our own stand before the application. Each adds the address
# it saw to X-Forwarded-For; with 0 the connection's own address is the visitor's
# (netwerk.bezoekers). Behind one nginx or load balancer: 1.
VERTROUWDE_PROXIES = env.int("VERTROUWDE_PROXIES", default=0)
# Submitted applications per visitor address per hour.
AANMELDINGEN_PER_UUR = env.int("AANMELDINGEN_PER_UUR", default=5)
# Requests for a lost link: per visitor address, and per e-mail address asked for.
LINKAANVRAGEN_PER_UUR = env.int("LINKAANVRAGEN_PER_UUR", default=5)
# Failed logins (django-axes, netwerk.inlogblokkade): after INLOGFOUTEN wrong passwords for
# one account from one address, that pair waits INLOGBLOKKADE_MINUTEN; the account works
# from elsewhere, a good login clears the count, a success never counts. The attempts live
# in the database (axes' database handler): every worker sees them, each failure is counted
# in a locked row (the cache handler's read-then-write can lose concurrent failures), and
# beheer can lift a block in the admin.
AUTHENTICATION_BACKENDS = ["netwerk.inlogblokkade.InlogBackend"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("INLOGFOUTEN", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("INLOGBLOKKADE_MINUTEN", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "netwerk.inlogblokkade.adres"
AXES_USERNAME_CALLABLE = "netwerk.inlogblokkade.gebruikersnaam"
AXES_LOCKOUT_CALLABLE = "netwerk.inlogblokkade.geblokkeerd"
# Logins are in our own security log; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
# Our admin of the blocks (netwerk.admin) instead of axes' three English ones.
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken", "otp_token"]
# How long an applicant's secret link works; a new one can be requested at any time.
AANMELDLINK_GELDIG_DAGEN = env.int("AANMELDLINK_GELDIG_DAGEN", default=180)
# How long the security log (netwerk.models.Beveiligingsgebeurtenis) keeps an entry.
BEVEILIGINGSLOG_DAGEN = env.int("BEVEILIGINGSLOG_DAGEN", default=365)
# The retention terms that `manage.py pas_bewaartermijnen_toe` applies every night and the
# privacy statement shows (netwerk/bewaartermijnen.py names what each one counts from).
BEWAREN_NIET_GEKOZEN_MAANDEN = env.int("BEWAREN_NIET_GEKOZEN_MAANDEN", default=12)
BEWAREN_INGETROKKEN_MAANDEN = env.int("BEWAREN_INGETROKKEN_MAANDEN", default=3)
BEWAREN_CONCEPT_MAANDEN = env.int("BEWAREN_CONCEPT_MAANDEN", default=3)
BEWAREN_NA_NETWERK_MAANDEN = env.int("BEWAREN_NA_NETWERK_MAANDEN", default=24)
ACCOUNT_UITZETTEN_MAANDEN = env.int("ACCOUNT_UITZETTEN_MAANDEN", default=1)
ACCOUNT_WISSEN_MAANDEN = env.int("ACCOUNT_WISSEN_MAANDEN", default=12)

LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "casuswijken:overzicht"
LOGOUT_REDIRECT_URL = "/account/inloggen/?uitgelogd=1"
# Staff accounts reach every applicant's personal data: after the password they pass a
# second step, a code from an app (TOTP) or a single-use recovery code (netwerk.tweede_stap).
# "verplicht": no staff page without it. "overslaanbaar": offered after logging in, with a
# button to skip it (make run's demo). "uit": not asked (the test suite, tests/conftest.py).
TWEEDE_STAP = env.str("TWEEDE_STAP", default="overslaanbaar" if DEBUG else "verplicht")
if TWEEDE_STAP not in ("verplicht", "overslaanbaar", "uit"):
    raise ImproperlyConfigured(
        f"TWEEDE_STAP is {TWEEDE_STAP!r}; use verplicht, overslaanbaar or uit."
    )
# The name the authenticator app shows above the account's codes.
OTP_TOTP_ISSUER = "Leernetwerk Gemengde Wijk"
# How long a session lasts (netwerk.middleware.SessieGrenzen): for staff, until 30 minutes
# without a request or 12 hours after logging in; for participants, until 7 days without a
# visit or 14 days after logging in (docs/ontwerpkeuzes.md says why).
SESSIE_MEDEWERKER_INACTIEF_MINUTEN = env.int("SESSIE_MEDEWERKER_INACTIEF_MINUTEN", default=30)
SESSIE_MEDEWERKER_MAX_UREN = env.int("SESSIE_MEDEWERKER_MAX_UREN", default=12)
SESSIE_DEELNEMER_INACTIEF_DAGEN = env.int("SESSIE_DEELNEMER_INACTIEF_DAGEN", default=7)
SESSIE_DEELNEMER_MAX_DAGEN = env.int("SESSIE_DEELNEMER_MAX_DAGEN", default=14)
# The cookie lasts as long as the longest session may; the middleware ends shorter ones.
SESSION_COOKIE_AGE = max(
    SESSIE_DEELNEMER_MAX_DAGEN * 24 * 60 * 60, SESSIE_MEDEWERKER_MAX_UREN * 60 * 60
)
# A set-password link from an invitation or a reset works this long (three days).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Twelve characters at least: accounts reach applicants' personal data and the notes.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Our Dutch for what Django and the packages leave English or word differently
# (locale/nl/, compiled with manage.py compileer_vertalingen; the .mo files are committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files attached to sessions: never under a public URL, read only through a view that
# checks who may see the session. On the file system in BIJLAGEN_MAP by default; in
# S3-compatible object storage (django-storages) when BIJLAGEN_S3_BUCKET is set.
BIJLAGEN_MAX_GROOTTE = 20 * 1024 * 1024
if env.str("BIJLAGEN_S3_BUCKET", default=""):
    BIJLAGENOPSLAG = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("BIJLAGEN_S3_BUCKET"),
            "endpoint_url": env.str("BIJLAGEN_S3_ENDPOINT", default=None),
            "region_name": env.str("BIJLAGEN_S3_REGIO", default=None),
            "access_key": env.str("BIJLAGEN_S3_SLEUTEL", default=None),
            "secret_key": env.str("BIJLAGEN_S3_GEHEIM", default=None),
            # "path" for services that have no bucket name in their host name (MinIO).
            "addressing_style": env.str("BIJLAGEN_S3_ADRESSERING", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    BIJLAGENOPSLAG = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("BIJLAGEN_MAP", default=BASE_DIR / "bestanden" / "bijlagen"),
            "base_url": None,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "bijlagen": BIJLAGENOPSLAG,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail leaves through the task queue (netwerk.mail), so it is queued in the same
# transaction as the data it is about. A worker (manage.py db_worker) sends it. Production
# names its mail server: printing links to the console there would lose every mail.
if not env.str("EMAIL_URL", default="") and not DEBUG:
    raise ImproperlyConfigured(
        "EMAIL_URL is not set. Production needs its mail server, e.g. "
        "smtp+tls://user:password@smtp.example.nl:587; for local development set DEBUG=1."
    )
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Leernetwerk Gemengde Wijk <leernetwerk@platform31.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people use to reach the portal; links in e-mails start with it.
PORTAAL_URL = env.str("PORTAAL_URL", default="http://127.0.0.1:8000").rstrip("/")
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="leernetwerk@platform31.nl")
# The data protection officer (functionaris gegevensbescherming), named on /privacy/. Until
# it is set, requests for the officer go to the general address, which reaches a person.
FG_EMAIL = env.str("FG_EMAIL", default=CONTACT_EMAIL)

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# No mail is lost (netwerk.mail): a try that fails for a reason that may pass queues the
# next one, MAIL_WACHTTIJD_SECONDEN later and doubling each time (4, 8, 16, 32 minutes:
# 5 tries in an hour); after the last one staff see it as failed and can send it again.
MAIL_POGINGEN = env.int("MAIL_POGINGEN", default=5)
MAIL_WACHTTIJD_SECONDEN = env.int("MAIL_WACHTTIJD_SECONDEN", default=240)
# Sent mails (and the other finished tasks) are deleted after this many days by
# `manage.py ruim_wachtrij_op` (hourly) and `manage.py pas_bewaartermijnen_toe` (daily);
# failed mails only once staff dealt with them.
MAIL_BEWAREN_DAGEN = env.int("MAIL_BEWAREN_DAGEN", default=14)
# A task still RUNNING after this long belongs to a worker that died: ruim_wachtrij_op
# queues it again. Far above EMAIL_TIMEOUT, which bounds every wait on the mail server.
WACHTRIJ_VASTGELOPEN_MINUTEN = env.int("WACHTRIJ_VASTGELOPEN_MINUTEN", default=15)
# Seconds smtplib waits for the mail server before the try fails (and is tried again).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Shown on /privacy/ and recorded with every consent, so that we can tell later which text
# an applicant agreed to. Change it whenever the privacy statement changes.
PRIVACYVERKLARING_VERSIE = "2026-12-01c"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
# Only where every subdomain is served over HTTPS, and (preload) once the domain is to be
# put on the browsers' preload list: both bind the whole domain for the HSTS period.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): what a browser may load and run on our pages, so
# that script slipped past the sanitiser does not run. Scripts and styles only from our own
# files (static/js, static/css, the admin's and Bootstrap's): no inline script, no style
# attributes, no eval. Images also from data: URIs, because Bootstrap's stylesheet draws its
# check marks, select arrows and close buttons as data: SVGs. Forms post only to us; no
# page may be framed (as X-Frame-Options), no plugins, no <base> to redirect relative links.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
# Permissions-Policy (django-permissions-policy): browser features the portal never uses
# are switched off for our pages and anything they might embed. Those left out keep their
# default (our own origin only): fullscreen, clipboard, passkeys (publickey-credentials-*).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secret links (an applicant's, a set-password link, a calendar feed) and e-mail
    # addresses never in a log line.
    "filters": {"geheimen": {"()": "netwerk.logfilter.VerbergGeheimen"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["geheimen"]},
        # runserver's request lines, as Django's default writes them, with the filter.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["geheimen"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's handlers see these too (mail to ADMINS): the filter acts before them.
        # Without handlers of its own: Django's defaults (a console handler for DEBUG, mail
        # to ADMINS) would write its records once more, past the filter of ours.
        "django": {"handlers": []},
        "django.request": {"filters": ["geheimen"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["geheimen"],
        },
        "django.db.backends": {"level": "WARNING"},
        # axes tells every attempt at INFO; its warnings (failures, lockouts) still come.
        "axes": {"level": "WARNING"},
        # WeasyPrint tells every step of every PDF at INFO; its warnings still come through.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
