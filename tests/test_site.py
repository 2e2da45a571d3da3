"""The site's public address: configured once, never guessed."""

from __future__ import annotations

import pytest

from kb.build.site_url import SiteUrlError, resolve_site_url


@pytest.mark.parametrize(
    ("configured", "environ", "expected"),
    [
        (None, {}, None),
        ("https://kb.example.org/exchange", {}, "https://kb.example.org/exchange/"),
        ("https://kb.example.org/", {"KB_SITE_URL": "https://other.example.org/kb/"}, "https://other.example.org/kb/"),
        # mkdocs serve puts its own address in site_url; no reader can open it.
        ("http://127.0.0.1:8000/", {}, None),
        (None, {"KB_SITE_URL": "http://127.0.0.1:8123/"}, "http://127.0.0.1:8123/"),  # tests say so explicitly
        (
            None,
            {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "Some-Org/practice-kb"},
            "https://some-org.github.io/practice-kb/",
        ),
        (
            None,
            {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "some-org/some-org.github.io"},
            "https://some-org.github.io/",
        ),
        (None, {"GITHUB_REPOSITORY": "some-org/practice-kb"}, None),  # not in Actions: not a Pages build
        ("https://kb.example.org/", {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"}, "https://kb.example.org/"),
    ],
)
def test_the_site_url_comes_from_configuration_only(
    configured: str | None, environ: dict[str, str], expected: str | None
) -> None:
    assert resolve_site_url(configured, environ) == expected


@pytest.mark.parametrize("value", ["kb.example.org", "ftp://kb.example.org/", "https://kb.example.org/?x=1"])
def test_a_site_url_that_is_not_an_address_is_refused_with_the_fix(value: str) -> None:
    with pytest.raises(SiteUrlError, match="must be the site's full public address"):
        resolve_site_url(None, {"KB_SITE_URL": value})
