"""Files GitHub and pre-commit read: checked against their published schemas, since they cannot run here."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.languages import ORIGINAL_LANGUAGE
from kb.content.speech import speech_for
from kb.core.kinds import KINDS
from kb.tools.issue_form import ISSUE_FORM_PATH, render_issue_form
from kb.tools.scaffold import SET_BY_EDITORS
from tests.support.repo import REPOSITORY, entry_files

WORKFLOWS = sorted((REPOSITORY / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"], ids=lambda s: s.split(".")[1]
)
def test_workflows_match_the_published_schema(schema: str) -> None:
    assert len(WORKFLOWS) == 2
    result = check_jsonschema(schema, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_get_annotations_on_changed_content_then_the_full_checks() -> None:
    workflow = load(REPOSITORY / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key 'on' as true
    runs = [step.get("run", "") for step in steps(workflow)]
    changed = next(run for run in runs if "git diff" in run)
    assert "scripts/validate.py --format github" in changed
    assert set(re.findall(r"docs/\w+", changed)) == {f"docs/{kind.folder}" for kind in KINDS}
    assert "make test" in runs and "make build" in runs
    assert workflow["permissions"] == {"contents": "read"}


def test_pushes_to_main_build_and_deploy_to_pages() -> None:
    workflow = load(REPOSITORY / ".github" / "workflows" / "pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/upload-pages-artifact" in uses
    assert {"run": "make build"}.items() <= next(s for s in build["steps"] if "run" in s).items()
    assert next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_issue_form_matches_the_published_schema() -> None:
    result = check_jsonschema("vendor.github-issue-forms", REPOSITORY / ISSUE_FORM_PATH)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_is_generated_from_the_current_schema() -> None:
    catalogue = load_catalogue(Layout.for_root(REPOSITORY))
    expected = render_issue_form(catalogue.schemas, catalogue.vocabularies, speech_for(catalogue, ORIGINAL_LANGUAGE))
    committed = (REPOSITORY / ISSUE_FORM_PATH).read_text(encoding="utf-8")
    assert committed == expected, "run: python scripts/generate_issue_form.py"


def test_issue_form_asks_for_every_practice_field_an_editor_does_not_set() -> None:
    form = load(REPOSITORY / ISSUE_FORM_PATH)
    ids = {element.get("id") for element in form["body"]}
    properties = load_catalogue(Layout.for_root(REPOSITORY)).schemas["practice.schema.json"]["properties"]
    assert set(properties) - ids == set(SET_BY_EDITORS)
    approaches = next(e for e in form["body"] if e.get("id") == "approaches")
    assert approaches["type"] == "dropdown" and approaches["attributes"]["multiple"] is True
    assert "Community engagement (community-engagement)" in approaches["attributes"]["options"]


def test_pull_request_template_has_a_checklist() -> None:
    template = (REPOSITORY / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "scripts/validate.py" in template and "own words" in template


def test_ci_runs_only_make_test() -> None:
    commands = [
        line.strip()
        for line in (REPOSITORY / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"
    assert not any(c.startswith(("python", "pytest", "mkdocs", ".venv")) for c in commands)


# --- pre-commit ---------------------------------------------------------------------------------------------------

PRE_COMMIT = REPOSITORY / ".pre-commit-config.yaml"


def local_hooks() -> dict[str, dict[str, Any]]:
    config = load(PRE_COMMIT)
    return {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}


def test_pre_commit_config_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(PRE_COMMIT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    repos = {repo["repo"] for repo in load(PRE_COMMIT)["repos"]}
    assert "https://github.com/pre-commit/pre-commit-hooks" in repos
    assert {"kb-validate", "ruff-check", "ruff-format"} <= set(local_hooks())


def hook_command(hook: dict[str, Any]) -> list[str]:
    # The hooks name the project's .venv; here, the interpreter running the tests.
    return [part.replace(".venv/bin/", f"{BIN}/") for part in shlex.split(hook["entry"])]


def test_the_validate_hook_checks_every_file_under_docs() -> None:
    # The whole docs/ tree is contributed: pages, images and assets are checked as entries are.
    pattern = re.compile(local_hooks()["kb-validate"]["files"])
    for kind in KINDS:
        assert pattern.search(f"docs/{kind.folder}/example.md")
        assert pattern.search(f"docs/{kind.folder}/drafts/example.md")  # reported as misplaced (KB013)
    for page in ("docs/index.md", "docs/contributing.md", "docs/about.html", "docs/assets/extra.js"):
        assert pattern.search(page), page
    for other in ("kb/checks/validation.py", "schema/practice.schema.json", "README.md"):
        assert not pattern.search(other), other


def test_the_validate_hook_runs_on_staged_content_files() -> None:
    hook = local_hooks()["kb-validate"]
    files = [entry_files(REPOSITORY, kind.folder)[0].relative_to(REPOSITORY).as_posix() for kind in KINDS]
    files += ["docs/index.md", "docs/contributing.md", "docs/assets/kb.css"]
    result = subprocess.run([*hook_command(hook), *files], cwd=REPOSITORY, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    # The real content may carry warnings (they never block a commit); whether it has none is
    # test_breaking_content.test_content_is_valid's to say.
    assert all(" warning: " in line for line in result.stdout.splitlines()), result.stdout


@pytest.mark.parametrize("hook_id", ["kb-validate-all", "kb-issue-form"])
def test_the_whole_repository_hooks_pass(hook_id: str) -> None:
    hook = local_hooks()[hook_id]
    assert hook["pass_filenames"] is False
    result = subprocess.run(hook_command(hook), cwd=REPOSITORY, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_contributing_points_to_the_guide_and_its_links_resolve() -> None:
    text = (REPOSITORY / "CONTRIBUTING.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert "docs/contributing.md" in links
    for link in links:
        if not link.startswith("http"):
            assert (REPOSITORY / link).exists(), link
