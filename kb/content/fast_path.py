"""A fast path for files that are valid, so validating 10,000 stays near the parse floor.

Most files in a knowledge base are valid most of the time. For them, PyYAML's
C parser and a compiled schema (fastjsonschema) decide quickly that nothing
is wrong. Anything the fast path is unsure of (a YAML tag, anchor or alias
character, a duplicate key, a schema failure, a decoding problem) sends the
file to the strict loader and the detailed checks, so every message keeps
its line, column and code. The fast path only ever says "valid"; it never
reports a problem of its own.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml

from kb.content.loading import MAX_FILE_BYTES, UTF8_BOM, LoadedFile, load_file, split_front_matter

FastValidator = Callable[[Any], Any]

# Characters that may start a YAML tag (!), anchor (&), alias (*) or merge key
# (<<) when they begin a token, and tabs. A file with any of them takes the
# strict path, which knows exactly what they are; plain text such as
# "Security & Justice" only costs that file the slower path.
_NEEDS_STRICT_LOADER = re.compile(r"(?:^|[\s\[\{,:-])[!&*]|<<|\t")
_STRICT_LOADER_CHARACTERS = "!&*<\t"  # one of them is in every match of the pattern, looked for first (faster)


def _needs_strict_loader(yaml_text: str) -> bool:
    if not any(char in yaml_text for char in _STRICT_LOADER_CHARACTERS):
        return False
    return _NEEDS_STRICT_LOADER.search(yaml_text) is not None


class _Duplicate(Exception):
    pass


class _StrictCLoader(yaml.CSafeLoader):
    """PyYAML's C loader, refusing duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [key.value if isinstance(key, yaml.ScalarNode) else None for key, _ in node.value]
        if None in keys or len(keys) != len(set(keys)):
            raise _Duplicate  # a complex or repeated key: the strict loader explains it
        return super().construct_mapping(node, deep=deep)


def load_fast(path: Path, display_path: str) -> LoadedFile | None:
    """The file's data and body if it reads cleanly with the C parser; None otherwise."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            return None
        text = raw.decode("utf-8").removeprefix(UTF8_BOM)
    except (OSError, UnicodeDecodeError):
        return None
    split = split_front_matter(text)
    if split is None or _needs_strict_loader(split.yaml_text):
        return None
    try:
        data = yaml.load(split.yaml_text, Loader=_StrictCLoader)
    except (yaml.YAMLError, _Duplicate, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(key, str) and key for key in data):
        return None
    loaded = LoadedFile(display_path, data, split.body, split.body_line, 1)
    loaded.relocate = functools.partial(load_file, path, display_path)  # a function and its values: picklable
    return loaded


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# The same format rules as the detailed validator (jsonschema's FormatChecker):
# a stricter fast path would only cost time, a looser one would let errors by.
_FORMATS: dict[str, Callable[[str], bool]] = {
    "date": _is_date,
    "email": lambda value: "@" in value,
    "uri": lambda value: True,  # jsonschema checks uri only with rfc3987; our pattern does the work
}


def compile_fast_validator(schema_file: str, filled: Mapping[str, dict[str, Any]]) -> FastValidator:
    """``filled``: the schema documents with their controlled values filled in (``Catalogue.filled``)."""
    return fastjsonschema.compile(bundle(schema_file, filled), formats=_FORMATS)


def bundle(schema_file: str, filled: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """One self-contained schema: every other document's $defs copied in and referred to locally.

    fastjsonschema resolves references by URL, and our schemas refer to each
    other by URN; bundling gives it a single document with the same rules.
    The documents are only read: the bundle is built anew (``_localise``).
    """
    schema = dict(filled[schema_file])
    definitions: dict[str, Any] = dict(schema.get("$defs", {}))
    prefixes = []
    for document in _referred_documents(schema_file, filled).values():
        if "$defs" in document:
            definitions.update(document["$defs"])
            prefixes.append(f"{document['$id']}#")
    schema["$defs"] = definitions
    return _localise(schema, prefixes)  # type: ignore[no-any-return]


def _referred_documents(schema_file: str, filled: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The other documents ``schema_file`` refers to, directly or through them.

    Only these are bundled: a document nothing here refers to may itself refer
    to parts of others that are not definitions (the translation schema takes
    the originals' limits from their ``properties``), which a bundle cannot hold.
    """
    by_id = {document.get("$id"): name for name, document in filled.items()}
    found: dict[str, dict[str, Any]] = {}
    pending = [filled[schema_file]]
    while pending:
        for reference in _references(pending.pop()):
            name = by_id.get(reference.partition("#")[0])
            if name is not None and name != schema_file and name not in found:
                found[name] = filled[name]
                pending.append(filled[name])
    return found


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [reference for value in node.values() for reference in _references(value)]
    if isinstance(node, list):
        return [reference for value in node for reference in _references(value)]
    return []


def _localise(node: Any, prefixes: list[str]) -> Any:
    if isinstance(node, dict):
        return {
            key: (_local_ref(value, prefixes) if key == "$ref" else _localise(value, prefixes))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_localise(value, prefixes) for value in node]
    return node


def _local_ref(ref: str, prefixes: list[str]) -> str:
    for prefix in prefixes:
        if ref.startswith(prefix):
            return "#" + ref[len(prefix) :]
    return ref


def is_valid(validator: FastValidator, data: dict[str, Any]) -> bool:
    try:
        validator(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
