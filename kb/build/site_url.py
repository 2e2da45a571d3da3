"""The site's public address: one configured value, never guessed.

QR codes, citations and the feed use it to write permanent absolute URLs.
It comes from, in order: the ``KB_SITE_URL`` environment variable; ``site_url``
in site.yml; in GitHub Actions, the GitHub Pages address of the repository
(``https://<owner>.github.io/<repo>/``). Otherwise there is none, and pages say
so instead of encoding a wrong address. ``mkdocs serve`` sets ``site_url`` to
its local address, which no reader can open, so a loopback address counts only
when given explicitly in ``KB_SITE_URL`` (the tests do, to decode QR codes
against the local server).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from kb.core.urls import SITE_URL_VARIABLE

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})
_GITHUB_REPOSITORY = re.compile(r"^([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)$")


class SiteUrlError(ValueError):
    pass


def resolve_site_url(configured: str | None, environ: Mapping[str, str]) -> str | None:
    explicit = environ.get(SITE_URL_VARIABLE, "").strip()
    if explicit:
        return normalise_site_url(explicit, SITE_URL_VARIABLE)
    if configured and not is_loopback(configured):
        return normalise_site_url(configured, "site_url in site.yml")
    repository = environ.get("GITHUB_REPOSITORY", "")
    match = _GITHUB_REPOSITORY.fullmatch(repository)
    if environ.get("GITHUB_ACTIONS") == "true" and match:
        host = f"{match[1].lower()}.github.io"
        # A repository named <owner>.github.io is served at the root of that host.
        return f"https://{host}/" if match[2].lower() == host else f"https://{host}/{match[2]}/"
    return None


def normalise_site_url(url: str, origin: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SiteUrlError(
            f"{origin} is '{url}'; it must be the site's full public address, such as https://example.org/practices-kb/"
        )
    return url if url.endswith("/") else url + "/"


def is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOOPBACK_HOSTS
