"""An ORM lookup Django leaves out: `in` on a whole-number column with a number outside the
column's range.

Django's own exact and comparison lookups treat such a number as matching nothing
(IntegerFieldOverflow); `in` passes it on, and SQLite then raises OverflowError: a 500 for
a forged key in an admin multiple-choice field (a group's rights, a session's begeleiders).
Registered when the app is ready (netwerk.apps).
"""

from django.db import models
from django.db.models.lookups import In


@models.IntegerField.register_lookup
class GeheelGetalIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            laag, hoog = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                waarde
                for waarde in self.rhs
                if not isinstance(waarde, int)
                or ((laag is None or waarde >= laag) and (hoog is None or waarde <= hoog))
            ]
        return super().process_rhs(compiler, connection)
