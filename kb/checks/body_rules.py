"""Security and personal-data rules for an entry's text and fields (KB4xx, KB5xx).

Python-Markdown publishes raw HTML, ``javascript:`` links (inline, reference
style and autolinks) and, with ``attr_list``, ``{: onclick=... }`` as written.
These rules find them in the source, with a line and column, before anything
is built. As a catch-all the body is also rendered as the site renders it and
handed to the sanitiser (``kb.core.html_policy``): whatever it would remove and no rule
above named is reported too, so what passes the validator passes the build.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from kb.checks.block_rules import check_blocks
from kb.checks.family import Example, Family, Rule, Where
from kb.checks.personal_data import CONSENT_FIELD, Finding, check_consent_records, is_consent_value
from kb.checks.personal_data import consented_values as consented_values
from kb.checks.personal_data import find_personal_data as find_personal_findings
from kb.checks.personal_data import personal_email as personal_email
from kb.checks.render_limits import BoundedProblems, check_rendering_limits, nests_too_deep
from kb.content.loading import JsonPath, LoadedFile
from kb.content.schema_check import field_name
from kb.content.schemas import format_field_paths
from kb.core.diagnostics import Diagnostic
from kb.core.html_policy import URL_SCHEMES, is_other_host, shows_markup, unsafe_markup, url_scheme
from kb.core.markdown import TOC_MARKER, find_fences, mask_comments, render_html, visible_body

# Characters that change how text is shown without being seen: bidi controls
# reorder it ("Trojan source"), zero-width ones split or join words invisibly.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
# Control characters have no place in text (tabs and line ends aside); browsers
# drop or replace some (NUL), so the page would differ from what was reviewed.
CONTROL_CHARACTERS = frozenset(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]) - {"\t", "\n"}
_NOT_TEXT = BIDI_CONTROLS | CONTROL_CHARACTERS  # what a body line is searched for first

# What makes a spreadsheet read a CSV cell as a formula (the open data files
# hold every field as text, and people open them in Excel or LibreOffice).
FORMULA_STARTS = frozenset("=+-@\t\r")

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
# Every pattern here is read in time proportional to the line: none may search
# on from each of many starting points (an opener never closed, a run that never
# ends as the pattern needs), which would make a hostile line cost its square.
# Links and images are found by matching brackets and parentheses in one pass
# (_links); the other patterns start only where a match could begin.
# Written as alternatives that each start with a fixed character, so the search skips other text in C.
_LINK_MARKS = re.compile(r"\\.|\[|\]|\(|\)", re.DOTALL)
_TITLE_AFTER_DESTINATION = re.compile(r"(?<!\s)\s+[\"'(]")
MAX_LABEL_CHARACTERS = 999  # the longest reference label looked up (CommonMark's limit)
_DEFINITION = re.compile(r"^\s{0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
_SNIPPET = re.compile(r"(?<!-)-+8<-+")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class _Line(NamedTuple):  # a tuple: a file can have a quarter of a million lines
    number: int  # 1-based line in the file
    text: str  # as published: notes in HTML comments blanked out (kb.core.markdown.mask_comments)
    code: bool  # inside a fenced code block
    raw: str  # as written, for what a reviewer reads too (bidi controls, personal data)


def check_body_security(loaded: LoadedFile, consented: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """KB4xx and KB5xx problems in the body, each at its line and column."""
    lines = _lines(loaded)
    problems = BoundedProblems(loaded.path)
    report = problems.add
    definitions: dict[str, tuple[str, int, int]] = {}
    # Code spans blanked out, as the renderer would find them. Over the limits on rendering work, that is
    # the problem to fix first: the rules for links and markup, whose work grows with the markup, wait for it.
    masked, over_limits = check_rendering_limits(loaded.path, lines)
    may_hide = _may_hide(loaded.body)
    may_include = "8<" in loaded.body
    for line, text in zip(lines, masked, strict=True):
        for match in _SNIPPET.finditer(line.text) if may_include else ():
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
        if line.code or over_limits or not any(trigger in line.text for trigger in _LINE_TRIGGERS):
            continue
        checked: list[tuple[int, int]] = []  # link destinations already read, so an <...> inside one is not read twice
        # Each pattern is searched for only in a line holding the characters every match of it holds:
        # most lines with a trigger hold a source marker '[1]' and nothing else to look at.
        angled = "<" in text
        for match in _DEFINITION.finditer(text) if "]:" in text else ():
            url = match.group(2).strip("<>")
            definitions[_label(match.group(1))] = (url, line.number, match.start(2) + 1)
            _check_url(url, line.number, match.start(2) + 1, report, image=False)
            checked.append((match.start(2), match.end(2)))
            _check_title(text[match.end() :], match.end(), line.number, report)
        for image, offset, url in _links(text) if "](" in text else ():  # every inline link has a "]("
            _check_url(url, line.number, offset + 1, report, image=image)
            checked.append((offset, offset + len(url) + 2))
            title_at = offset + len(url) + (2 if text.startswith("<", offset) else 0)  # after the destination
            if _TITLE_START.match(text, title_at):
                _check_title(_link_title(text, title_at), title_at, line.number, report)
        checked.sort()
        starts = [start for start, _ in checked]
        for match in _ANGLE_LINK.finditer(text) if angled else ():
            if not _inside(checked, starts, match.start()):
                _check_url(match.group(1), line.number, match.start(1) + 1, report, image=False)
        autolinks = (
            {m.start() for m in (*_ANGLE_LINK.finditer(text), *_EMAIL_AUTOLINK.finditer(text))} if angled else set()
        )
        for match in _HTML_TAG.finditer(text) if angled else ():
            if match.start() in autolinks:
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
        for match in _BROKEN_CHARACTER_REFERENCE.finditer(text) if "&#" in text else ():
            report(
                line.number,
                match.start() + 1,
                "KB401",
                "'&#' starts a character reference that is not complete (such as &#233;); write the character "
                "itself, or '&amp;#' to show '&#'",
            )
        # Only up to the last '}': a '{' with none after it cannot start a list, and searching
        # on from each such '{' would cost the square of the line.
        for match in _ATTRIBUTE_LIST.finditer(text, 0, text.rfind("}") + 1) if "{" in text else ():
            report(
                line.number,
                match.start() + 1,
                "KB403",
                f"attribute list '{_short(match.group(0), 40)}' is not allowed in entry text: it can add "
                "event handlers (onclick), styles or ids to the page. Delete it; headings get their anchors "
                "automatically (put braces meant as text in backticks)",
            )
    for line, text in zip(lines, masked, strict=True):
        if line.code or over_limits or not definitions or "![" not in text:
            continue
        for offset, label in _image_references(text):
            if label in definitions:
                url, _, _ = definitions[label]
                if url_scheme(url) in URL_SCHEMES and is_other_host(url):
                    report(line.number, offset + 1, "KB405", _external_image_message(url))
    problems.extend(check_blocks(loaded))
    _personal_data_in_text(problems, loaded, lines, consented)
    problems.extend(over_limits)
    # Text nested too deep (KB414) is not rendered: Python-Markdown would run out of stack.
    if (
        not any(code.startswith("KB4") for code in problems.codes())
        and _could_render_markup(mask_comments(loaded.body))
        and not nests_too_deep(loaded.body)
    ):
        problems.extend(_rendered_leftovers(loaded))
    return problems.result()


# Every pattern the loop above looks for needs one of these in the line: links
# and definitions '[', raw HTML and autolinks '<' (and the snippet marker
# '--8<--'), character references '&', attribute lists '{'.
_LINE_TRIGGERS = "[<&{"  # each looked for with 'in', which is faster than one pattern for all four


def _may_hide(body: str) -> bool:
    """Whether the text holds a bidi control or control character (_NOT_TEXT)."""
    if body.isascii():
        # Of ASCII, only the controls are not printable: with line ends and tabs (which are text) taken
        # out, isprintable() answers in one pass that is faster than a search for the character class.
        return not body.replace("\n", "").replace("\t", "").isprintable()
    return _any_of(_NOT_TEXT).search(body) is not None


def _lines(loaded: LoadedFile) -> list[_Line]:
    raw_lines = loaded.body.split("\n")
    code = find_fences(raw_lines).code  # as visible_body finds them: a fence never closed is text
    return [
        _Line(loaded.body_line + index, text, code[index], raw_lines[index])
        for index, text in enumerate(mask_comments(loaded.body).split("\n"))
    ]


def _links(text: str) -> Iterator[tuple[bool, int, str]]:
    """(is an image, offset, destination) of each inline link or image in a line, read in one pass.

    Brackets and parentheses are matched with a stack each, escaped ones left
    out, as Python-Markdown matches them; like it, a link's destination is
    taken whole, and what looks like a link inside it is not read again. A '('
    never closed runs to the next '](' or the end of the line.
    """
    marks = list(_LINK_MARKS.finditer(text))
    closing: dict[int, int] = {}
    opened: list[int] = []
    for mark in marks:
        if mark.group() == "(":
            opened.append(mark.start())
        elif mark.group() == ")" and opened:
            closing[opened.pop()] = mark.start()
    brackets: list[int] = []
    resume = 0
    for mark in marks:
        position = mark.start()
        if position < resume:
            continue
        if mark.group() == "[":
            brackets.append(position)
        elif mark.group() == "]" and brackets:
            opener = brackets.pop()
            if not text.startswith("(", position + 1):
                continue
            start = position + 2
            end = closing.get(position + 1)
            if end is not None:
                resume = end + 1
            else:
                following = text.find("](", start)
                end = following if following >= 0 else len(text)
            url, offset = _link_destination(text, start, end)
            yield opener > 0 and text[opener - 1] == "!", offset, url


def _link_destination(text: str, start: int, end: int) -> tuple[str, int]:
    """The destination of an inline link whose parentheses hold ``text[start:end]``, and its offset."""
    inside = text[start:end]
    stripped = inside.lstrip()
    offset = start + len(inside) - len(stripped)
    if stripped.startswith("<"):
        return stripped[1:].split(">", 1)[0], offset
    # A title follows the destination after a space and in quotes; anything
    # else is kept, so that "java script:" is read as browsers would read it.
    destination = _TITLE_AFTER_DESTINATION.split(stripped, maxsplit=1)[0]
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


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Whether a position falls in one of the sorted, non-overlapping spans (``starts``: their starts)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _image_references(text: str) -> Iterator[tuple[int, str]]:
    """(offset of the '!', label) of each reference-style image in a line: ![text][label], ![label][] or ![label]."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for mark in _LINK_MARKS.finditer(text):
        if mark.group() == "[":
            opened.append(mark.start())
        elif mark.group() == "]" and opened:
            pairs[opened.pop()] = mark.start()
    for opener, closer in pairs.items():
        if opener == 0 or text[opener - 1] != "!" or text.startswith("(", closer + 1):
            continue  # not an image, or an inline one (read with the links)
        after = closer + 2 if text[closer + 1 : closer + 2].isspace() else closer + 1
        second = pairs.get(after) if text.startswith("[", after) else None
        first, last = (after, second) if second is not None and second > after + 1 else (opener, closer)
        if last - first - 1 <= MAX_LABEL_CHARACTERS:
            yield opener - 1, _label(text[first + 1 : last])


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


Reporter = Callable[[int, int, str, str], None]


def _check_url(url: str, line: int, column: int, report: Reporter, *, image: bool) -> None:
    scheme = url_scheme(_BACKSLASH_ESCAPE.sub(r"\1", url))
    if scheme is not None and scheme not in URL_SCHEMES:
        report(line, column, "KB402", _scheme_message(url, scheme))
    elif image and is_other_host(url):
        report(line, column, "KB405", _external_image_message(url))


_ALLOWED_SCHEMES = ", ".join(f"{s}:" for s in sorted(URL_SCHEMES))


def _scheme_message(url: str, scheme: str) -> str:
    allowed = _ALLOWED_SCHEMES
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
# A source marker ("[1]", "[1, 3]") is a '[' that renders as the text it is: numeric
# reference labels are refused (KB806), so it can never become a link. Every cited
# practice has them, so they alone must not make a body worth rendering.
# The look back comes after the '[' (as "not one of these before the '['") so that the pattern starts with a
# fixed character, which the search finds in C instead of trying the look back at every position.
_PLAIN_MARKER = re.compile(r"\[(?<![\]!\\]\[)\d+(?:,\s*\d+)*\](?![(\[:])")


def _could_render_markup(body: str) -> bool:
    # Markers hold none of the other triggers, so with one of them the markers need not be taken out.
    if "[" in body and not any(trigger in body for trigger in _MARKUP_TRIGGERS if trigger != "["):
        body = _PLAIN_MARKER.sub("", body)
    return any(trigger in body for trigger in _MARKUP_TRIGGERS)


def _rendered_leftovers(loaded: LoadedFile) -> list[Diagnostic]:
    """Anything the sanitiser would still remove from the rendered body."""
    # The [TOC] marker renders to a list of headings; it is KB413's to report, not a second problem here.
    rendered = render_html(visible_body(loaded.body).replace(TOC_MARKER, "\\[TOC\\]"))
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


def find_personal_data(text: str) -> Iterator[tuple[int, str, str]]:
    """(0-based offset, code, value as written) of each personal-looking e-mail address or phone number.

    The text is decoded first (character references, percent-encoding,
    compatibility forms, any space or dash): see ``kb.checks.personal_data``.
    """
    for finding in find_personal_findings(text):
        yield finding.offset, finding.code, finding.written


def _personal_message(finding: Finding) -> str:
    what = "e-mail address" if finding.code == "KB501" else "phone number"
    person = "looks like a person's" if finding.code == "KB501" else "may be a person's"
    read = "" if finding.read_as == finding.written else f" (read as '{finding.read_as}')"
    return (
        f"'{finding.written}'{read} {person} {what}; publish an organisation's functional contact (info@, a "
        f"switchboard) instead, or record the person's consent under {CONSENT_FIELD} (see docs/contributing.md)"
    )


def _personal_data_in_text(
    problems: BoundedProblems, loaded: LoadedFile, lines: list[_Line], consented: frozenset[str]
) -> None:
    """Read over the whole text at once, so that a word on one line can announce a number on the next."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line.raw) + 1)
    for finding in find_personal_findings(loaded.body):
        if finding.key in consented:
            continue
        index = bisect.bisect_right(starts, finding.offset) - 1
        column = finding.offset - starts[index] + 1
        problems.add(lines[index].number, column, finding.code, _personal_message(finding))


# Front matter ----------------------------------------------------------------


def check_front_matter_security(loaded: LoadedFile, url_paths: list[JsonPath]) -> list[Diagnostic]:
    """Invisible characters anywhere, unsafe schemes in URL fields, personal data in any text."""
    assert loaded.data is not None
    consented = consented_values(loaded.data)
    used: set[str] = set()
    problems = []
    # Each pattern below matches within one line, so searching all the text at once
    # says whether any single value needs looking at: most files need none.
    texts: list[str] = []
    _collect_texts(loaded.data, texts)
    everything = "\n".join(texts)
    may_hide = _any_of(INVISIBLE).search(everything) is not None
    may_name_people = next(find_personal_findings(everything), None) is not None
    if not (may_hide or may_name_people or _MAY_START_FORMULA.search(everything)):
        # Only a web address can hold a problem: read just those, each where the schema says one is.
        for pattern in url_paths:
            for path, value in _strings_at(loaded.data, pattern):
                problems += _scheme_problems(loaded, path, value)
        return problems + check_consent_records(loaded, used)
    for path, value, is_key in strings_in(loaded.data):
        # Located only when something is found: asking where a value is makes a
        # file read by the fast path be read again the strict way.
        def at(code: str, message: str, path: JsonPath = path, is_key: bool = is_key) -> Diagnostic:
            where = loaded.locate_key(path) if is_key else loaded.locate(path)
            return Diagnostic(loaded.path, where.line, where.column, code, message)

        invisible = next(_invisible(value, INVISIBLE), None) if may_hide else None
        if invisible is not None:
            index, char = invisible
            problems.append(
                at(
                    "KB406",
                    f"{_name(path, is_key)} holds an {_char_name(char)} at character {index}; delete it "
                    "(it can make two different values look the same, or reorder the text)",
                )
            )
        if is_key:
            continue
        # A consent record is checked like any other text, but for the value it
        # consents to: that is the contact itself, shown on the page, never in the CSV.
        consent_value = is_consent_value(path)
        formula = None if consent_value else formula_start(value)
        if formula is not None:
            problems.append(
                at(
                    "KB410",
                    f"{field_name(path)} starts with {formula}, which a spreadsheet opening the open data CSV files "
                    "would run as a formula; start the text with a word",
                )
            )
        if any(_matches(path, pattern) for pattern in url_paths):
            problems += _scheme_problems(loaded, path, value)
        for finding in find_personal_findings(value) if may_name_people and not consent_value else ():
            if finding.key in consented:
                used.add(finding.key)
                continue
            problems.append(at(finding.code, f"{field_name(path)}: {_personal_message(finding)}"))
    problems += check_consent_records(loaded, used)
    return problems


def _scheme_problems(loaded: LoadedFile, path: JsonPath, value: str) -> list[Diagnostic]:
    """KB402 for a web address with a scheme the site does not link to."""
    # A scheme needs a ':' (or a reference such as &#58; that decodes to one).
    scheme = url_scheme(value) if ":" in value or "&" in value else None
    if scheme is None or scheme in URL_SCHEMES:
        return []
    where = loaded.locate(path)
    return [
        Diagnostic(
            loaded.path, where.line, where.column, "KB402", f"{field_name(path)}: {_scheme_message(value, scheme)}"
        )
    ]


# Where a text may start a formula (formula_start): at a text's start, one of FORMULA_STARTS, a space, or a
# character outside ASCII (whose compatibility form may be one). Texts are joined by line breaks.
_MAY_START_FORMULA = re.compile(r"(?:\A|\n)[=+\-@\t\r \f\v\x1c-\x1f\x80-\U0010ffff]")


def _collect_texts(value: Any, found: list[str]) -> None:
    """Every key and string value in parsed front matter, without their paths (see strings_in)."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(key)
            _collect_texts(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_texts(item, found)
    elif isinstance(value, str):
        found.append(value)


def _strings_at(value: Any, pattern: JsonPath, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """(path, text) of each string at a field path whose '*' stands for any list item (url_field_paths)."""
    if not pattern:
        if isinstance(value, str):
            yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":  # any item, or any key of a mapping where a list belongs (as _matches reads it)
        for key, item in (
            enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, dict) else ()
        ):
            yield from _strings_at(item, rest, (*path, key))
    elif isinstance(value, dict) and head in value:
        yield from _strings_at(value[head], rest, (*path, head))


def _name(path: JsonPath, is_key: bool) -> str:
    """How a message names a value: named only when a problem is found, as most values have none."""
    return "field name" if is_key else field_name(path)


def formula_start(value: str) -> str | None:
    """How a text starts a spreadsheet formula, described, or None.

    Importers trim leading spaces, and some read the full-width and other
    compatibility forms of '=' '+' '-' '@' (such as U+FF1D) as the character
    itself, so the first character after any spaces is read in its NFKC form.
    """
    if value[:1] in FORMULA_STARTS:
        return repr(value[:1])
    if value[:1].isascii() and not value[:1].isspace():
        return None  # the common case: nothing to strip, and an ASCII character is its own NFKC form
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
    found: list[tuple[JsonPath, str, bool]] = []
    _collect_strings(value, path, found)  # into a list: nested generators cost a call per level per value
    return iter(found)


def _collect_strings(value: Any, path: JsonPath, found: list[tuple[JsonPath, str, bool]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            key_path = (*path, key)
            found.append((key_path, key, True))
            _collect_strings(item, key_path, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_strings(item, (*path, index), found)
    elif isinstance(value, str):
        found.append((path, value, False))


def _matches(path: JsonPath, pattern: JsonPath) -> bool:
    return len(path) == len(pattern) and all(p == "*" or p == part for p, part in zip(pattern, path, strict=True))


def url_field_paths(schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> list[JsonPath]:
    """Paths (with '*' for list items) of every field whose schema is a URI, from the schema itself."""
    return format_field_paths(schema, documents, "uri")


FAMILY = Family(
    name="security",
    title="Security",
    about="What could run, load or hide in a visitor's browser, in the text or in a field.",
    rules=(
        Rule(
            "KB401",
            (
                "Entry text holds raw HTML (a tag, an unclosed comment or a processing instruction); Python-Markdown "
                "would publish it as written, <script> included. Closed comments are notes for editors, removed before "
                "publishing."
            ),
            fails=Example("<script>alert(1)</script>", Where.BODY),
            passes=Example("`<script>` shown as code", Where.BODY),
        ),
        Rule(
            "KB402",
            (
                "A link in the text or a web address field uses a scheme other than http:, https: or mailto: "
                "(javascript:, vbscript:, data:, file:, in any case, entity-encoded or split by spaces or control "
                "characters, inline, reference-style or as an autolink)."
            ),
            fails=Example("[x](javascript:alert(1))", Where.BODY),
            passes=Example("[x](https://example.org)", Where.BODY),
        ),
        Rule(
            "KB403",
            (
                "Entry text holds an attribute list ({: ... }), which can give any element an event handler (onclick), "
                "a style, an id or a new link target."
            ),
            fails=Example('## Title {: onclick="alert(1)" }', Where.BODY),
            passes=Example("## Title", Where.BODY),
        ),
        Rule(
            "KB404",
            (
                "Entry text holds the snippet include marker '--8<--', which pymdownx.snippets would replace with any "
                "file of the repository."
            ),
            fails=Example('--8<-- ".env"', Where.BODY),
            passes=Example("The settings are written out.", Where.BODY),
        ),
        Rule(
            "KB405",
            "An image is loaded from another site, which would learn the address of every visitor.",
            fails=Example("![logo](https://tracker.example/pixel.png)", Where.BODY),
            passes=Example("[the logo](https://tracker.example/logo.html)", Where.BODY),
        ),
        Rule(
            "KB406",
            (
                "A field, field name, id or the text holds a bidi control or zero-width character, which can make two "
                "different values look alike or reorder what is shown, or the text holds a control character."
            ),
            fails=Example('title: "Police\u200bYoungsters"', shown='title: "Police\\u200bYoungsters"'),
            passes=Example('title: "Police Youngsters"'),
        ),
        Rule(
            "KB410",
            (
                "A text field starts with = + - @, a tab or a carriage return, also after spaces or written in a "
                "full-width or other compatibility form (such as U+FF1D for =), which a spreadsheet opening the open "
                "data CSV files would run as a formula (CSV injection)."
            ),
            fails=Example('title: \'=HYPERLINK("https://evil.example", "Click")\''),
            passes=Example("title: Police Youngsters"),
        ),
        Rule(
            "KB431",
            (
                "A link or image title holds '<' once its character references are read (&lt;, &#60;); the site's "
                "tooltips show a title as HTML, where it could redirect the reader or change the page."
            ),
            fails=Example('[report](https://example.org "&lt;b&gt;")', Where.BODY),
            passes=Example('[report](https://example.org "The 2016 report")', Where.BODY),
        ),
    ),
    checks=(
        "kb.checks.body_rules.check_front_matter_security",
        "kb.checks.body_rules.check_body_security",
        "kb.checks.validation.check_ids",
    ),
)
