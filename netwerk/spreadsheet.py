"""CSV files for staff's own reporting, in the form Dutch Excel opens as is.

UTF-8 with a byte order mark (so Excel reads the accents), semicolons between fields (the
Dutch list separator), CRLF line ends, moments in Dutch time. A cell that starts like a
formula gets a leading apostrophe, so a spreadsheet never runs what someone typed.
"""

import csv
import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.timezone import localdate, localtime

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def csv_bestand(naam: str) -> HttpResponse:
    """An empty download named after its contents and today: "interventies-2026-12-01.csv"."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{naam}-{localdate().strftime("%Y-%m-%d")}.csv"'
    )
    return response


def schrijf_tabel(uitvoer, *, kopregel: list[str], rijen: Iterable[list]) -> int:
    """The header, then every row with each cell made safe (veilig); returns how many rows
    (for the security log)."""
    uitvoer.write("\ufeff")
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kopregel)
    aantal = 0
    for rij in rijen:
        schrijver.writerow([veilig(waarde) for waarde in rij])
        aantal += 1
    return aantal


def veilig(waarde) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst.startswith(FORMULETEKENS) else tekst


def tijdstip(moment: datetime.datetime | None) -> str:
    return localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def dag(datum: datetime.date | None) -> str:
    return datum.strftime("%Y-%m-%d") if datum else ""
