"""Browser tests: Playwright for Python driving Debian's chromium (/usr/bin/chromium).

Where chromium is missing they skip, except in CI (CI=true), where they fail: .ci/run
installs chromium, so a skip there would hide a broken set-up.
"""

import importlib
import io
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's guard against ORM calls
# from async code would otherwise refuse the test's own database work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ERNSTIG = {"serious", "critical"}
# For pages held to more: the staff start page allows no moderate violation either.
MATIG_EN_ERNSTIGER = ERNSTIG | {"moderate"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium ontbreekt in CI: .ci/run had het moeten installeren")
        pytest.skip("chromium is niet geïnstalleerd (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page_zonder_js(browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(settings, besluitsjablonen):
    """The demo data (laad_demodata), as `make run` has it, and its records the walk opens
    (tests/browser/rondgang.py)."""
    from django.apps import apps
    from django.core.management import call_command

    from tests.browser.rondgang import Demo

    # A transactional test's flush emptied what the data migrations made (besluitsjablonen
    # makes the decision mail templates again): the shared categories too.
    migratie = importlib.import_module("casuswijken.migrations.0003_categorieen_en_rechten")
    migratie.vul_in(apps, None)
    settings.DEBUG = True
    call_command("laad_demodata", stdout=io.StringIO())
    settings.DEBUG = False
    return Demo.uit_de_database()


def ernstige_toegankelijkheidsfouten(page, ernst=ERNSTIG) -> list[str]:
    """Run axe-core on the page; return the violations of this impact (by default serious
    and critical), readably."""
    from axe_playwright_python.sync_playwright import Axe

    resultaat = Axe().run(page)
    return [
        f"{fout['id']} ({fout['impact']}): {fout['help']} bij "
        + ", ".join(str(node["target"]) for node in fout["nodes"][:3])
        for fout in resultaat.response["violations"]
        if fout["impact"] in ernst
    ]
