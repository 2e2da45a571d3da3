"""The rules for a hand-written page: its front matter against schema/page.schema.json, its text as an entry's.

The page is read by kb.content.pages, as MkDocs reads it; here its fields and
text pass the same rules an entry's pass.
"""

from __future__ import annotations

from jsonschema.protocols import Validator

from kb.checks.body_rules import check_body_security, check_front_matter_security
from kb.checks.buildable import check_field_characters, check_text_builds
from kb.checks.titles import Titled, check_title_characters
from kb.content.loading import LoadedFile
from kb.content.schema_check import check_against_schema
from kb.core.diagnostics import Diagnostic


def check_page(loaded: LoadedFile, validator: Validator) -> list[Diagnostic]:
    """Every problem of one hand-written page, at its line and column."""
    problems = list(loaded.diagnostics)
    if loaded.data is None:
        return problems  # unreadable front matter is its only problem
    if loaded.data:
        problems += check_against_schema(loaded, validator)
        problems += check_front_matter_security(loaded, [])
        problems += check_field_characters(loaded)
        title = loaded.data.get("title")
        if isinstance(title, str):
            where = loaded.locate(("title",))
            problems += check_title_characters(Titled(loaded.path, title, where.line, where.column))
    problems += check_body_security(loaded)
    problems += check_text_builds(loaded)
    return problems
