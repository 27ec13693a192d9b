"""Middleware of our own."""

from django.utils.cache import patch_cache_control


class PriveVoorIngelogden:
    """A page shown to a logged-in person is theirs: no browser back-button cache on a shared
    computer and no proxy may keep it (Cache-Control: private, no-store). Pages that set
    their own caching already (never_cache) keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
