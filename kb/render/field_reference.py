"""The contributor field reference: Markdown generated from the schemas, vocabularies and rules.

Nothing here is written by hand: every field, its description and its limits
come from the JSON Schemas in schema/, every allowed value from
schema/vocabularies/, and every validator message code, grouped by family with
its examples, from ``kb.checks.registry``. A
field added to a schema appears on the page at the next build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kb.checks.family import Family, Rule
from kb.checks.registry import FAMILIES
from kb.checks.render_limits import Limit, stated_limits
from kb.checks.site_files import CONTENT_SUFFIX, IMAGE_TYPES
from kb.content.pages import PAGE_SCHEMA
from kb.content.vocabularies import Vocabulary
from kb.core.kinds import KINDS, Kind
from kb.model.knowledge_base import SECTION_NOTES
from kb.render.markup import heading, text
from kb.render.templating import render

CODE_LISTS = {
    "countries": "a country code: ISO 3166-1 alpha-2 in capitals, such as `DE` or `GB`",
    "languages": "a language code: ISO 639-1 in lowercase, such as `de` or `nl`",
}
FORMATS = {
    "date": "a date written `YYYY-MM-DD`, such as `2016-02-01` (with or without quotes)",
    "uri": "a full web address starting with `https://`",
    "email": "an e-mail address, such as `info@example.org`",
}
TYPES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "`true` or `false`"}


@dataclass(frozen=True)
class FieldDoc:
    """One field as the reference shows it, nested fields named by their path."""

    path: str  # such as "sources[].url" or "contact.email"
    required: bool
    description: str
    form: str  # Markdown


class _Schemas:
    """Resolves ``$ref`` between the schema documents, by ``$id`` and JSON pointer."""

    def __init__(self, documents: Mapping[str, dict[str, Any]]) -> None:
        self.by_id = {document["$id"]: document for document in documents.values()}

    def resolve(self, node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        """The node merged over what it refers to (its own keys win), and the base of its children."""
        if "$ref" not in node:
            return node, base
        document_id, _, pointer = str(node["$ref"]).partition("#")
        document_id = document_id or base
        target: Any = self.by_id[document_id]
        for part in filter(None, pointer.split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        resolved, target_base = self.resolve(target, document_id)
        merged = {**resolved, **{key: value for key, value in node.items() if key != "$ref"}}
        if "description" in node:
            merged["description"] = node["description"]
        return merged, target_base


def kind_fields(
    kind: Kind, documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary]
) -> list[FieldDoc]:
    """Every field of one kind of entry, nested ones after their parent, in schema order."""
    return document_fields(kind.schema_file, documents, vocabularies)


def document_fields(
    schema_file: str, documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary]
) -> list[FieldDoc]:
    """Every field of one schema document, nested ones after their parent, in schema order."""
    schemas = _Schemas(documents)
    root = documents[schema_file]
    return list(_fields(schemas, root, root["$id"], "", vocabularies))


def _fields(
    schemas: _Schemas, node: dict[str, Any], base: str, prefix: str, vocabularies: Mapping[str, Vocabulary]
) -> Iterator[FieldDoc]:
    required = set(node.get("required", []))
    for name, raw in node.get("properties", {}).items():
        schema, child_base = schemas.resolve(raw, base)
        path = f"{prefix}{name}"
        yield FieldDoc(
            path, name in required, str(schema.get("description", "")), _form(schemas, schema, child_base, vocabularies)
        )
        if schema.get("type") == "object":
            yield from _fields(schemas, schema, child_base, f"{path}.", vocabularies)
        elif schema.get("type") == "array" and "items" in schema:
            items, items_base = schemas.resolve(schema["items"], child_base)
            if items.get("type") == "object":
                yield from _fields(schemas, items, items_base, f"{path}[].", vocabularies)


def _form(schemas: _Schemas, schema: dict[str, Any], base: str, vocabularies: Mapping[str, Vocabulary]) -> str:
    """What a field accepts, as one or two sentences."""
    if schema.get("type") != "array":
        return _sentence(_scalar_form(schema, vocabularies))
    items, _ = schemas.resolve(schema.get("items", {}), base)
    if "x-kb-references" in schema:
        items = {**items, "x-kb-references": schema["x-kb-references"]}
    limits = []
    if schema.get("minItems"):
        count = schema["minItems"]
        limits.append(f"at least {count} item{'s' if count != 1 else ''}")
    if schema.get("uniqueItems"):
        limits.append("no repeats")
    each = _sentence("a list; each item is " + _scalar_form(items, vocabularies))
    return each + (" " + _sentence(", ".join(limits)) if limits else "")


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."


def _scalar_form(schema: dict[str, Any], vocabularies: Mapping[str, Vocabulary]) -> str:
    if "x-kb-codes" in schema:
        return CODE_LISTS[schema["x-kb-codes"]]
    if "x-kb-vocabulary" in schema:
        name = schema["x-kb-vocabulary"]
        label = vocabularies[name].label if name in vocabularies else name
        return f"one value from [{text(label)}](#vocabulary-{name})"
    if "x-kb-references" in schema:
        kinds = " or ".join(f"{kind}" for kind in schema["x-kb-references"])
        also = "".join(f", or `{value}`" for value in schema.get("x-kb-also", []))
        return f"the id of {_article(kinds)} {kinds} entry (its file name without `.md`){also}"
    if schema.get("type") == "object":
        return "a group of the fields below"
    if schema.get("format") in FORMATS:
        return FORMATS[schema["format"]]
    if schema.get("type") == "string" and "pattern" in schema and "a-z0-9" in schema["pattern"]:
        return "an id: lowercase letters and digits joined by single hyphens"
    described = TYPES.get(str(schema.get("type")), "a value")
    low, high = schema.get("minLength", schema.get("minimum")), schema.get("maxLength", schema.get("maximum"))
    unit = " characters" if "minLength" in schema or "maxLength" in schema else ""
    if low is not None and high is not None:
        return f"{described}, {low} to {high}{unit}"
    if high is not None:
        return f"{described}, at most {high}{unit}"
    return f"{described}, at least {low}{unit}" if low is not None else described


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def render_field_reference(
    documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary], contributing_link: str
) -> str:
    kinds = " · ".join(f"[{kind.label}](#{kind.name})" for kind in KINDS)
    parts = [
        heading(1, "Field reference"),
        "\nEvery field of every kind of entry, the values it accepts, and every message the validator "
        "gives. This page is generated from the JSON Schemas in `schema/`, the vocabularies in "
        "`schema/vocabularies/` and the validator's rules each time the site is built, so it always "
        f"says what the validator checks. To add an entry, see [how to contribute]({contributing_link}).\n",
        f"\nOn this page: {kinds} · [The text](#text) · [Hand-written pages and files](#pages) · "
        "[Allowed values](#vocabularies) · [Limits](#limits) · [Validator messages](#validator-messages)\n",
    ]
    for kind in KINDS:
        schema = documents[kind.schema_file]
        parts.append(f"\n## {text(kind.label)} {{#{kind.name}}}\n\n{text(schema.get('description', ''))}\n\n")
        parts.append(_listing(_field_item(field) for field in kind_fields(kind, documents, vocabularies)))
    parts.append(render_text_reference())
    if PAGE_SCHEMA in documents:
        parts.append(render_page_fields(documents, vocabularies))
    parts.append(
        "\n## Allowed values {#vocabularies}\n\nFields marked *one value from* a list accept only these "
        "values, written exactly as in the left column.\n"
    )
    for vocabulary in vocabularies.values():
        parts.append(
            f"\n### {text(vocabulary.label)} {{#vocabulary-{vocabulary.id}}}\n\n{text(vocabulary.description)}\n\n"
        )
        parts.append(render_terms(vocabulary))
    parts.append(
        "\n## Limits {#limits}\n\nEvery file is checked, and the site built, in bounded time: these limits keep "
        "a file from asking more work than that, whatever it holds. Ordinary entries stay far below them.\n\n"
    )
    parts.append(_listing(_limit_item(limit) for limit in stated_limits()))
    parts.append(
        "\n## Validator messages {#validator-messages}\n\n"
        "`python scripts/validate.py` prints one line per problem, `file:line:column: CODE message`, and the "
        "same messages appear on the lines of a pull request. Errors must be fixed before an entry is "
        "published; warnings (marked *warning*) ask a person to look and never block. The rules come in "
        "families; each shows an example that fails and one that passes.\n"
    )
    parts.extend(_family_section(family) for family in FAMILIES)
    return "".join(parts)


def render_text_reference() -> str:
    """What the text under the front matter holds: a practice's sections, and the markers that cite sources."""
    return (
        "\n## The text {#text}\n\n"
        "Under its front matter an entry has its text, in plain Markdown. A practice's text has these sections, "
        "as `## ` headings in this order; leave out any the sources do not cover, and the page says it is not yet "
        "documented.\n\n"
        + render_sections()
        + "\nThe text cites its sources with markers: after a fact, the numbers of the sources it comes from, "
        "counted from 1 in the order of `sources`, in square brackets, such as `[1]` or `[1, 3]`. On the page "
        "each number links to its source in the numbered list of sources. Every marker must name a listed "
        "source ([KB801](#kb801)); every source should be cited at least once ([KB802](#kb802), a warning); "
        "and in a practice that lists a source with a web address, every section (and any text before the "
        "first heading) needs a marker ([KB803](#kb803)). Brackets in code, after a backslash (`\\[1]`), as "
        "a link's text (`[1](https://...)`) or in a link's address are not markers. Workshops, events, "
        "organisations and collections may use markers too; once their text has one, every source should be "
        "cited.\n"
    )


def render_sections() -> str:
    """A practice's recommended sections with what each holds, as a list."""
    return "".join(f"- **{text(name)}**: {text(note)}\n" for name, note in SECTION_NOTES.items())


def render_page_fields(documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary]) -> str:
    """The front matter of hand-written pages, and which other files may be added under docs/."""
    schema = documents[PAGE_SCHEMA]
    images = ", ".join(f"`{suffix}`" for suffix in IMAGE_TYPES)
    return (
        f"\n## Hand-written pages and files {{#pages}}\n\n{text(schema.get('description', ''))}\n\n"
        + _listing(_field_item(field) for field in document_fields(PAGE_SCHEMA, documents, vocabularies))
        + f"\nBesides pages (`{CONTENT_SUFFIX}`), only images may be added under `docs/`: {images}, named in "
        "lowercase. Each is checked by its content, not its name. HTML files, scripts, style sheets and SVG "
        "images are refused: they would run or load in readers' browsers past every check.\n"
    )


def render_terms(vocabulary: Vocabulary) -> str:
    """A vocabulary's values with their labels and meanings, as on the field reference."""
    return _listing(
        f"`{term.id}`\n:   **{text(term.label)}**: {text(term.description)}\n\n" for term in vocabulary.terms
    )


def _listing(items: Iterable[str]) -> str:
    """A definition list the style sheet lays out as two columns on wide screens.

    The mark before it (templates/field_list_mark.html) names the list for the style sheet.
    """
    return f"{render('field_list_mark.html')}\n\n{''.join(items)}\n"


def _field_item(field: FieldDoc) -> str:
    required = " · **required**" if field.required else ""
    description = f"{text(field.description)}  \n    " if field.description else ""
    return f"`{field.path}`{required}\n:   {description}{field.form}\n\n"


def _limit_item(limit: Limit) -> str:
    refused = f" ([`{limit.code}`](#{limit.code.lower()}))" if limit.code else ""
    return f"{text(limit.name)}: **{text(limit.value)}**{refused}\n:   {text(limit.meaning)}\n\n"


def _family_section(family: Family) -> str:
    return f"\n### {text(family.title)} {{#rules-{family.name}}}\n\n{text(family.about)}\n\n" + _listing(
        _rule_item(rule) for rule in family.rules
    )


def _rule_item(rule: Rule) -> str:
    anchor = rule.code.lower()
    warning = " · *warning*" if rule.severity == "warning" else ""
    return (
        f"{render('anchor.html', id=anchor)}`{rule.code}` {text(rule.name)}{warning}\n"
        f":   {text(rule.summary)}  \n"
        f"    Fails: {_example(rule.fails.display)} · Passes: {_example(rule.passes.display)}\n\n"
    )


def _example(example: str) -> str:
    """An example as code; ``\\n`` in the registry marks a line break."""
    return " ↵ ".join(_code_span(line) for line in example.split("\\n") if line)


def _code_span(text: str) -> str:
    """Text as a Markdown code span that backticks inside it cannot close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"
