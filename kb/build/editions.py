"""One edition of the site per language: where each lives, and how a page finds itself in the others.

The original (English) edition stays at the site's root, so every address
ever published keeps working; each other language of ``site.yml`` is a
whole edition under its code (``de/``, ``fr/``...), made from the same data
by the same generator and rendered by the same engine. Every edition has the
same pages at the same paths below its folder, so the language switcher and
the ``hreflang`` alternates of a page are the same path in each edition.
Open data, the feed and the data files' redirects are language-neutral and
published once, by the original edition.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from kb.content.languages import ENGLISH_ONLY, Languages, language_name
from kb.core.urls import absolute_url


@dataclass(frozen=True)
class Edition:
    language: str
    languages: Languages = ENGLISH_ONLY
    site_url: str | None = None

    @property
    def is_original(self) -> bool:
        return self.language == self.languages.original

    @property
    def prefix(self) -> str:
        """This edition's folder in the site: "" for the original, "de/" for German."""
        return prefix_of(self.language, self.languages)

    def alternates(self, dest_uri: str) -> list[dict[str, Any]]:
        """The page at ``dest_uri`` in every edition, this one included, for the switcher and ``hreflang``.

        ``href`` is relative to the page, so the switcher works wherever the site is served;
        ``url`` is absolute when the site's address is known, as search engines want ``hreflang``.
        """
        if len(self.languages.all) < 2:
            return []
        folder = posixpath.dirname(dest_uri)
        here = posixpath.join(self.prefix, folder) if folder else self.prefix.rstrip("/")
        found = []
        for language in self.languages.all:
            prefix = prefix_of(language, self.languages)
            there = posixpath.join(prefix, folder) if folder else prefix.rstrip("/")
            relative = posixpath.relpath(there or ".", here or ".")
            href = "./" if relative == "." else relative + "/"
            site_path = f"{there}/" if there else ""
            found.append(
                {
                    "lang": language,
                    "name": language_name(language),  # in its own language: the reader looks for their own
                    "href": href,
                    "url": absolute_url(self.site_url, site_path) or href,
                    "current": language == self.language,
                }
            )
        return found


def prefix_of(language: str, languages: Languages) -> str:
    return "" if language == languages.original else f"{language}/"


class UnknownLanguage(ValueError):
    """A language was asked for that site.yml does not publish."""


def editions(languages: Languages, site_url: str | None, only: tuple[str, ...] | None = None) -> list[Edition]:
    """The editions to build, the original first (the others link to the files only it publishes).

    ``only``: some of site.yml's languages, for a quicker build; the original is always built, and each
    page's switcher then offers just the languages built.
    """
    unknown = sorted(set(only or ()) - set(languages.all))
    if unknown:
        raise UnknownLanguage(f"{', '.join(unknown)} is not among site.yml's languages ({', '.join(languages.all)})")
    built = Languages(languages.original, tuple(c for c in languages.others if only is None or c in only))
    return [Edition(language, built, site_url) for language in built.all]
