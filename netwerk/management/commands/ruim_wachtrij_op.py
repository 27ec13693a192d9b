"""Keep the task queue healthy: tasks of a dead worker back in line, old rows deleted."""

from django.core.management.base import BaseCommand

from netwerk.mail import mislukte_mails, ruim_wachtrij_op, zet_vastgelopen_taken_terug


class Command(BaseCommand):
    help = (
        "Zet taken terug in de wachtrij die een gestopte worker half af liet, en verwijdert "
        "verstuurde mails en andere afgeronde taken na MAIL_BEWAREN_DAGEN; mislukte mails "
        "blijven staan tot een medewerker ze heeft afgehandeld. Elk uur draaien."
    )

    def handle(self, *args, **options):
        teruggezet = zet_vastgelopen_taken_terug()
        verwijderd = ruim_wachtrij_op()
        open_ = mislukte_mails().filter(afhandeling__isnull=True).count()
        self.stdout.write(
            f"Teruggezet: {teruggezet} vastgelopen taak/taken. Verwijderd: {verwijderd} oude "
            f"taak/taken. Mislukte mails die nog op een medewerker wachten: {open_}."
        )
