"""The staff tool for what happens in the casuswijken; one module per concern.

Importing the modules registers their ModelAdmins with the admin site.
"""

from . import actiepunt, bijeenkomst, casuswijk, inventaris, uitnodiging  # noqa: F401
