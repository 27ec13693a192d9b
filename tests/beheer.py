"""Posting an admin change page as the browser would."""


def lege_inlines(pagina) -> dict:
    """The management form of every inline on an admin page (its response's context), with
    no rows: the fields a POST needs for the inlines it leaves alone."""
    return {
        f"{inline.formset.prefix}-{veld}": "0"
        for inline in pagina["inline_admin_formsets"]
        for veld in ["TOTAL_FORMS", "INITIAL_FORMS"]
    }
