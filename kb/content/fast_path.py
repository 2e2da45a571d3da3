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

from kb.content.loading import MAX_FILE_BYTES, MAX_NESTING_DEPTH, UTF8_BOM, LoadedFile, load_file, split_front_matter

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


class _NeedsStrictLoader(Exception):
    """Something the strict loader must explain: a repeated key, or nesting past its limit."""


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_VALUES_REMEMBERED = 4096  # plain scalars whose type is remembered: keys, codes and vocabulary terms repeat
_RESOLVER = yaml.resolver.Resolver()  # the C safe loader's; it keeps no state between scalars


@functools.lru_cache(maxsize=_PLAIN_VALUES_REMEMBERED)
def _plain_scalar_tag(value: str) -> str:
    """What type YAML gives an unquoted scalar (str, int, bool, date...), as PyYAML's resolver says."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call,no-any-return]


class _StrictCLoader(yaml.CSafeLoader):
    """PyYAML's C parser, with the same types as its safe loader, refusing duplicate keys.

    Parsing is PyYAML's; only the common nodes are built here (text, lists and
    mappings without tags, which is all a file reaching the fast path holds:
    tags, anchors and merge keys send it to the strict loader), each straight
    from its node, where PyYAML's constructor keeps bookkeeping for anchors and
    recursion that such files never need: this loads a front matter in less
    time than ``yaml.load`` with the C loader. Any other node (a number, a
    date, a boolean) is built by PyYAML's constructor itself.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0] and len(value) < 64:
            return _plain_scalar_tag(value)
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call,no-any-return]

    def data(self) -> Any:
        node = self.get_single_node()
        return None if node is None else self._built(node, 0)

    def _built(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_NESTING_DEPTH:
            raise _NeedsStrictLoader
        kind = type(node)
        if kind is yaml.ScalarNode and node.tag == _STR_TAG:
            return node.value
        if kind is yaml.SequenceNode and node.tag == _SEQ_TAG:
            return [self._built(item, depth + 1) for item in node.value]
        if kind is yaml.MappingNode and node.tag == _MAP_TAG:
            mapping = {self._built(key, depth + 1): self._built(value, depth + 1) for key, value in node.value}
            if len(mapping) != len(node.value):
                raise _NeedsStrictLoader  # a repeated key: the strict loader explains it
            return mapping
        return self.construct_object(node, deep=True)


def _load_yaml(text: str) -> Any:
    loader = _StrictCLoader(text)
    try:
        return loader.data()
    finally:
        loader.dispose()


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
        data = _load_yaml(split.yaml_text)
    except (yaml.YAMLError, _NeedsStrictLoader, ValueError, TypeError):
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
