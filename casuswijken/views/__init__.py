"""The participants' pages, one module per concern: a casuswijk and its sessions (wijk)."""

from .wijk import agenda, agenda_link, bijeenkomst, casuswijk, overzicht

__all__ = ["agenda", "agenda_link", "bijeenkomst", "casuswijk", "overzicht"]
