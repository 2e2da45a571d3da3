"""scripts/new_translation.py: the original's text to translate, refused by the validator until it is translated."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.translations import TRANSLATOR_PLACEHOLDER
from kb.core.kinds import WORKSHOP
from kb.model.knowledge_base import build_knowledge_base
from kb.tools.translation_scaffold import EXIT_USAGE, EXIT_WRITTEN, main
from tests.support.repo import REPOSITORY, copy_content

SCRIPT = REPOSITORY / "scripts" / "new_translation.py"
PRACTICE_ID = "police-youngsters-sweden"
WRITTEN = f"docs/translations/de/practices/{PRACTICE_ID}.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


def run(root: Path, *arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    sys_stderr, sys.stderr = sys.stderr, err
    try:
        code = main([*arguments, "--root", str(root)], stdout=out)
    finally:
        sys.stderr = sys_stderr
    return code, out.getvalue(), err.getvalue()


def codes(root: Path) -> set[tuple[str, int, str]]:
    return {(d.path, d.line, d.code) for d in validate_knowledge_base(Layout.for_root(root)).diagnostics}


def test_it_writes_the_original_to_translate_which_the_validator_refuses_until_translated(root: Path) -> None:
    code, out, err = run(root, f"practices/{PRACTICE_ID}", "--language", "de", "--translated-on", "2026-12-01")
    assert (code, err) == (EXIT_WRITTEN, "")
    assert f"Wrote {WRITTEN}." in out
    text = (root / WRITTEN).read_text(encoding="utf-8")
    original = (root / "docs" / "practices" / f"{PRACTICE_ID}.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Police Youngsters (Sweden)"\nsummary: "A Swedish practice called')
    assert f'translated_by: "{TRANSLATOR_PLACEHOLDER}"\ntranslated_on: 2026-12-01\n---\n\n<!-- Translate ' in text
    assert "into German" in text
    assert text.endswith(original.split("\n---\n", 1)[1]), "the original's text, markers and all, to translate"
    refused = {(WRITTEN, 3, "KB825"), (WRITTEN, 4, "KB824"), (WRITTEN, 7, "KB825")}
    assert codes(root) == refused
    assert f"{WRITTEN}:4:16: KB824 translated_by is still the placeholder" in out

    translated = (
        text.replace(TRANSLATOR_PLACEHOLDER, "Redaktion der Wissensdatenbank")
        .replace("A Swedish practice called", "Eine schwedische Praxis namens")
        .replace("In its account of the RAN workshop", "In seinem Bericht über den RAN-Workshop")
    )
    (root / WRITTEN).write_text(translated, encoding="utf-8")
    assert codes(root) == set()


def test_today_is_the_default_day_and_a_translator_can_be_named_at_once(root: Path) -> None:
    code, _, _ = run(root, f"docs/practices/{PRACTICE_ID}.md", "--language", "de", "--translated-by", "Redaktion")
    assert code == EXIT_WRITTEN
    text = (root / WRITTEN).read_text(encoding="utf-8")
    assert 'translated_by: "Redaktion"\n' in text
    kb_codes = codes(root)
    assert (WRITTEN, 4, "KB824") not in kb_codes and (WRITTEN, 7, "KB825") in kb_codes


def test_a_bare_id_finds_its_kind_and_a_workshop_gets_a_workshops_fields(root: Path) -> None:
    code, _, _ = run(root, "amsterdam-2016-women-and-girls", "--language", "fr", "--translated-on", "2026-12-01")
    assert code == EXIT_WRITTEN
    path = root / "docs" / "translations" / "fr" / "workshops" / "amsterdam-2016-women-and-girls.md"
    fields = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].split("\n")[1:]
    assert [line.split(":", 1)[0] for line in fields] == ["title", "summary", "translated_by", "translated_on"]
    assert "into French" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["practices/police-youngster-sweden", "--language", "de"], "(did you mean 'police-youngsters-sweden'?)"),
        (["police-youngster", "--language", "de"], "no entry has the id 'police-youngster'"),
        (["events/think-globally-act-locally-2016", "--language", "de"], "events are not translated"),
        (["practises/police-youngsters-sweden", "--language", "de"], "'practises' is not a kind of entry"),
        ([f"practices/{PRACTICE_ID}", "--language", "en"], "'en' is the language entries are written in"),
        ([f"practices/{PRACTICE_ID}", "--language", "da"], "'da' is not one of the languages site.yml names"),
        ([f"practices/{PRACTICE_ID}", "--language", "DE"], "(did you mean 'de'?)"),
        ([f"practices/{PRACTICE_ID}", "--language", "de", "--translated-on", "1.12.2026"], "is not a date"),
    ],
)
def test_what_cannot_be_translated_is_refused_and_nothing_is_written(
    root: Path, arguments: list[str], complaint: str
) -> None:
    code, out, err = run(root, *arguments)
    assert code == EXIT_USAGE
    assert complaint in err and err.endswith("Nothing was written.\n") and out == ""
    assert not (root / "docs" / "translations").exists()


def test_an_existing_translation_is_never_overwritten(root: Path) -> None:
    path = root / WRITTEN
    path.parent.mkdir(parents=True)
    path.write_text("my work", encoding="utf-8")
    code, _, err = run(root, f"practices/{PRACTICE_ID}", "--language", "de")
    assert code == EXIT_USAGE
    assert f"{WRITTEN} already exists" in err
    assert path.read_text(encoding="utf-8") == "my work"


def test_a_translated_workshop_reaches_the_model(root: Path) -> None:
    run(root, "workshops/amsterdam-2016-women-and-girls", "--language", "sv", "--translated-by", "Redaktionen")
    path = root / "docs" / "translations" / "sv" / "workshops" / "amsterdam-2016-women-and-girls.md"
    text = path.read_text(encoding="utf-8").split("\n<!--", 1)[0]
    path.write_text(
        text.replace('summary: "A workshop on', 'summary: "En workshop om')
        + "\n## Vad som diskuterades\n\nKvinnor och flickor tar en allt större del i radikaliseringen.\n",
        encoding="utf-8",
    )
    result = validate_knowledge_base(Layout.for_root(root))
    assert result.diagnostics == []
    assert build_knowledge_base(result).translations_of(WORKSHOP, "amsterdam-2016-women-and-girls")["sv"].summary
    assert "En workshop om" in path.read_text(encoding="utf-8")


def test_the_script_runs_as_a_plain_script(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), f"practices/{PRACTICE_ID}", "--language", "nl", "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_WRITTEN, result.stderr
    assert "Wrote docs/translations/nl/practices/police-youngsters-sweden.md." in result.stdout
    assert "Traceback" not in result.stderr
