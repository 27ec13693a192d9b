"""What the applications admin shares: numbers in Dutch, and review figures as shown."""


def getal(getal: float | None) -> str:
    return "" if getal is None else f"{getal:.1f}".replace(".", ",")


def beoordelingscel(aanmelding, waarde: str, *, ingetrokken: str = "–") -> str:
    """A review figure of an application as the list and the compare page show it: nothing
    for a withdrawn one or one without reviews, hidden until you wrote your own, and for good
    where you declared a conflict of interest."""
    if aanmelding.is_ingetrokken:
        return ingetrokken
    if getattr(aanmelding, "mijn_belangenconflict", False):
        return "belangenconflict"
    if not aanmelding.aantal_beoordelingen:
        return "–"
    if not aanmelding.beoordelingen_zichtbaar:
        return "na uw beoordeling"
    return waarde


def adviestelling(aanmelding) -> str:
    return (
        f"{aanmelding.advies_selecteren} / {aanmelding.advies_reserve} / "
        f"{aanmelding.advies_afwijzen}"
    )
