"""The staff tool for calls, applications, reviews and decisions; one module per concern.

Importing the modules registers their ModelAdmins with the admin site.
"""

from . import aanmelding, beoordeling, besluitmails, oproep  # noqa: F401
