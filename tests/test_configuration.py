"""The site's configuration and the rules agree with what the security checks assume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.build.site_config import BUILD_KEYS, SettingsError, engine_settings, read_settings
from kb.checks.registry import RULES
from kb.core.markdown import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS
from tests.support.repo import REPOSITORY, speech


def site_config() -> dict[str, Any]:
    """What every engine is given: the site's settings plus the build's (kb.build.site_config)."""
    return engine_settings(read_settings(REPOSITORY), None, speech())


def configured_extensions() -> dict[str, dict[str, Any]]:
    extensions: dict[str, dict[str, Any]] = {}
    for item in site_config()["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions[name] = options or {}
    return extensions


def test_the_validator_renders_text_as_the_site_does() -> None:
    # One dialect: the engines get the validator's list, in its order, with its options.
    assert list(configured_extensions()) == list(MARKDOWN_EXTENSIONS)
    for name in MARKDOWN_EXTENSIONS:
        assert configured_extensions()[name] == MARKDOWN_CONFIG.get(name, {}), name


def test_site_yml_cannot_set_what_the_build_decides(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text("site_name: X\nhooks:\n  - evil.py\nmarkdown_extensions: [pymdownx.snippets]\n")
    with pytest.raises(SettingsError, match="hooks, markdown_extensions are set by the build"):
        read_settings(tmp_path)
    assert not BUILD_KEYS & set(yaml.safe_load((REPOSITORY / "site.yml").read_text(encoding="utf-8")))


def test_no_extension_can_pull_files_or_raw_html_into_a_page() -> None:
    # pymdownx.snippets includes any repository file; others run code or fetch at build time.
    forbidden = {"pymdownx.snippets", "markdown_include.include", "pymdownx.emoji", "mkdocs_macros"}
    assert not forbidden & set(configured_extensions())
    assert not {"macros", "include-markdown"} & {
        next(iter(p)) if isinstance(p, dict) else p for p in site_config()["plugins"]
    }


def test_no_font_or_other_third_party_asset_is_configured() -> None:
    config = site_config()
    assert config["theme"]["font"] is False
    for key in ("extra_javascript", "extra_css"):
        for asset in config.get(key, []):
            assert "//" not in str(asset), asset


def test_every_rule_has_a_name_summary_and_examples() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))
    for code, rule in RULES.items():
        assert code == rule.code and code[:2] == "KB" and len(code) == 5
        assert rule.summary and rule.fails.display and rule.passes.display and rule.severity in ("error", "warning"), (
            code
        )


def properties(schema: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{path}.{name}", sub))
            found += properties(sub, f"{path}.{name}")
        for key in ("items", "$defs"):
            value = schema.get(key)
            if isinstance(value, dict) and key == "items":
                found += properties(value, f"{path}[]")
            elif isinstance(value, dict):
                for name, sub in value.items():
                    found += properties(sub, f"{path}#{name}")
    return found


def test_every_schema_property_is_described() -> None:
    for path in sorted((REPOSITORY / "schema").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for name, sub in properties(schema):
            # A property that only points at a shared definition takes that definition's description.
            assert "description" in sub or set(sub) == {"$ref"}, f"{path.name}: {name} has no description"


def pinned(name: str) -> tuple[int, ...]:
    for line in (REPOSITORY / "requirements.txt").read_text(encoding="utf-8").splitlines():
        package, _, version = line.partition("==")
        if package.lower().replace("_", "-") == name:
            return tuple(int(part) for part in version.split("."))
    raise AssertionError(f"{name} is not pinned")


def test_every_requirement_is_pinned_exactly() -> None:
    for line in (REPOSITORY / "requirements.txt").read_text(encoding="utf-8").splitlines():
        assert "==" in line, line


def test_theme_and_extensions_are_recent_enough() -> None:
    assert pinned("mkdocs-material") >= (9, 7, 7)
    assert pinned("pymdown-extensions") >= (13, 1)
    assert pinned("nh3") >= (0, 3)
