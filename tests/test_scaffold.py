"""scripts/new_practice.py: a valid file from options or answers, the validator's messages on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.ids import slugify, unique_id
from kb.core.kinds import PRACTICE
from kb.core.markdown import visible_body
from kb.model.knowledge_base import RECOMMENDED_SECTIONS, SECTION_NOTES, build_knowledge_base
from kb.render.entry_pages import render_entry_page
from kb.tools.cli import EXIT_VALID
from kb.tools.cli import main as validate
from kb.tools.scaffold import EXIT_USAGE, EXIT_WRITTEN, main
from tests.support.repo import REPOSITORY, copy_content

SCRIPT = REPOSITORY / "scripts" / "new_practice.py"
OPTIONS = [
    "--title",
    "Youth mentors in Graz",
    "--summary",
    "Volunteers mentor young people in Graz who are drawn to extremist groups, as a test.",
    "--country",
    "AT",
    "--approach",
    "mentoring-and-role-models",
    "--audience",
    "young-people",
    "--source",
    "A report on mentoring in Graz",
    "--reviewed",
    "2026-11-24",
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


def run(root: Path, *arguments: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    sys_stderr, sys.stderr = sys.stderr, err
    try:
        code = main([*arguments, "--root", str(root)], stdin=io.StringIO(stdin), stdout=out)
    finally:
        sys.stderr = sys_stderr
    return code, out.getvalue(), err.getvalue()


def test_all_options_write_a_file_that_passes_validation(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(root, *OPTIONS)
    assert (code, err) == (EXIT_WRITTEN, "")
    path = root / "docs" / "practices" / "youth-mentors-in-graz.md"
    assert "Wrote docs/practices/youth-mentors-in-graz.md." in out
    assert "python scripts/validate.py docs/practices/youth-mentors-in-graz.md" in out
    text = path.read_text(encoding="utf-8")
    assert "countries:\n  - AT\n" in text and "status: unknown\nevidence: not-documented\n" in text
    for section in RECOMMENDED_SECTIONS:
        assert f"\n## {section}\n\n<!-- {SECTION_NOTES[section]} -->\n" in text
    assert validate(["--root", str(root), str(path)]) == EXIT_VALID
    assert validate(["--root", str(root)]) == EXIT_VALID
    # Valid; the one warning says the source is not cited yet, since there is no text yet.
    assert (
        capsys.readouterr().out
        == (
            "docs/practices/youth-mentors-in-graz.md:13:5: KB802 warning: source 1 ('A report on mentoring in Graz') "
            "is not cited in the text; put [1] after the facts it supports, or remove it from sources\n"
        )
        * 2
    )


def test_a_web_source_is_recorded_with_the_day_it_was_read_its_kind_and_language(root: Path) -> None:
    options = [*OPTIONS, "--source-url", "https://example.org/graz", "--source-kind", "2", "--source-language", "DE"]
    code, _, err = run(root, *options)
    assert (code, err) == (EXIT_WRITTEN, "")
    text = (root / "docs" / "practices" / "youth-mentors-in-graz.md").read_text(encoding="utf-8")
    assert (
        "sources:\n  - title: A report on mentoring in Graz\n    url: https://example.org/graz\n"
        "    accessed: '2026-11-24'\n    language: de\n    kind: official-page\n"
    ) in text
    code, _, err = run(root, *options, "--id", "graz-2", "--source-accessed", "2026-11-20")
    assert code == EXIT_WRITTEN, err
    assert "accessed: '2026-11-20'" in (root / "docs" / "practices" / "graz-2.md").read_text(encoding="utf-8")


def test_approaches_may_be_left_out_when_the_sources_only_name_the_practice(root: Path) -> None:
    options = [o for o in OPTIONS if o not in ("--approach", "mentoring-and-role-models")]
    code, _, err = run(root, *options, "--non-interactive")
    assert (code, err) == (EXIT_WRITTEN, "")
    assert "approaches" not in (root / "docs" / "practices" / "youth-mentors-in-graz.md").read_text(encoding="utf-8")


def test_the_new_page_lists_the_empty_sections_as_not_yet_documented(root: Path) -> None:
    run(root, *OPTIONS)
    kb = build_knowledge_base(validate_knowledge_base(Layout.for_root(root)))
    page = render_entry_page(kb, kb.get(PRACTICE, "youth-mentors-in-graz"))
    assert "## What it does" not in page and "<!--" not in page
    assert (
        "do not yet describe: what it does, who it is for, how it works, results and evaluation, lessons learned, "
        "transferability"
    ) in page


@pytest.mark.parametrize(
    ("title", "entry_id"),
    [
        ("180° Wende", "180-wende"),
        ("Straße & Søn: Łódź", "strasse-and-son-lodz"),
        ("Neighbourhood Managers (Frankfurt)", "neighbourhood-managers-frankfurt"),
        ("Полиция", "practice"),
    ],
)
def test_ids_are_ascii_words_joined_by_hyphens(title: str, entry_id: str) -> None:
    assert slugify(title, "practice") == entry_id


def test_ids_are_unique_against_existing_ones_in_any_case() -> None:
    assert unique_id("180° Wende", {"180-Wende", "180-wende-2"}) == "180-wende-3"
    assert len(unique_id("x" * 100, {"x" * 80})) <= 80


def test_a_taken_title_gets_a_numbered_id_and_a_near_duplicate_warning(root: Path) -> None:
    options = [*OPTIONS]
    options[1] = "Police Youngsters (Sweden)"
    options[5] = "SE"
    code, out, _ = run(root, *options)
    assert code == EXIT_WRITTEN
    assert "Wrote docs/practices/police-youngsters-sweden-2.md." in out
    assert (
        "KB601 warning: title, country and organisation closely match docs/practices/police-youngsters-sweden.md" in out
    )


def test_it_refuses_to_overwrite(root: Path) -> None:
    path = root / "docs" / "practices" / "police-youngsters-sweden.md"
    before = path.read_bytes()
    code, _, err = run(root, *OPTIONS, "--id", "police-youngsters-sweden")
    assert code == EXIT_USAGE
    assert "--id: KB012 the id 'police-youngsters-sweden' is taken" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--country", "UK", "--country: KB106 countries[0]: 'UK' is not a country code (did you mean 'GB'?)"),
        ("--approach", "youth", "(did you mean 'youth-and-families'?"),
        ("--organisation", "nctvv", "no organisation has the id 'nctvv' in docs/organisations/ (did you mean 'nctv'?)"),
        (
            "--source-url",
            "www.example.org",
            "--source-url: KB108 sources[0].url: 'www.example.org' is not in the expected",
        ),
        ("--summary", "Too short", "--summary: KB107 summary has 9 characters; it needs at least 20."),
        ("--id", "Not_An_Id", "--id: KB011 'Not_An_Id' is not a valid id"),
        ("--reviewed", "2026-02-30", "--reviewed: KB108 last_reviewed: '2026-02-30' is not in the expected form"),
    ],
)
def test_bad_options_exit_2_with_the_validators_message_and_write_nothing(
    root: Path, option: str, value: str, message: str
) -> None:
    before = sorted((root / "docs" / "practices").iterdir())
    options = [*OPTIONS]
    if option in options:
        options[options.index(option) + 1] = value
    else:
        options += [option, value]
    code, _, err = run(root, *options)
    assert code == EXIT_USAGE
    assert message in err and "Nothing was written." in err and "Traceback" not in err
    assert sorted((root / "docs" / "practices").iterdir()) == before


def test_non_interactive_names_every_missing_option(root: Path) -> None:
    code, _, err = run(root, "--title", "Youth mentors in Graz", "--non-interactive")
    assert code == EXIT_USAGE
    for option in ("--summary", "--country", "--source"):
        assert f"{option} is required" in err
    assert "--title" not in err and "--approach" not in err


def test_usage_errors_exit_2(root: Path) -> None:
    assert run(root, "--no-such-option")[0] == EXIT_USAGE
    code, _, err = run(root.parent / "nowhere", *OPTIONS)
    assert code == EXIT_USAGE and "has no docs/ and schema/ folders" in err


# One answer per question, in the order of schema/practice.schema.json (optional ones left empty).
ANSWERS = [
    "Youth mentors in Graz",  # title
    "",  # title_original: optional
    "Too short",  # summary: re-asked
    "Volunteers mentor young people in Graz who are drawn to extremist groups, as a test.",
    "UK",  # countries: re-asked with the validator's did-you-mean
    "at",  # lowercase codes are accepted
    "",  # places
    "",  # scope
    "nctvv",  # organisations: re-asked
    "",
    "99",  # approaches: re-asked, no such number
    "5, youth",  # re-asked: did you mean 'youth-and-families'?
    "5, 4",
    "",  # audiences: optional
    "",  # phenomena
    "",  # status: default
    "",  # start_year
    "",  # end_year
    "",  # evidence: default
    "",  # website
    *[""] * 3,  # contact: organisation, email, url
    "A report on mentoring in Graz",  # the source's title
    *[""] * 6,  # its publisher, year, url, locator, language, kind
    *[""] * 3,  # presented_at, related, languages
    "",  # id: the suggested one
]


def test_interactive_answers_are_checked_and_asked_again(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), "--reviewed", "2026-11-24"],
        input="\n".join(ANSWERS) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_WRITTEN, result.stderr
    out = result.stdout
    assert "✗ KB107 summary has 9 characters; it needs at least 20." in out
    assert "✗ KB106 countries[0]: 'UK' is not a country code (did you mean 'GB'?)" in out
    assert "✗ '99' is not one of the numbers shown (1 to 14)" in out
    assert "did you mean 'youth-and-families'?" in out
    assert "(did you mean 'nctv'?)" in out
    assert "  5  mentoring-and-role-models" in out  # choices are numbered
    assert "Id, the file name and permanent web address [youth-mentors-in-graz]:" in out
    text = (root / "docs" / "practices" / "youth-mentors-in-graz.md").read_text(encoding="utf-8")
    assert "countries:\n  - AT\n" in text
    assert "approaches:\n  - mentoring-and-role-models\n  - youth-and-families\n" in text
    assert "organisations" not in text and "audiences" not in text


def test_interactive_input_that_ends_early_writes_nothing(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root)],
        input="Youth mentors in Graz\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_USAGE
    assert "the input ended before every question was answered. Nothing was written." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "docs" / "practices" / "youth-mentors-in-graz.md").exists()


def test_options_given_to_the_interactive_mode_are_not_asked_again(root: Path) -> None:
    without_source = [*OPTIONS[:-4], *OPTIONS[-2:]]
    code, out, _ = run(root, *without_source, stdin="\n" * 13 + "A report on mentoring in Graz" + "\n" * 11)
    assert code == EXIT_WRITTEN, out
    assert "Title:" not in out and "Countries" not in out
    assert "Audiences" not in out  # given as an option
    # Each question is the schema's description of its field.
    assert "Organisations: Organisations that run the practice" in out and "Status [unknown]" in out
    assert "Source: The title of the document. (text, 3 to 300 characters)" in out


def test_visible_body_drops_notes_and_empty_sections_but_not_code() -> None:
    body = "<!-- note -->\n\n## What it does\n\n<!-- hint -->\n\n## How it works\n\nText.\n\n```\n<!-- kept -->\n```\n"
    assert visible_body(body) == "\n\n## How it works\n\nText.\n\n```\n<!-- kept -->\n```\n"


def test_enter_accepts_the_validators_suggestion(root: Path) -> None:
    answers = ["Youth mentors in Graz", "", OPTIONS[3], "Austria", "", "", "", "", "mentoring", "", *[""] * 24]
    code, out, err = run(root, "--source", "A report", "--reviewed", "2026-11-24", stdin="\n".join(answers) + "\n")
    assert code == EXIT_WRITTEN, out + err
    assert "(did you mean 'AT'?)" in out
    assert "Countries [AT]:" in out
    text = (root / "docs" / "practices" / "youth-mentors-in-graz.md").read_text(encoding="utf-8")
    assert "countries:\n  - AT\n" in text and "approaches:\n  - mentoring-and-role-models\n" in text


def test_the_evidence_choices_say_what_each_level_means(root: Path) -> None:
    options = [o for o in OPTIONS if o not in ("--source", "A report on mentoring in Graz")]
    code, out, _ = run(root, *options, stdin="\n" * 13 + "A report\n" + "\n" * 10)
    assert code == EXIT_WRITTEN, out
    assert "This is the normal situation for local practice" in " ".join(out.split())


@pytest.mark.parametrize("script", ["validate.py", "new_practice.py"])
def test_scripts_run_without_the_packages_say_how_to_set_up(script: str) -> None:
    # -S leaves out site-packages, as a Python without make setup would be.
    result = subprocess.run(
        [sys.executable, "-S", str(REPOSITORY / "scripts" / script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert f"is missing. Run 'make setup' once, then .venv/bin/python scripts/{script}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_field_added_to_the_schema_becomes_a_question_and_an_option(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = root / "schema" / "practice.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    funding = {"description": "Who pays for the practice.", "type": "string", "minLength": 3, "maxLength": 200}
    schema["properties"] = {**schema["properties"], "funding": funding}
    schema["required"] = [*schema["required"], "funding"]
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")

    code, _, _ = run(root, "--help")
    out = capsys.readouterr().out  # argparse prints help to sys.stdout
    assert code == EXIT_WRITTEN
    assert "--funding TEXT" in out and "Who pays for the practice. (text, 3 to 200 characters)" in " ".join(out.split())
    code, _, err = run(root, *OPTIONS, "--non-interactive")
    assert code == EXIT_USAGE and "--funding is required" in err
    code, out, err = run(root, *OPTIONS[:-2], stdin="\n" * 22 + "The city of Graz\n" + "\n")
    assert (code, err) == (EXIT_WRITTEN, ""), out
    assert "Funding: Who pays for the practice. (text, 3 to 200 characters)\nFunding: " in out
    assert "Funding is required" not in out  # asked once, after the fields before it
    text = (root / "docs" / "practices" / "youth-mentors-in-graz.md").read_text(encoding="utf-8")
    assert "funding: The city of Graz\n" in text
