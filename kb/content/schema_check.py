"""Front matter against a JSON Schema, as located messages that say how to fix.

jsonschema's own messages ("'DE' is not of type 'array'") name neither the
line nor the fix; each failing keyword is translated here into one of the
stable codes in ``kb.core.rules``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from kb.content.loading import JsonPath, LoadedFile
from kb.core.codes import suggest_country, suggest_language
from kb.core.diagnostics import Diagnostic
from kb.core.suggestions import changes_negation, closest

MAX_VALUES_LISTED = 16
TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
TYPE_HINTS = {
    "array": "write a list, such as [A, B], or one '- item' per line",
    "object": "write the fields indented below the key",
    "string": "write text, in quotes if it could be read as something else",
    "integer": "write a whole number without quotes, such as 2016",
}


def check_against_schema(loaded: LoadedFile, validator: Validator) -> list[Diagnostic]:
    assert loaded.data is not None
    found: dict[tuple[JsonPath, str, str], Diagnostic] = {}
    for error in _leaf_errors(validator.iter_errors(loaded.data)):
        for diagnostic in _translate(error, loaded):
            # pattern and format often fail together on one value: say it once.
            key = (
                tuple(error.absolute_path),
                diagnostic.code,
                diagnostic.message if diagnostic.code in ("KB101", "KB102") else "",
            )
            found.setdefault(key, diagnostic)
    return sorted(found.values())


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        if error.context:
            yield from _leaf_errors(iter(error.context))
        else:
            yield error


def field_name(path: JsonPath) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "the front matter"


def _translate(error: ValidationError, loaded: LoadedFile) -> list[Diagnostic]:
    path: JsonPath = tuple(error.absolute_path)
    translator = _TRANSLATORS.get(str(error.validator), _other)
    return translator(error, path, loaded)


def _at(loaded: LoadedFile, path: JsonPath, code: str, message: str, *, key: bool = False) -> Diagnostic:
    where = loaded.locate_key(path) if key else loaded.locate(path)
    return Diagnostic(loaded.path, where.line, where.column, code, message)


def _required(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    properties = _schema_of(error).get("properties", {})
    problems = []
    for name in _expected(error):
        if isinstance(_instance(error), dict) and name not in _instance(error):
            description = properties.get(name, {}).get("description", "")
            where = f" in {field_name(path)}" if path else ""
            problems.append(_at(loaded, path, "KB101", f"'{name}' is missing{where}; add it. {description}".strip()))
    return problems


def _dependent(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    """A field that needs another: a source's url needs the day it was read (accessed)."""
    properties = _schema_of(error).get("properties", {})
    problems = []
    instance = _instance(error)
    for field, needed in _expected(error).items():
        if not isinstance(instance, dict) or field not in instance:
            continue
        for name in needed:
            if name not in instance:
                description = properties.get(name, {}).get("description", "")
                where = f" in {field_name(path)}" if path else ""
                message = f"'{name}' is missing{where}: it is required with '{field}'; add it. {description}"
                problems.append(_at(loaded, (*path, field), "KB101", message.strip()))
    return problems


def _additional(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    allowed = sorted(_schema_of(error).get("properties", {}))
    problems = []
    for name in _instance(error):
        if name in allowed:
            continue
        match = closest(name, allowed, cutoff=0.6)
        hint = f"did you mean '{match}'?" if match else f"allowed fields: {', '.join(allowed)}"
        problems.append(
            _at(loaded, (*path, name), "KB102", f"unknown field '{field_name((*path, name))}' ({hint})", key=True)
        )
    return problems


def _type(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    expected = _expected(error)
    expected_list = expected if isinstance(expected, list) else [expected]
    scalar = loaded.scalars.get(path)
    value = _instance(error)
    if _schema_of(error).get("format") == "date" and isinstance(value, datetime.datetime):
        # An unquoted date is read as text in a date field (read_dates_as_text); one with a time is not.
        written = scalar.raw if scalar is not None else str(value)
        return [
            _at(
                loaded,
                path,
                "KB108",
                f"{field_name(path)}: '{written}' holds a time; "
                "write the day alone as 'YYYY-MM-DD', such as '2016-02-01'",
            )
        ]
    if "string" in expected_list and scalar is not None and scalar.plain and not isinstance(value, str):
        return [
            _at(
                loaded,
                path,
                "KB104",
                f"{field_name(path)}: YAML reads {scalar.raw} as {_yaml_type(value)}, not text; "
                f"put it in quotes: '{scalar.raw}'",
            )
        ]
    wanted = " or ".join(TYPE_WORDS.get(str(t), str(t)) for t in expected_list)
    hint = TYPE_HINTS.get(expected_list[0], "")
    return [
        _at(
            loaded,
            path,
            "KB103",
            f"{field_name(path)} must be {wanted}, not {_json_type(value)}" + (f"; {hint}" if hint else ""),
        )
    ]


def _enum(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    value = _instance(error)
    allowed = [str(v) for v in _expected(error)]
    schema = _schema_of(error)
    if schema.get("x-kb-codes") == "countries":
        suggestion = suggest_country(str(value))
        hint = f"did you mean '{suggestion}'?" if suggestion else "use the ISO 3166-1 alpha-2 code, such as DE or GB"
        return [_at(loaded, path, "KB106", f"{field_name(path)}: '{value}' is not a country code ({hint})")]
    if schema.get("x-kb-codes") == "languages":
        suggestion = suggest_language(str(value))
        hint = f"did you mean '{suggestion}'?" if suggestion else "use the ISO 639-1 code, such as de or nl"
        return [_at(loaded, path, "KB112", f"{field_name(path)}: '{value}' is not a language code ({hint})")]
    vocabulary = schema.get("x-kb-vocabulary", "")
    # A value typed short ('youth') is usually the start of the one meant ('youth-and-families').
    starting = [v for v in allowed if str(value) and v.startswith(str(value).lower())]
    if len(starting) == 1 and not changes_negation(str(value), starting[0]):
        match: str | None = starting[0]
    else:
        match = closest(str(value), allowed, cutoff=0.5)
    hint = f"did you mean '{match}'? " if match else ""
    listed = ", ".join(allowed) if len(allowed) <= MAX_VALUES_LISTED else f"see schema/vocabularies/{vocabulary}.yaml"
    where = f" from the {vocabulary} vocabulary" if vocabulary else ""
    return [
        _at(
            loaded,
            path,
            "KB105",
            f"{field_name(path)}: '{value}' is not an allowed value{where} ({hint}allowed: {listed})",
        )
    ]


def _length(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    length = len(_instance(error))
    limit = _expected(error)
    if str(error.validator) == "maxLength":
        return [
            _at(loaded, path, "KB107", f"{field_name(path)} has {length} characters; the limit is {limit}. Shorten it.")
        ]
    return [_at(loaded, path, "KB107", f"{field_name(path)} has {length} characters; it needs at least {limit}.")]


def _form(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    schema = _schema_of(error)
    value = _instance(error)
    if schema.get("format") == "date" or "[0-9]{4}-" in str(schema.get("pattern", "")):
        hint = "write the date as 'YYYY-MM-DD', such as '2016-02-01', and check it exists"
    elif (schema.get("format") == "uri" or "https?" in str(schema.get("pattern", ""))) and str(value).startswith(
        ("http://", "https://")
    ):
        hint = 'a web address may not hold spaces or the characters < > " { } | \\ ^ `; percent-encode them (%3C for <)'
    elif schema.get("format") == "uri" or "https?" in str(schema.get("pattern", "")):
        hint = "write the full address starting with https://"
    elif schema.get("format") == "email" or "@" in str(schema.get("pattern", "")):
        hint = "write an address such as info@example.org"
    elif "a-z0-9" in str(schema.get("pattern", "")):
        hint = "ids are lowercase letters and digits joined by single hyphens, such as 'police-youngsters-sweden'"
    else:
        hint = f"it must match {schema.get('pattern') or schema.get('format')}"
    return [_at(loaded, path, "KB108", f"{field_name(path)}: '{value}' is not in the expected form; {hint}")]


def _items(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    if str(error.validator) == "uniqueItems":
        return [_at(loaded, path, "KB109", f"{field_name(path)} lists the same value twice; remove the repeat")]
    if str(error.validator) == "minItems":
        needed = _expected(error)
        return [
            _at(loaded, path, "KB109", f"{field_name(path)} needs at least {needed} item{'s' if needed != 1 else ''}")
        ]
    return [_at(loaded, path, "KB109", f"{field_name(path)} has too many items; the limit is {_expected(error)}")]


def _range(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    schema = _schema_of(error)
    return [
        _at(
            loaded,
            path,
            "KB110",
            f"{field_name(path)}: {_instance(error)} is outside the allowed range "
            f"{schema.get('minimum', '…')} to {schema.get('maximum', '…')}",
        )
    ]


def _other(error: ValidationError, path: JsonPath, loaded: LoadedFile) -> list[Diagnostic]:
    return [_at(loaded, path, "KB113", f"{field_name(path)}: {error.message}")]


_TRANSLATORS: dict[str, Callable[[ValidationError, JsonPath, LoadedFile], list[Diagnostic]]] = {
    "required": _required,
    "dependentRequired": _dependent,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "maxLength": _length,
    "minLength": _length,
    "pattern": _form,
    "format": _form,
    "minItems": _items,
    "maxItems": _items,
    "uniqueItems": _items,
    "minimum": _range,
    "maximum": _range,
}


# jsonschema types these attributes as possibly unset; on a leaf error they are set.
def _schema_of(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _expected(error: ValidationError) -> Any:
    return error.validator_value


def _instance(error: ValidationError) -> Any:
    return error.instance


def _yaml_type(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return "a date"
    if value is None:
        return "empty (null)"
    return type(value).__name__


def _json_type(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "empty"
    if isinstance(value, datetime.date):
        return "a date (put it in quotes)"
    return type(value).__name__
