# Everything a new machine needs: `make run` to try the portal, `make test` to check it.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# Local development: debug on, a throwaway secret, mail printed on the console.
DEV_ENV := DEBUG=1 PORTAAL_URL=http://127.0.0.1:$(PORT)

.PHONY: run test install install-dev lint migrate release schaal benchmark vertalingen clean systeempakketten

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) ontbreekt; zet PYTHON=/pad/naar/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

# Debian's libraries for WeasyPrint, a font and pdftotext; installs only what is missing.
systeempakketten:
	@bash scripts/systeempakketten.sh

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createcachetable

# Serves on http://127.0.0.1:$(PORT)/ with a task worker beside it that delivers the mail
# (printed on this console); the reminders that are due queued and the queue cleaned up
# (ruim_wachtrij_op) at the start and every hour after; the retention terms applied
# (pas_bewaartermijnen_toe) at the start and every day after (production: cron or a
# systemd timer, README). Ctrl-C stops them all.
run: systeempakketten migrate
	$(DEV_ENV) $(PY) manage.py laad_demodata
	@trap 'kill 0' INT TERM EXIT; \
	$(DEV_ENV) $(PY) manage.py db_worker --interval 1 --reload & \
	while true; do $(DEV_ENV) $(PY) manage.py stuur_herinneringen; \
		$(DEV_ENV) $(PY) manage.py ruim_wachtrij_op; sleep 3600; done & \
	while true; do $(DEV_ENV) $(PY) manage.py pas_bewaartermijnen_toe; sleep 86400; done & \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The release step, once per release and before the new instances start, with the
# production environment (docs/productie.md): the app instances never migrate themselves.
release: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --check

# The portal on more than one server: two gunicorn instances behind HAProxy (installed from
# Debian where missing), PostgreSQL, Redis and a local SMTP sink; the path through the
# balancer, a bounded load and 200 mails by two workers (scripts/schaal_uit.py).
schaal: install-dev
	$(PY) scripts/schaal_uit.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The suite runs with DEBUG off, like production; only the secret is a throwaway one, and
# the mail goes nowhere (without DEBUG the settings demand an EMAIL_URL).
# One file or test: make test PYTEST_ARGS="tests/aanmeldingen/test_form.py -x"
test: systeempakketten install-dev lint
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=alleen-voor-tests EMAIL_URL=memorymail:// $(PY) -m pytest $(PYTEST_ARGS)

# How fast the applications list is with 10,000 applications (a measurement, not a test),
# the network report's PDF for 4 casuswijken of 30 sessions (fails over 10 s), search
# over 10,000 sessions, interventions and findings (fails on PostgreSQL when p95 is 100 ms
# or more), and the staff start page with 10,000 applications and 100 casuswijken (fails
# on PostgreSQL when the median is 300 ms or more).
benchmark: systeempakketten install-dev
	$(PY) scripts/benchmark_changelist.py
	$(PY) scripts/benchmark_rapport.py
	$(PY) scripts/benchmark_zoeken.py
	$(PY) scripts/benchmark_dashboard.py

# After editing a .po file in locale/: writes its .mo (pure Python, no gettext needed).
# Commit both; a test fails when they differ.
vertalingen: install
	$(DEV_ENV) $(PY) manage.py compileer_vertalingen

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles bestanden .hypothesis
