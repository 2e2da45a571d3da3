#!/bin/sh
# The browser tests drive Debian's chromium: Playwright cannot download its own
# browser here. Install it when missing and we are allowed to; otherwise say how.
set -eu
if command -v chromium >/dev/null 2>&1 || [ -n "${KB_CHROMIUM:-}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need chromium. Install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
echo "or set KB_CHROMIUM to a Chromium or Chrome executable." >&2
exit 1
