"""The accessibility statement itself passes what it promises: no serious axe violation, and
on a phone 320 px wide its long words ("Toegankelijkheidsverklaring") and addresses wrap
instead of widening the page."""

import pytest

from tests.browser.conftest import ernstige_toegankelijkheidsfouten

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("breedte", [1280, 320])
def test_the_statement_reflows_and_passes_axe(live_server, page, breedte):
    page.set_viewport_size({"width": breedte, "height": 800})
    page.goto(f"{live_server.url}/toegankelijkheid/")

    assert page.get_by_role("heading", level=1).inner_text() == "Toegankelijkheidsverklaring"
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert ernstige_toegankelijkheidsfouten(page) == []
