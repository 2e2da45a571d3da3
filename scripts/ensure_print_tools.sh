#!/bin/sh
# The handout test prints each collection to PDF in chromium, renders the pages
# with pdftoppm (poppler-utils) and decodes every QR code with zbarimg
# (zbar-tools). Install them when missing and we are allowed to; otherwise say how.
set -eu
if command -v pdftoppm >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing poppler-utils and zbar-tools for the handout tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null
  exit 0
fi
echo "The handout tests need pdftoppm and zbarimg. Install them" >&2
echo "(Debian/Ubuntu: sudo apt-get install poppler-utils zbar-tools)." >&2
exit 1
