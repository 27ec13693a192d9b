import pytest
from django.test import RequestFactory

from netwerk.bezoekers import bezoekersadres


@pytest.mark.parametrize(
    ("proxies", "meta", "verwacht"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.7"}, "192.0.2.7"),
        (0, {"REMOTE_ADDR": "192.0.2.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "192.0.2.7"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "198.51.100.1"),
        # The visitor may write anything at the left; only our proxy's entry counts.
        (
            1,
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1"},
            "198.51.100.1",
        ),
        (
            2,
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1, 10.0.0.2"},
            "198.51.100.1",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": " , "}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "geen-adres"}, "onbekend"),
        (0, {"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::/64"),
    ],
)
def test_visitor_address_as_far_as_our_proxies_vouch_for_it(settings, proxies, meta, verwacht):
    settings.VERTROUWDE_PROXIES = proxies
    request = RequestFactory().post("/", **meta)

    assert bezoekersadres("groep", request) == verwacht
