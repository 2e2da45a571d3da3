"""Translated entries: found under docs/translations/, checked against their originals, modelled, never copied raw.

The invalid and valid cases in tests/cases/ (``translation-*`` and the
hostile ones about translations) show each rule on its line; these tests cover
what a case cannot: checking only some files, a broken language setting, the
model with its out-of-date flag from git, and the generated source.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from kb.build.engines import ENGINES
from kb.build.pipeline import model
from kb.build.source_tree import generate_source
from kb.checks.validation import validate_knowledge_base
from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.fast_path import bundle
from kb.content.translations import TRANSLATOR_PLACEHOLDER, translation_path
from kb.core.kinds import COLLECTION, PRACTICE
from kb.model.knowledge_base import SiteInfo, build_knowledge_base
from kb.model.translations import Translation, is_outdated
from kb.render.open_data import Stamp
from tests.support.golden import LINKS
from tests.support.repo import copy_content

PRACTICE_ID = "police-youngsters-sweden"  # its text cites [1], under 'Where it was discussed'
GERMAN = (
    "---\n"
    'title: "Police Youngsters (Schweden)"\n'
    'summary: "Eine schwedische Praxis namens Police Youngsters, die der Konferenzbericht nur nennt."\n'
    "translated_by: Redaktion der Wissensdatenbank\n"
    "translated_on: 2026-12-01\n"
    "---\n\n"
    "## Wo sie besprochen wurde\n\n"
    "Der Bericht nennt nur ihren Namen und ihr Land, Schweden [1].\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


def translate(root: Path, text: str = GERMAN, language: str = "de", entry_id: str = PRACTICE_ID) -> Path:
    path = translation_path(root / "docs", language, PRACTICE, entry_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def located(root: Path, only: list[Path] | None = None) -> set[tuple[str, int, str]]:
    result = validate_knowledge_base(Layout.for_root(root), only=only)
    return {(d.path, d.line, d.code) for d in result.diagnostics}


def test_the_whole_validator_accepts_a_translation_and_the_model_holds_it(root: Path) -> None:
    path = translate(root)
    result = validate_knowledge_base(Layout.for_root(root))
    assert result.diagnostics == []
    [translation] = result.translations
    assert (translation.file.language, translation.file.kind, translation.file.id) == ("de", PRACTICE, PRACTICE_ID)
    kb = build_knowledge_base(result)
    assert kb.translations_of(PRACTICE, PRACTICE_ID) == {
        "de": Translation(
            language="de",
            title="Police Youngsters (Schweden)",
            summary="Eine schwedische Praxis namens Police Youngsters, die der Konferenzbericht nur nennt.",
            body="\n## Wo sie besprochen wurde\n\nDer Bericht nennt nur ihren Namen und ihr Land, Schweden [1].\n",
            translated_by="Redaktion der Wissensdatenbank",
            translated_on=datetime.date(2026, 12, 1),  # written unquoted, as a YAML date
            path=f"docs/translations/de/practices/{PRACTICE_ID}.md",
            outdated=False,
        )
    }
    assert path.is_file()
    assert kb.translations_of(PRACTICE, "180-grad-wende") == {}


def test_a_collection_translation_gives_its_description_as_the_summary(root: Path) -> None:
    path = translation_path(root / "docs", "fr", COLLECTION, "think-globally-act-locally-2016")
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\ntitle: Les pratiques de la conférence de 2016\n"
        "description: Les pratiques nommées dans les ateliers de la conférence, dans l'ordre du programme.\n"
        "translated_by: Rédaction\ntranslated_on: '2026-12-01'\n---\n\nLa rédaction a choisi ces pratiques.\n",
        encoding="utf-8",
    )
    kb = build_knowledge_base(validate_knowledge_base(Layout.for_root(root)))
    translation = kb.translations_of(COLLECTION, "think-globally-act-locally-2016")["fr"]
    assert translation.summary.startswith("Les pratiques nommées")


def test_a_translation_is_outdated_once_its_original_changed_after_it_was_translated(root: Path) -> None:
    translate(root)
    kb = build_knowledge_base(validate_knowledge_base(Layout.for_root(root)))
    original = kb.get(PRACTICE, PRACTICE_ID).source_path
    kb.last_changed = {original: datetime.date(2026, 12, 2)}
    assert kb.translations_of(PRACTICE, PRACTICE_ID)["de"].outdated
    kb.last_changed = {original: datetime.date(2026, 12, 1)}
    assert not kb.translations_of(PRACTICE, PRACTICE_ID)["de"].outdated
    kb.last_changed = {}  # outside git: no date, so not known to be out of date
    assert not kb.translations_of(PRACTICE, PRACTICE_ID)["de"].outdated
    assert is_outdated(datetime.date(2026, 1, 1), datetime.date(2026, 1, 2))
    assert not is_outdated(datetime.date(2026, 1, 2), None)


def git(root: Path, *arguments: str, date: str) -> None:
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True, env=env)


def test_the_build_dates_the_original_from_git_to_flag_its_translation(root: Path) -> None:
    translate(root)
    git(root, "init", "-q", date="2026-11-30T10:00:00")
    git(root, "add", ".", date="2026-11-30T10:00:00")
    git(root, "commit", "-qm", "content", date="2026-11-30T10:00:00")
    layout = Layout.for_root(root)
    site = SiteInfo("Test")
    kb = model(validate_knowledge_base(layout), layout, site)
    assert not kb.translations_of(PRACTICE, PRACTICE_ID)["de"].outdated
    original = root / "docs" / "practices" / f"{PRACTICE_ID}.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nA later fact [1].\n", encoding="utf-8")
    git(root, "commit", "-qam", "the original changes after its translation", date="2026-12-05T10:00:00")
    kb = model(validate_knowledge_base(layout), layout, site)
    assert kb.translations_of(PRACTICE, PRACTICE_ID)["de"].outdated


def test_checking_only_a_translation_reads_its_original_and_reports_only_it(root: Path) -> None:
    path = translate(root, GERMAN.replace(" [1]", ""))
    other = translate(root, GERMAN.replace("[1]", "[1, 2]"), language="fr")
    display = f"docs/translations/de/practices/{PRACTICE_ID}.md"
    assert located(root, [path]) == {(display, 7, "KB822")}
    assert located(root, [root / "docs" / "practices" / f"{PRACTICE_ID}.md"]) == set()
    assert located(root) == {(display, 7, "KB822"), (f"docs/translations/fr/practices/{PRACTICE_ID}.md", 10, "KB823")}
    assert other.is_file()


def test_a_stray_file_is_reported_when_it_alone_is_checked(root: Path) -> None:
    stray = root / "docs" / "translations" / "de" / "events" / "think-globally-act-locally-2016.md"
    stray.parent.mkdir(parents=True)
    stray.write_text(GERMAN, encoding="utf-8")
    translate(root, GERMAN.replace(" [1]", ""))
    assert located(root, [stray]) == {("docs/translations/de/events/think-globally-act-locally-2016.md", 1, "KB013")}


def test_a_broken_language_setting_is_reported_at_its_line_once_there_are_translations(root: Path) -> None:
    settings = root / "site.yml"
    text = settings.read_text(encoding="utf-8")
    line = text.split("\n").index("languages: [en, de, fr, nl, sv, es, it, pl]") + 1
    settings.write_text(text.replace("languages: [en, de,", "languages: [de, en,"), encoding="utf-8")
    # The vocabularies' labels are translated, so the setting is needed even before any entry is.
    assert located(root) == {("site.yml", line, "KB821")}
    translate(root)
    result = validate_knowledge_base(Layout.for_root(root))
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == [("site.yml", line, "KB821")]  # said once
    assert "must start with 'en'" in result.diagnostics[0].message


def test_the_scaffolds_placeholder_and_an_untranslated_copy_are_refused(root: Path) -> None:
    original = (root / "docs" / "practices" / f"{PRACTICE_ID}.md").read_text(encoding="utf-8")
    fields, body = original.split("\n---\n", 1)[0], original.split("\n---\n", 1)[1]
    title = next(line for line in fields.split("\n") if line.startswith("title:"))
    summary = next(line for line in fields.split("\n") if line.startswith("summary:"))
    copy = f'---\n{title}\n{summary}\ntranslated_by: "{TRANSLATOR_PLACEHOLDER}"\ntranslated_on: 2026-12-01\n---\n{body}'
    translate(root, copy)
    display = f"docs/translations/de/practices/{PRACTICE_ID}.md"
    assert located(root) == {(display, 3, "KB825"), (display, 4, "KB824"), (display, 7, "KB825")}


def test_the_fast_path_bundles_only_the_documents_a_schema_refers_to() -> None:
    catalogue = load_catalogue(Layout.for_root(Path(__file__).resolve().parents[1]))
    definitions = bundle(PRACTICE.schema_file, catalogue.filled)["$defs"]
    assert "date" in definitions  # from common.schema.json, which the practice schema refers to
    assert "translatedBy" not in definitions  # the translation schema refers to the practice schema, not back
    assert {"practice", "translatedOn"} <= set(bundle("translation.schema.json", catalogue.filled)["$defs"])


def test_translations_are_never_copied_into_the_generated_source(root: Path, tmp_path: Path) -> None:
    translate(root)
    translate(root, GERMAN, language="fr", entry_id=PRACTICE_ID)
    layout = Layout.for_root(root)
    kb = build_knowledge_base(validate_knowledge_base(layout))
    image = root / "docs" / "translations" / "de" / "practices" / "logo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(24))  # refused by the validator (KB013); never copied either
    tree = generate_source(
        kb, layout, LINKS, Stamp("2029-01-10"), ENGINES["mkdocs"]().theme_templates(), tmp_path / "src", secret="0" * 32
    )
    assert not (tree.docs_dir / "translations").exists()
    assert not any(name.startswith("translations/") for name in [*tree.pages, *tree.files])
