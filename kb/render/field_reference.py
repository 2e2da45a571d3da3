"""The contributor field reference: Markdown generated from the schemas, vocabularies and rules.

Nothing here is written by hand: every field, its description and its limits
come from the JSON Schemas in schema/, every allowed value from
schema/vocabularies/, and every validator message code, grouped by family with
its examples, from ``kb.checks.registry``. A
field added to a schema appears on the page at the next build.

The page's own words (headings, sentences, what a field accepts) are the
``field_reference`` strings of the page's language; what the schemas, the
rules and the limits say of themselves (descriptions, summaries) stays as
they write it, in English.
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
from kb.content.speech import Speech
from kb.content.vocabularies import Vocabulary
from kb.core.kinds import KINDS, Kind
from kb.model.knowledge_base import SECTION_KEYS, SECTION_NOTES
from kb.render.markup import fill_markdown, heading, text
from kb.render.templating import render

# What each kind of value looks like: the string field_reference.form.<key>, and the code its placeholders show.
CODE_LISTS = {
    "countries": ("countries", {"first": "DE", "second": "GB"}),
    "languages": ("languages", {"first": "de", "second": "nl"}),
}
FORMATS = {
    "date": ("date", {"pattern": "YYYY-MM-DD", "example": "2016-02-01"}),
    "uri": ("uri", {"prefix": "https://"}),
    "email": ("email", {"example": "info@example.org"}),
}
TYPES = {
    "string": ("string", {}),
    "integer": ("integer", {}),
    "number": ("number", {}),
    "boolean": ("boolean", {"true": "true", "false": "false"}),
}
FORM = "field_reference.form"


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
    kind: Kind, documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary], say: Speech
) -> list[FieldDoc]:
    """Every field of one kind of entry, nested ones after their parent, in schema order."""
    return document_fields(kind.schema_file, documents, vocabularies, say)


def document_fields(
    schema_file: str, documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary], say: Speech
) -> list[FieldDoc]:
    """Every field of one schema document, nested ones after their parent, in schema order.

    What each accepts is said in ``say``'s language; descriptions are the schema's own.
    """
    schemas = _Schemas(documents)
    root = documents[schema_file]
    return list(_fields(_Forms(schemas, vocabularies, say), root, root["$id"], ""))


def _fields(forms: _Forms, node: dict[str, Any], base: str, prefix: str) -> Iterator[FieldDoc]:
    required = set(node.get("required", []))
    for name, raw in node.get("properties", {}).items():
        schema, child_base = forms.schemas.resolve(raw, base)
        path = f"{prefix}{name}"
        yield FieldDoc(path, name in required, str(schema.get("description", "")), forms.form(schema, child_base))
        if schema.get("type") == "object":
            yield from _fields(forms, schema, child_base, f"{path}.")
        elif schema.get("type") == "array" and "items" in schema:
            items, items_base = forms.schemas.resolve(schema["items"], child_base)
            if items.get("type") == "object":
                yield from _fields(forms, items, items_base, f"{path}[].")


@dataclass(frozen=True)
class _Forms:
    """What a field accepts, in words of the page's language (the strings field_reference.form.*)."""

    schemas: _Schemas
    vocabularies: Mapping[str, Vocabulary]
    say: Speech

    def form(self, schema: dict[str, Any], base: str) -> str:
        """What a field accepts, as one or two sentences of Markdown."""
        if schema.get("type") != "array":
            return _sentence(self._scalar(schema))
        items, _ = self.schemas.resolve(schema.get("items", {}), base)
        if "x-kb-references" in schema:
            items = {**items, "x-kb-references": schema["x-kb-references"]}
        limits = []
        if schema.get("minItems"):
            limits.append(self.say.count(f"{FORM}.at_least_items", schema["minItems"]))
        if schema.get("uniqueItems"):
            limits.append(self.say.t(f"{FORM}.no_repeats"))
        each = _sentence(fill_markdown(self.say.t(f"{FORM}.list"), item=self._scalar(items)))
        return each + (" " + _sentence(text(", ".join(limits))) if limits else "")

    def _words(self, key: str, code: Mapping[str, str]) -> str:
        """The string ``field_reference.form.<key>``, each placeholder filled with its code."""
        return fill_markdown(self.say.t(f"{FORM}.{key}"), **{name: _code_span(value) for name, value in code.items()})

    def _scalar(self, schema: dict[str, Any]) -> str:
        say = self.say
        if "x-kb-codes" in schema:
            return self._words(*CODE_LISTS[schema["x-kb-codes"]])
        if "x-kb-vocabulary" in schema:
            name = schema["x-kb-vocabulary"]
            label = self.vocabularies[name].label if name in self.vocabularies else name
            return fill_markdown(say.t(f"{FORM}.vocabulary"), vocabulary=f"[{text(label)}](#vocabulary-{name})")
        if "x-kb-references" in schema:
            entries = say.either(say.t(f"{FORM}.entry.{kind}") for kind in schema["x-kb-references"])
            found = fill_markdown(say.t(f"{FORM}.reference"), entry=text(entries), suffix=_code_span(CONTENT_SUFFIX))
            for value in schema.get("x-kb-also", []):
                found = fill_markdown(say.t(f"{FORM}.or_value"), form=found, value=_code_span(value))
            return found
        if schema.get("type") == "object":
            return text(say.t(f"{FORM}.group"))
        if schema.get("format") in FORMATS:
            return self._words(*FORMATS[schema["format"]])
        if schema.get("type") == "string" and "pattern" in schema and "a-z0-9" in schema["pattern"]:
            return text(say.t(f"{FORM}.id"))
        described = self._words(*TYPES.get(str(schema.get("type")), ("value", {})))
        low, high = schema.get("minLength", schema.get("minimum")), schema.get("maxLength", schema.get("maximum"))
        # Text is measured in characters, numbers as they are.
        unit = "_characters" if "minLength" in schema or "maxLength" in schema else ""
        if low is not None and high is not None:
            return fill_markdown(say.t(f"{FORM}.between{unit}", low=low, high=high), form=described)
        if high is not None:
            return fill_markdown(say.t(f"{FORM}.at_most{unit}", high=high), form=described)
        return fill_markdown(say.t(f"{FORM}.at_least{unit}", low=low), form=described) if low is not None else described


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."


REFERENCE = "field_reference"
# The parts of the page after the kinds' fields, as (anchor, the string of their heading).
PARTS = (
    ("text", "text"),
    ("pages", "pages"),
    ("vocabularies", "vocabularies"),
    ("limits", "limits"),
    ("validator-messages", "messages"),
)


def _words(say: Speech, key: str, **values: str) -> str:
    """The string ``field_reference.<key>`` as Markdown, its placeholders filled with Markdown made here."""
    return fill_markdown(say.t(f"{REFERENCE}.{key}"), **values)


def _part_heading(say: Speech, anchor: str) -> str:
    return f"\n## {text(say.t(f'{REFERENCE}.{dict(PARTS)[anchor]}'))} {{#{anchor}}}\n\n"


def _link(label: str, href: str) -> str:
    return f"[{text(label)}]({href})"


def render_field_reference(
    documents: Mapping[str, dict[str, Any]],
    vocabularies: Mapping[str, Vocabulary],
    contributing_link: str,
    say: Speech,
) -> str:
    """The field reference in ``say``'s language, with the vocabularies as given (in the same language)."""
    links = [_link(say.t(f"kind.{kind.name}"), f"#{kind.name}") for kind in KINDS]
    links += [_link(say.t(f"{REFERENCE}.{key}"), f"#{anchor}") for anchor, key in PARTS]
    contribute = _link(say.t(f"{REFERENCE}.contribute"), contributing_link)
    parts = [
        heading(1, say.t(f"{REFERENCE}.title")),
        "\n"
        + _words(
            say,
            "intro",
            schemas=_code_span("schema/"),
            vocabularies=_code_span("schema/vocabularies/"),
            contribute=contribute,
        )
        + "\n",
        "\n" + _words(say, "on_this_page", links=" · ".join(links)) + "\n",
    ]
    for kind in KINDS:
        schema = documents[kind.schema_file]
        parts.append(
            f"\n## {text(say.t(f'kind.{kind.name}'))} {{#{kind.name}}}\n\n{text(schema.get('description', ''))}\n\n"
        )
        parts.append(_listing(_field_item(field, say) for field in kind_fields(kind, documents, vocabularies, say)))
    parts.append(render_text_reference(say))
    if PAGE_SCHEMA in documents:
        parts.append(render_page_fields(documents, vocabularies, say))
    marker = f"*{text(say.t(f'{REFERENCE}.one_value_from'))}*"
    parts.append(_part_heading(say, "vocabularies") + _words(say, "vocabularies_intro", marker=marker) + "\n")
    for vocabulary in vocabularies.values():
        parts.append(
            f"\n### {text(vocabulary.label)} {{#vocabulary-{vocabulary.id}}}\n\n{text(vocabulary.description)}\n\n"
        )
        parts.append(render_terms(vocabulary))
    parts.append(_part_heading(say, "limits") + _words(say, "limits_intro") + "\n\n")
    parts.append(_listing(_limit_item(limit) for limit in stated_limits()))
    warning = f"*{text(say.t(f'{REFERENCE}.warning'))}*"
    command, line = _code_span("python scripts/validate.py"), _code_span("file:line:column: CODE message")
    messages = _words(say, "messages_intro", command=command, line=line, warning=warning)
    parts.append(_part_heading(say, "validator-messages") + messages + "\n")
    parts.extend(_family_section(family, say) for family in FAMILIES)
    return "".join(parts)


def render_text_reference(say: Speech) -> str:
    """What the text under the front matter holds: a practice's sections, and the markers that cite sources."""
    rules = {code.lower(): _link(code, f"#{code.lower()}") for code in ("KB801", "KB802", "KB803")}
    markers = _words(
        say,
        "markers",
        sources=_code_span("sources"),
        one=_code_span("[1]"),
        two=_code_span("[1, 3]"),
        escaped=_code_span("\\[1]"),
        link=_code_span("[1](https://...)"),
        **rules,
    )
    return (
        _part_heading(say, "text")
        + _words(say, "text_intro", heading=_code_span("## "))
        + "\n\n"
        + render_sections(say)
        + "\n"
        + markers
        + "\n"
    )


def render_sections(say: Speech) -> str:
    """A practice's recommended sections, named in ``say``'s language, with what each holds (in English)."""
    return "".join(
        f"- **{text(say.t(f'section.{SECTION_KEYS[name]}'))}**: {text(note)}\n" for name, note in SECTION_NOTES.items()
    )


def render_page_fields(
    documents: Mapping[str, dict[str, Any]], vocabularies: Mapping[str, Vocabulary], say: Speech
) -> str:
    """The front matter of hand-written pages, and which other files may be added under docs/."""
    schema = documents[PAGE_SCHEMA]
    images = ", ".join(_code_span(suffix) for suffix in IMAGE_TYPES)
    files = _words(say, "page_files", suffix=_code_span(CONTENT_SUFFIX), docs=_code_span("docs/"), images=images)
    return (
        f"{_part_heading(say, 'pages')}{text(schema.get('description', ''))}\n\n"
        + _listing(_field_item(field, say) for field in document_fields(PAGE_SCHEMA, documents, vocabularies, say))
        + f"\n{files}\n"
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


def _field_item(field: FieldDoc, say: Speech) -> str:
    required = f" · **{text(say.t(f'{REFERENCE}.required'))}**" if field.required else ""
    description = f"{text(field.description)}  \n    " if field.description else ""
    return f"`{field.path}`{required}\n:   {description}{field.form}\n\n"


def _limit_item(limit: Limit) -> str:
    refused = f" ([`{limit.code}`](#{limit.code.lower()}))" if limit.code else ""
    return f"{text(limit.name)}: **{text(limit.value)}**{refused}\n:   {text(limit.meaning)}\n\n"


def _family_section(family: Family, say: Speech) -> str:
    return f"\n### {text(family.title)} {{#rules-{family.name}}}\n\n{text(family.about)}\n\n" + _listing(
        _rule_item(rule, say) for rule in family.rules
    )


def _rule_item(rule: Rule, say: Speech) -> str:
    anchor = rule.code.lower()
    warning = f" · *{text(say.t(f'{REFERENCE}.warning'))}*" if rule.severity == "warning" else ""
    examples = _words(say, "examples", fails=_example(rule.fails.display), passes=_example(rule.passes.display))
    return (
        f"{render('anchor.html', id=anchor)}`{rule.code}` {text(rule.name)}{warning}\n"
        f":   {text(rule.summary)}  \n"
        f"    {examples}\n\n"
    )


def _example(example: str) -> str:
    """An example as code; ``\\n`` in the registry marks a line break."""
    return " ↵ ".join(_code_span(line) for line in example.split("\\n") if line)


def _code_span(text: str) -> str:
    """Text as a Markdown code span that backticks inside it cannot close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"
