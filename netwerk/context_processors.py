from django.conf import settings


def portaal(request) -> dict:
    return {
        "netwerknaam": "De gemengde wijk als tussenstap naar de inclusieve wijk",
        "contact_email": settings.CONTACT_EMAIL,
        "portaal_url": settings.PORTAAL_URL,
    }
