"""The site's settings (``site.yml``), and the engine config made from them for the generated source.

``site.yml`` holds what a person decides: the site's name, theme, navigation,
style sheets and scripts. It is not an engine's config on purpose: an engine
pointed at the repository finds none, so none can build the raw ``docs/``
without our logic (Zensical would, silently, from a ``mkdocs.yml``). What the
build decides is added here: where the generated source and the site are,
the Markdown dialect (kb.core.markdown, the one the validator reads), and the
site's address.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kb.content.languages import SETTING as LANGUAGES_SETTING
from kb.content.languages import SETTINGS_FILE
from kb.content.speech import Speech
from kb.core.markdown import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS

__all__ = ["SETTINGS_FILE", "SettingsError", "engine_settings", "read_settings"]
# What the build alone decides; site.yml setting any of these is a mistake to point out.
BUILD_KEYS = frozenset({"docs_dir", "site_dir", "markdown_extensions", "hooks", "plugins", "strict", "watch"})


class SettingsError(ValueError):
    pass


def read_settings(root: Path) -> dict[str, Any]:
    path = root / SETTINGS_FILE
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(
            f"{SETTINGS_FILE} is missing from {root}: it holds the site's name, theme and navigation"
        ) from None
    except yaml.YAMLError as error:
        raise SettingsError(f"{SETTINGS_FILE} is not valid YAML: {error}") from None
    if not isinstance(settings, dict):
        raise SettingsError(f"{SETTINGS_FILE} must be a mapping of settings")
    taken = sorted(BUILD_KEYS & set(settings))
    if taken:
        raise SettingsError(
            f"{SETTINGS_FILE}: {', '.join(taken)} are set by the build (kb/build/site_config.py); remove them"
        )
    return settings


def engine_settings(settings: Mapping[str, Any], site_url: str | None, say: Speech) -> dict[str, Any]:
    """The config every engine gets for one edition's generated source: the site's settings plus the build's.

    ``say``: the edition's language. The theme speaks it (Material's own translations, ``theme.language``),
    the navigation's labels are its strings (``nav.<label>``), and our templates read their words from
    ``extra.kb`` (the ``theme.*`` strings).
    """
    theme = dict(settings.get("theme") or {})
    theme["custom_dir"] = "overrides"  # the generated, marked templates (kb.build.source_tree)
    theme["language"] = say.language
    validation = dict(settings.get("validation") or {})
    # Anchors into generated blocks exist only after the post-build step fills them; it checks every link then.
    validation["links"] = dict(validation.get("links") or {}) | {"anchors": "ignore"}
    if not say.is_original:
        # Another language's pages link to the open data only the original edition publishes, which this
        # engine run cannot see; the post-build link check judges those links in the whole site.
        validation["links"]["not_found"] = "info"
    extensions: list[Any] = [
        {name: MARKDOWN_CONFIG[name]} if name in MARKDOWN_CONFIG else name for name in MARKDOWN_EXTENSIONS
    ]
    ours = {LANGUAGES_SETTING}  # read by kb.content.languages; no engine knows it
    config = {key: value for key, value in settings.items() if key not in ours} | {
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": [],  # search is Pagefind's, built after the engine (kb.build.pagefind_service)
        "markdown_extensions": extensions,
        "validation": validation,
    }
    config["nav"] = translated_nav(settings.get("nav") or [], say)
    extra = dict(settings.get("extra") or {})
    # Open data and the feed are published once, by the original edition (kb.build.editions).
    to_shared = "" if say.is_original else "../"
    extra["kb"] = say.strings.section("theme") | {"language": say.language, "feed": f"{to_shared}feed.xml"}
    config["extra"] = extra
    if site_url:
        config["site_url"] = site_url + ("" if say.is_original else f"{say.language}/")
    return config


def nav_key(label: str) -> str:
    """The string that names a navigation entry: "Open data" is ``nav.open_data``."""
    return "nav." + "_".join(label.lower().split())


def translated_nav(nav: Any, say: Speech) -> Any:
    """site.yml's navigation with each label in the edition's language (its ``nav.<label>`` string)."""
    if isinstance(nav, list):
        return [translated_nav(item, say) for item in nav]
    if isinstance(nav, dict):
        translated = {}
        for label, target in nav.items():
            try:
                word = say.t(nav_key(str(label)))
            except KeyError:
                raise SettingsError(
                    f"{SETTINGS_FILE}: the navigation entry '{label}' has no string; "
                    f"add {nav_key(str(label))} to i18n/en.yaml and the other catalogues"
                ) from None
            translated[word] = translated_nav(target, say)
        return translated
    return nav
