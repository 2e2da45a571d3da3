"""Security and personal-data rules for an entry's text and fields (KB4xx, KB5xx).

Python-Markdown publishes raw HTML, ``javascript:`` links (inline, reference
style and autolinks) and, with ``attr_list``, ``{: onclick=... }`` as written.
These rules find them in the source, with a line and column, before anything
is built. As a catch-all the body is also rendered as the site renders it and
handed to the sanitiser (``kb.sanitise``): whatever it would remove and no rule
above named is reported too, so what passes the validator passes the build.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import markdown

from kb.block_rules import check_blocks
from kb.diagnostics import Diagnostic
from kb.loading import JsonPath, LoadedFile
from kb.markdown import HeldHtml, find_fences, mask_comments, visible_body
from kb.sanitise import URL_SCHEMES, is_other_host, unsafe_markup, url_scheme
from kb.schema_check import field_name
from kb.tooltips import shows_markup

# The site's Markdown (mkdocs.yml; MkDocs adds fenced_code itself). A test
# checks the two lists agree.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "def_list", "tables", "toc", "fenced_code")
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {"toc": {"permalink": True}, "tables": {"use_align_attribute": True}}


def markdown_renderer() -> markdown.Markdown:
    """Python-Markdown set up as the site's; reuse it with ``.reset()`` between texts."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIG)


def render_html(page_markdown: str) -> str:
    """Markdown as the site renders it, generated HTML blocks included (for checks and tests)."""
    held = HeldHtml(page_markdown)
    return held.fill(markdown_renderer().convert(held.markdown))


# Characters that change how text is shown without being seen: bidi controls
# reorder it ("Trojan source"), zero-width ones split or join words invisibly.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
# Control characters have no place in text (tabs and line ends aside); browsers
# drop or replace some (NUL), so the page would differ from what was reviewed.
CONTROL_CHARACTERS = frozenset(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]) - {"\t", "\n"}
_NOT_TEXT = BIDI_CONTROLS | CONTROL_CHARACTERS  # what a body line is searched for first

# Local parts of functional mailboxes: "info@", "press-office@". A local part
# of two or more words none of which is one of these (jan.jansen@) looks like
# a person's address.
FUNCTIONAL_MAILBOX_WORDS = frozenset(
    {
        "admin",
        "bureau",
        "communication",
        "communications",
        "contact",
        "enquiries",
        "help",
        "hello",
        "info",
        "information",
        "kontakt",
        "mail",
        "media",
        "office",
        "post",
        "postbus",
        "press",
        "prevention",
        "presse",
        "reception",
        "secretariat",
        "secretariaat",
        "service",
        "support",
        "team",
        "webmaster",
    }
)
# What makes a spreadsheet read a CSV cell as a formula (the open data files
# hold every field as text, and people open them in Excel or LibreOffice).
FORMULA_STARTS = frozenset("=+-@\t\r")
MIN_PHONE_DIGITS = 8
MAX_PHONE_DIGITS = 15
CONSENT_FIELD = "personal_data_consent"

_CODE_SPAN = re.compile(r"(?<!`)(`+)((?:(?!\n[ \t]*\n)[\s\S])+?)(?<!`)\1(?!`)")
# '<' then a letter, '/', '!' or '?' starts HTML for Python-Markdown's parser,
# which reads an unclosed one on to the next '>', even in the page's own
# markup further down; only a complete autolink on the line is not HTML.
_HTML_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)|<!--|<[/!?]")
_EMAIL_AUTOLINK = re.compile(r"<[^<> !]+@[^@<> ]+>")
# An '&#' that does not complete a character reference throws Python-Markdown's
# HTML extraction off for the rest of the page (it mangles the page's own
# markup further down), so only complete ones are allowed.
_BROKEN_CHARACTER_REFERENCE = re.compile(r"&#(?!(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});)")
_ANGLE_LINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(")
_REFERENCE_USE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\](?:\s?\[((?:[^\[\]\\]|\\.)*)\])?")
_DEFINITION = re.compile(r"^\s{0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
_SNIPPET = re.compile(r"-+8<-+")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
_PHONE = re.compile(r"(?<![\w+/=#?&.%-])(?:\+|00|\(0|0)\d[\d \t./()\-\u00a0]{5,}\d(?!\w)")
_PHONE_START = re.compile(r"[+0]\d")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based line in the file
    text: str  # as published: notes in HTML comments blanked out (kb.markdown.mask_comments)
    code: bool  # inside a fenced code block
    raw: str  # as written, for what a reviewer reads too (bidi controls, personal data)


def check_body_security(loaded: LoadedFile, consented: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """KB4xx and KB5xx problems in the body, each at its line and column."""
    lines = _lines(loaded)
    problems: list[Diagnostic] = []

    def report(line: int, column: int, code: str, message: str) -> None:
        problems.append(Diagnostic(loaded.path, line, column, code, message))

    definitions: dict[str, tuple[str, int, int]] = {}
    masked = _masked_lines(lines)
    may_hide = _any_of(_NOT_TEXT).search(loaded.body) is not None
    for line, text in zip(lines, masked, strict=True):
        for match in _SNIPPET.finditer(line.text):
            # pymdownx.snippets reads its markers even inside code blocks.
            report(
                line.number,
                match.start() + 1,
                "KB404",
                "'--8<--' is the snippet include syntax, which can pull any file of the repository into the "
                "page; write the text out instead",
            )
        for column, char in _invisible(line.raw, BIDI_CONTROLS) if may_hide else ():
            report(line.number, column, "KB406", f"{_char_name(char)} reorders how text is shown; delete it")
        for column, char in _invisible(line.raw, CONTROL_CHARACTERS) if may_hide else ():
            report(line.number, column, "KB406", f"control character U+{ord(char):04X} is not text; delete it")
        if line.code:
            continue
        if not any(trigger in line.text for trigger in _LINE_TRIGGERS):
            continue
        checked: list[range] = []  # link destinations already read, so an <...> inside one is not read twice
        for match in _DEFINITION.finditer(text):
            url = match.group(2).strip("<>")
            definitions[_label(match.group(1))] = (url, line.number, match.start(2) + 1)
            _check_url(url, line.number, match.start(2) + 1, report, image=False)
            checked.append(range(match.start(2), match.end(2)))
            _check_title(text[match.end() :], match.end(), line.number, report)
        for match in _INLINE_LINK.finditer(text):
            url, offset = _link_destination(text, match.end())
            _check_url(url, line.number, offset + 1, report, image=match.group(1) == "!")
            checked.append(range(offset, offset + len(url) + 2))
            title_at = offset + len(url) + (2 if text.startswith("<", offset) else 0)  # after the destination
            if _TITLE_START.match(text, title_at):
                _check_title(_link_title(text, title_at), title_at, line.number, report)
        for match in _ANGLE_LINK.finditer(text):
            if not any(match.start() in span for span in checked):
                _check_url(match.group(1), line.number, match.start(1) + 1, report, image=False)
        autolinks = [range(m.start(), m.end()) for m in (*_ANGLE_LINK.finditer(text), *_EMAIL_AUTOLINK.finditer(text))]
        for match in _HTML_TAG.finditer(text):
            if any(match.start() == span.start for span in autolinks):
                continue
            what = match.group(1) or match.group(0)
            report(
                line.number,
                match.start() + 1,
                "KB401",
                f"raw HTML ('{_short(text[match.start() :], 30)}') is not allowed in entry text: write it as "
                f"Markdown, or put it in backticks to show it as code"
                + (" (a note for editors in an HTML comment must be closed with -->)" if what == "<!--" else ""),
            )
        for match in _BROKEN_CHARACTER_REFERENCE.finditer(text):
            report(
                line.number,
                match.start() + 1,
                "KB401",
                "'&#' starts a character reference that is not complete (such as &#233;); write the character "
                "itself, or '&amp;#' to show '&#'",
            )
        for match in _ATTRIBUTE_LIST.finditer(text):
            report(
                line.number,
                match.start() + 1,
                "KB403",
                f"attribute list '{_short(match.group(0), 40)}' is not allowed in entry text: it can add "
                "event handlers (onclick), styles or ids to the page. Delete it; headings get their anchors "
                "automatically (put braces meant as text in backticks)",
            )
    for line, text in zip(lines, masked, strict=True):
        if line.code or "[" not in text:
            continue
        for match in _REFERENCE_USE.finditer(text):
            if match.group(1) != "!":
                continue
            label = _label(match.group(3) or match.group(2))
            if label in definitions:
                url, _, _ = definitions[label]
                if url_scheme(url) in URL_SCHEMES and is_other_host(url):
                    report(line.number, match.start() + 1, "KB405", _external_image_message(url))
    problems += check_blocks(loaded)
    problems += _personal_data_in_text(loaded, lines, consented)
    if not any(p.code.startswith("KB4") for p in problems) and _could_render_markup(mask_comments(loaded.body)):
        problems += _rendered_leftovers(loaded)
    return problems


# Every pattern the loop above looks for needs one of these in the line: links
# and definitions '[', raw HTML and autolinks '<' (and the snippet marker
# '--8<--'), character references '&', attribute lists '{'.
_LINE_TRIGGERS = ("[", "<", "&", "{")


def _lines(loaded: LoadedFile) -> list[_Line]:
    raw_lines = loaded.body.split("\n")
    code = find_fences(raw_lines).code  # as visible_body finds them: a fence never closed is text
    return [
        _Line(loaded.body_line + index, text, code[index], raw_lines[index])
        for index, text in enumerate(mask_comments(loaded.body).split("\n"))
    ]


def _masked_lines(lines: list[_Line]) -> list[str]:
    """Each line with code blanked out, keeping every column where it was.

    Code spans may run over line breaks within a paragraph, so the masking
    works on the whole text, with fenced blocks emptied first.
    """
    text = "\n".join("" if line.code else line.text for line in lines)
    if "`" not in text:
        return text.split("\n")  # no code span to blank out
    masked = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return masked.split("\n")


def _link_destination(text: str, start: int) -> tuple[str, int]:
    """The destination of an inline link whose '(' ends at ``start``, balancing parentheses."""
    depth = 1
    index = start
    while index < len(text) and depth:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    inside = text[start : index - 1 if depth == 0 else index]
    stripped = inside.lstrip()
    offset = start + len(inside) - len(stripped)
    if stripped.startswith("<"):
        return stripped[1:].split(">", 1)[0], offset
    # A title follows the destination after a space and in quotes; anything
    # else is kept, so that "java script:" is read as browsers would read it.
    destination = re.split(r"\s+[\"'(]", stripped, maxsplit=1)[0]
    return destination, offset


# After a link's destination, a title: spaces, then a quote or a parenthesis.
_TITLE_START = re.compile(r"\s+[\"'(]")


def _link_title(text: str, after: int) -> str:
    """What follows an inline link's destination, from ``after`` up to the link's closing ')'."""
    depth, index = 1, after
    while index < len(text) and depth:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    return text[after : index - 1 if depth == 0 else index]


def _check_title(title: str, column: int, line: int, report: Reporter) -> None:
    """KB431: a link title is shown by the theme's tooltips, which read it as HTML once decoded."""
    written = title.strip()
    if not written or not shows_markup(html.unescape(written)) or _HTML_TAG.search(written):
        return  # nothing there, only text, or raw HTML, which KB401 reports
    column += len(title) - len(title.lstrip()) + 1
    report(
        line,
        column,
        "KB431",
        f"link title {_short(written, 40)} holds '<' once its character references are read; the site's "
        "tooltips show a title as HTML, so write it without '<' (or leave the title out)",
    )


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


Reporter = Callable[[int, int, str, str], None]


def _check_url(url: str, line: int, column: int, report: Reporter, *, image: bool) -> None:
    scheme = url_scheme(_BACKSLASH_ESCAPE.sub(r"\1", url))
    if scheme is not None and scheme not in URL_SCHEMES:
        report(line, column, "KB402", _scheme_message(url, scheme))
    elif image and is_other_host(url):
        report(line, column, "KB405", _external_image_message(url))


def _scheme_message(url: str, scheme: str) -> str:
    allowed = ", ".join(f"{s}:" for s in sorted(URL_SCHEMES))
    return (
        f"link '{_short(url, 40)}' uses the '{scheme}:' scheme, which browsers can run or open as a file; "
        f"links may only be {allowed} or a relative link to another page"
    )


def _external_image_message(url: str) -> str:
    return (
        f"image '{_short(url, 50)}' is loaded from another site, which would learn of every visitor; "
        "add the image file under docs/assets/ and link to it there, or link to the page instead"
    )


def _invisible(text: str, characters: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(1-based column, character) of each of ``characters`` in the text."""
    for match in _any_of(characters).finditer(text):
        yield match.start() + 1, match.group()


@functools.cache
def _any_of(characters: frozenset[str]) -> re.Pattern[str]:
    # One compiled character class scans a line in C; a Python loop over every
    # character was half of the validator's time.
    return re.compile("[" + "".join(re.escape(char) for char in sorted(characters)) + "]")


def _char_name(char: str) -> str:
    return f"invisible character U+{ord(char):04X} ({unicodedata.name(char, 'control')})"


def _short(text: str, limit: int) -> str:
    text = text.split("\n", 1)[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"


# With the site's extensions, text without any of these renders only to block
# and emphasis markup the allowlist keeps (paragraphs, headings, lists, tables,
# definition lists, admonitions, code): raw HTML and autolinks need '<',
# entities '&', attribute lists '{', links and images '[', and a heading id
# that could shadow one of the theme's ('__config') needs '__'. Rendering is
# most of the validator's cost per file, so plain text skips it.
_MARKUP_TRIGGERS = ("<", "&", "{", "[", "__")


def _could_render_markup(body: str) -> bool:
    return any(trigger in body for trigger in _MARKUP_TRIGGERS)


def _rendered_leftovers(loaded: LoadedFile) -> list[Diagnostic]:
    """Anything the sanitiser would still remove from the rendered body."""
    rendered = render_html(visible_body(loaded.body))
    removals = unsafe_markup(rendered)
    if not removals:
        return []
    listed = "; ".join(str(r) for r in removals[:3])
    line, column = _find(loaded, removals[0].needle)
    return [
        Diagnostic(
            loaded.path,
            line,
            column,
            "KB401",
            f"the text renders to markup the site does not publish ({listed}); write plain Markdown",
        )
    ]


def _find(loaded: LoadedFile, needle: str) -> tuple[int, int]:
    """Where the source shows what the rendering produced: the first line holding it, else the body's start."""
    if needle:
        for index, text in enumerate(loaded.body.split("\n")):
            column = text.lower().find(needle.lower())
            if column >= 0:
                return loaded.body_line + index, column + 1
    return loaded.body_line, 1


# Personal data (KB5xx) -------------------------------------------------------


def personal_email(local_part: str) -> bool:
    """True when an address's local part looks like a person's name (jan.jansen@)."""
    words = [w for w in re.split(r"[._+-]", local_part.lower()) if w]
    alphabetic = [w for w in words if w.isalpha()]
    return len(alphabetic) >= 2 and not any(w in FUNCTIONAL_MAILBOX_WORDS for w in words)


def find_personal_data(text: str) -> Iterator[tuple[int, str, str]]:
    """(0-based offset, code, value) of each personal-looking e-mail address or phone number."""
    # Without an '@' the address pattern would still try every word of the text.
    for match in _EMAIL.finditer(text) if "@" in text else ():
        if personal_email(match.group(1)):
            yield match.start(), "KB501", match.group(0)
    # Every number the phone pattern takes starts "+<digit>" or "0<digit>": a quick
    # search for that spares most texts the slower pattern, which tries each position.
    for match in _PHONE.finditer(text) if _PHONE_START.search(text) else ():
        digits = sum(c.isdigit() for c in match.group(0))
        if _DATE.fullmatch(match.group(0).strip()):
            continue
        if MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
            yield match.start(), "KB502", match.group(0).strip()


def _personal_message(code: str, value: str) -> str:
    what = "e-mail address" if code == "KB501" else "phone number"
    person = "looks like a person's" if code == "KB501" else "may be a person's"
    return (
        f"'{value}' {person} {what}; publish an organisation's functional contact (info@, a switchboard) "
        f"instead, or record the person's consent under {CONSENT_FIELD} (see docs/contributing.md)"
    )


def _personal_data_in_text(loaded: LoadedFile, lines: list[_Line], consented: frozenset[str]) -> list[Diagnostic]:
    problems = []
    if next(find_personal_data(loaded.body), None) is None:
        return []  # each pattern matches within a line, so a line's match is also the whole body's
    for line in lines:
        for offset, code, value in find_personal_data(line.raw):
            if _normal(value) not in consented:
                problems.append(Diagnostic(loaded.path, line.number, offset + 1, code, _personal_message(code, value)))
    return problems


def _normal(value: str) -> str:
    if "@" in value:
        return value.strip().lower()
    return re.sub(r"[^\d+]", "", value)


# Front matter ----------------------------------------------------------------


def consented_values(data: Mapping[str, Any]) -> frozenset[str]:
    records = data.get(CONSENT_FIELD)
    if not isinstance(records, list):
        return frozenset()
    return frozenset(_normal(r["value"]) for r in records if isinstance(r, dict) and isinstance(r.get("value"), str))


def check_front_matter_security(loaded: LoadedFile, url_paths: list[JsonPath]) -> list[Diagnostic]:
    """Invisible characters anywhere, unsafe schemes in URL fields, personal data in any text."""
    assert loaded.data is not None
    consented = consented_values(loaded.data)
    used: set[str] = set()
    problems = []
    strings = list(strings_in(loaded.data))
    # Each pattern below matches within one line, so searching all the text at once
    # says whether any single value needs looking at: most files need none.
    everything = "\n".join(value for _, value, _ in strings)
    may_hide = _any_of(INVISIBLE).search(everything) is not None
    may_name_people = next(find_personal_data(everything), None) is not None
    for path, value, is_key in strings:
        # Located only when something is found: asking where a value is makes a
        # file read by the fast path be read again the strict way.
        def at(code: str, message: str, path: JsonPath = path, is_key: bool = is_key) -> Diagnostic:
            where = loaded.locate_key(path) if is_key else loaded.locate(path)
            return Diagnostic(loaded.path, where.line, where.column, code, message)

        name = "field name" if is_key else field_name(path)
        invisible = next(_invisible(value, INVISIBLE), None) if may_hide else None
        if invisible is not None:
            index, char = invisible
            problems.append(
                at(
                    "KB406",
                    f"{name} holds an {_char_name(char)} at character {index}; delete it "
                    "(it can make two different values look the same, or reorder the text)",
                )
            )
        if is_key or (path and path[0] == CONSENT_FIELD):
            continue
        formula = formula_start(value)
        if formula is not None:
            problems.append(
                at(
                    "KB410",
                    f"{name} starts with {formula}, which a spreadsheet opening the open data CSV files "
                    "would run as a formula; start the text with a word",
                )
            )
        # A scheme needs a ':' (or a reference such as &#58; that decodes to one).
        if (":" in value or "&" in value) and any(_matches(path, pattern) for pattern in url_paths):
            scheme = url_scheme(value)
            if scheme is not None and scheme not in URL_SCHEMES:
                problems.append(at("KB402", f"{name}: {_scheme_message(value, scheme)}"))
        for _, code, found in find_personal_data(value) if may_name_people else ():
            if _normal(found) in consented:
                used.add(_normal(found))
                continue
            problems.append(at(code, f"{name}: {_personal_message(code, found)}"))
    records = loaded.data.get(CONSENT_FIELD)
    if isinstance(records, list):
        body_values = {_normal(v) for _, _, v in find_personal_data(loaded.body)}
        for index, record in enumerate(records):
            recorded = record.get("value") if isinstance(record, dict) else None
            if isinstance(recorded, str) and _normal(recorded) not in used | body_values:
                where = loaded.locate((CONSENT_FIELD, index, "value"))
                problems.append(
                    Diagnostic(
                        loaded.path,
                        where.line,
                        where.column,
                        "KB503",
                        f"consent is recorded for '{recorded}' but the entry does not publish it; "
                        "remove the record (consent is kept only for what is shown)",
                    )
                )
    return problems


def formula_start(value: str) -> str | None:
    """How a text starts a spreadsheet formula, described, or None.

    Importers trim leading spaces, and some read the full-width and other
    compatibility forms of '=' '+' '-' '@' (such as U+FF1D) as the character
    itself, so the first character after any spaces is read in its NFKC form.
    """
    if value[:1] in FORMULA_STARTS:
        return repr(value[:1])
    stripped = value.lstrip()
    first = stripped[:1]
    if not first:
        return None
    normal = unicodedata.normalize("NFKC", first)[:1]
    if normal not in FORMULA_STARTS:
        return None
    spaces = " after spaces" if len(stripped) < len(value) else ""
    form = f" (U+{ord(first):04X}, a form of '{normal}')" if first != normal else ""
    return f"'{first}'{form}{spaces}"


def strings_in(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str, bool]]:
    """(path, text, is a key) for every key and string value in parsed front matter."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), key, True
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))
    elif isinstance(value, str):
        yield path, value, False


def _matches(path: JsonPath, pattern: JsonPath) -> bool:
    return len(path) == len(pattern) and all(p == "*" or p == part for p, part in zip(pattern, path, strict=True))


def url_field_paths(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> list[JsonPath]:
    """Paths (with '*' for list items) of every field whose schema is a URI, from the schema itself."""
    by_id = {doc.get("$id"): doc for doc in documents.values()}
    found: list[JsonPath] = []

    def resolve(node: Mapping[str, Any], base: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        seen = 0
        while "$ref" in node and seen < 20:
            reference = str(node["$ref"])
            document_id, _, pointer = reference.partition("#")
            base = by_id.get(document_id, base) if document_id else base
            target: Any = base
            for part in [p for p in pointer.split("/") if p]:
                target = target[part]
            node, seen = target, seen + 1
        return node, base

    def walk(node: Mapping[str, Any], base: Mapping[str, Any], path: JsonPath, depth: int) -> None:
        if depth > 10:
            return
        node, base = resolve(node, base)
        if node.get("format") == "uri":
            found.append(path)
        for name, sub in node.get("properties", {}).items():
            walk(sub, base, (*path, name), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], base, (*path, "*"), depth + 1)

    walk(schema, schema, (), 0)
    return found
