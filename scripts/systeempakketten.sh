#!/usr/bin/env bash
# The Debian packages the portal needs beside Python: WeasyPrint's libraries (Pango with
# HarfBuzz, for the PDF reports), a font with the Dutch diacritics, poppler-utils
# (pdftotext, read by the tests) and libmagic (an attachment's type, read from its
# content). Quick when all are there; installs what is missing only as root on a machine
# with apt-get, and otherwise says what to install.
set -euo pipefail

PAKKETTEN=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core poppler-utils libmagic1)

if ! command -v dpkg >/dev/null 2>&1; then
  echo "Geen Debian: zorg zelf voor Pango, HarfBuzz, het lettertype DejaVu Sans en pdftotext (poppler)."
  exit 0
fi

ontbreekt=()
for pakket in "${PAKKETTEN[@]}"; do
  dpkg -s "$pakket" >/dev/null 2>&1 || ontbreekt+=("$pakket")
done
[ ${#ontbreekt[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Ontbreekt voor de PDF-rapporten en hun tests: ${ontbreekt[*]}"
  echo "Installeer ze met: sudo apt-get install -y ${ontbreekt[*]}"
  exit 0
fi

echo "Systeempakketten installeren voor de PDF-rapporten (WeasyPrint, lettertype, pdftotext): ${ontbreekt[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${ontbreekt[@]}" >/dev/null
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 'DejaVu Sans')" ]; then
  echo "Het lettertype DejaVu Sans is niet gevonden; de PDF valt terug op een ander lettertype."
fi
