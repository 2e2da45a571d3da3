"""Personal data however it is written: e-mail addresses and phone numbers in any text (KB501, KB502).

Text is read first as a reader, a browser or a mail client would read it:

- character references decoded (``&#64;`` is ``@``, ``&period;`` is ``.``);
- percent-encoding decoded (``mailto:jan%40example.org``), as UTF-8 or else Latin-1;
- compatibility forms folded (NFKD: a full-width at sign or digit is ``@`` or 0-9),
  combining marks and invisible format characters (soft hyphens, joiners) dropped,
  every Unicode space read as a space, every dash as ``-``, every decimal digit as 0-9;
- ``(at)``, ``[at]``, ``(dot)`` and the like read as ``@`` and ``.``.

Each character of the decoded text remembers where it was written, so a
finding is reported at its place in the source. The decoding costs nothing
for plain ASCII text without ``&`` or ``%``, and every pattern reads the text
once (see ``kb.checks.render_limits`` on bounded work).

What counts as a phone number (``is_phone_number``): 8 to 15 digits in groups
separated by single spaces, dashes, dots, slashes or parentheses, which

1. start with an international or trunk prefix (``+``, ``00``, ``0`` then a
   digit, ``(0``), unless they are a date; or
2. follow a word that announces one (``tel``, ``phone``, ``mobile``, ``fax``,
   ``call`` ...); or
3. are three or more groups of 2 to 4 digits (the first 1 to 4), unless written
   as a quantity (groups of three after the first, ``12 500 000``), a date
   (``2016-02-01``), a list of years (``2014 2015 2016``), a time range
   (``10.00-17.00``) or with a slash (``10.1000/182``).

A run of groups holds a phone number when any stretch of it is one by rule 3,
or, for a run longer than a phone number, a stretch from a group with a trunk
prefix: digits added around a number do not hide it.

Not phone numbers, so never refused: years and ranges (``1945-2016``),
statistics (``1,500 participants``, ``12 500 000 euros``), decimals, and
numbers inside web addresses and ids (after ``/``, ``=``, ``#``, ``?``, ``&``,
``%``, ``@`` or a letter). A number written as one run of digits with no
prefix and no announcing word (``612345678``) is not recognised either.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kb.checks.family import Example, Family, Rule, Where, example_consent
from kb.content.loading import JsonPath, LoadedFile
from kb.core.diagnostics import Diagnostic

CONSENT_FIELD = "personal_data_consent"
MIN_PHONE_DIGITS = 8
MAX_PHONE_DIGITS = 15
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
# Words that announce a phone number just before it, in the languages of the entries.
PHONE_WORDS = (  # read after decoding, so without accents: "téléphone" is "telephone"
    "tel",
    "telefon",
    "telephone",
    "telefoon",
    "telefono",
    "phone",
    "mobile",
    "mobil",
    "mob",
    "cell",
    "gsm",
    "fax",
    "call",
    "ring",
    "whatsapp",
    "signal",
    "\u260e",  # telephone sign
    "\U0001f4de",  # telephone receiver
)

# The same character reference syntax html.unescape reads (its own pattern).
_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_SPELLED_OUT = re.compile(r" ?[(\[{<] ?(at|dot) ?[)\]}>] ?", re.IGNORECASE)
# What any spelled-out '@' or '.' holds after its opening bracket (see _may_spell_out).
_SPELLED_AFTER_OPENER = re.compile(r"[(\[{<] ?(?:at|dot)", re.IGNORECASE)
# A local part starts where a run of its characters starts, so that each run is read once.
_EMAIL = re.compile(r"(?<![\w.%+-])([\w.%+-]+)@((?:[\w-]+\.)+[^\W\d_]{2,})")
# Digit groups joined by single separators. A number starts only where a run of
# digits does (not inside a word, an address or a decimal number), so each is read once.
_NUMBER = re.compile(r"(?<![\w+/=#?&%@])(?<!\w-)(?<!\d\.)(?:\+ ?)?\(?\d+(?:(?: ?\( ?| ?\) ?|[ \t.\-/])\d+)*\)?")
_DIGITS = re.compile(r"\d+")
# What any phone number holds: eight digits, at most three characters apart. A
# quick search for it spares most texts the look at each of their numbers.
# It starts with [0-9], which the search skips to in C, where \d is tried at every position; decoded text
# holds no other digit (decode folds every decimal digit to ASCII).
_EIGHT_DIGITS = re.compile(r"[0-9](?:\D{0,3}\d){7}")
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_PHONE_WORD = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(word) for word in PHONE_WORDS)
    + r")\.?[ :.]*(?:(?:no|nr|number|nummer)\.?[ :]*)?$",
    re.IGNORECASE,
)
_WORD_BEFORE = 24  # how far before a number its announcing word is looked for


_Replace = Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Decoded:
    """Text as read, with the offset in the source of each character (and one past the end)."""

    text: str
    origins: list[int] | None  # None: each character is where it was written

    def origin(self, index: int) -> int:
        return index if self.origins is None else self.origins[index]


def decode(source: str) -> Decoded:
    """The text as a reader or mail client reads it (see the module's docstring)."""
    text, origins = source, None
    if "&" in text:
        text, origins = _substitute(_REFERENCE, lambda m: html.unescape(m.group()), text, origins)
    if "%" in text:
        text, origins = _substitute(_PERCENT, _percent_decoded, text, origins)
    if not text.isascii():
        text, origins = _substitute(_NOT_ASCII, lambda m: "".join(map(_fold, m.group())), text, origins, each=True)
    if _may_spell_out(text):
        text, origins = _substitute(_SPELLED_OUT, _spelled_out, text, origins)
    return Decoded(text, origins)


def _may_spell_out(text: str) -> bool:
    """Whether an opening bracket is followed by 'at' or 'dot', as in every spelled-out '@' or '.'.

    Each bracket is found with str.find, far faster than a pattern searched for at every position
    of the text (_SPELLED_OUT may start with a space); a text has few brackets.
    """
    for opener in "([{<":
        position = text.find(opener)
        while position >= 0:
            if _SPELLED_AFTER_OPENER.match(text, position):
                return True
            position = text.find(opener, position + 1)
    return False


def _substitute(
    pattern: re.Pattern[str],
    replace: _Replace,
    text: str,
    origins: list[int] | None,
    *,
    each: bool = False,
) -> tuple[str, list[int] | None]:
    """``pattern.sub(replace, text)``, with the origins carried along.

    A replacement's characters all come from where its match starts, or with
    ``each``, each character's replacement from where that character was.
    """
    if pattern.search(text) is None:
        return text, origins  # most texts have nothing to decode: no offsets to carry
    given = origins
    if origins is None:
        origins = list(range(len(text) + 1))
    parts: list[str] = []
    mapped: list[int] = []
    previous = 0
    changed = False
    for match in pattern.finditer(text):
        start, end = match.span()
        parts.append(text[previous:start])
        mapped += origins[previous:start]
        if each:
            for offset, char in enumerate(match.group()):
                folded = _fold(char)
                parts.append(folded)
                mapped += [origins[start + offset]] * len(folded)
                changed = changed or folded != char
        else:
            replacement = replace(match)
            parts.append(replacement)
            mapped += [origins[start]] * len(replacement)
            changed = changed or replacement != match.group()
        previous = end
    if not changed:
        return text, given
    parts.append(text[previous:])
    mapped += origins[previous:]
    return "".join(parts), mapped


def _percent_decoded(match: re.Match[str]) -> str:
    data = bytes.fromhex(match.group().replace("%", ""))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _spelled_out(match: re.Match[str]) -> str:
    return "@" if match.group(1).lower() == "at" else "."


@functools.cache
def _fold(char: str) -> str:
    """One character as read: compatibility forms, spaces, dashes and digits folded, marks dropped."""
    folded = []
    for part in unicodedata.normalize("NFKD", char):
        category = unicodedata.category(part)
        if category == "Zs" or part == "\t":
            folded.append(" ")
        elif category in ("Zl", "Zp"):
            folded.append("\n")
        elif category == "Pd" or part == "\u2212":  # dashes, and the minus sign
            folded.append("-")
        elif category in ("Mn", "Mc", "Me", "Cf"):
            continue  # combining marks and invisible format characters
        elif unicodedata.decimal(part, None) is not None:
            folded.append(str(unicodedata.decimal(part)))
        else:
            folded.append(part)
    return "".join(folded)


def personal_email(local_part: str) -> bool:
    """True when an address's local part looks like a person's name (jan.jansen@)."""
    words = [w for w in re.split(r"[._%+-]", local_part.lower()) if w]
    alphabetic = [w for w in words if w.isalpha()]
    return len(alphabetic) >= 2 and not any(w in FUNCTIONAL_MAILBOX_WORDS for w in words)


def is_phone_number(number: str, before: str = "") -> bool:
    """Whether a run of digit groups (as decoded) is a phone number; ``before`` is the text just before it."""
    groups = _DIGITS.findall(number)
    digits = sum(map(len, groups))
    if not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        return False
    bare = number.lstrip("(")
    if number.startswith("+") or number.startswith("(0") or (bare[:1] == "0" and bare[1:2].isdigit()):
        return not _DAY_MONTH_YEAR.fullmatch(number)
    if _PHONE_WORD.search(before[-_WORD_BEFORE:]):
        return True
    return _shaped(groups, _DIGITS.split(number)[1:-1])


def _shaped(groups: list[str], separators: list[str]) -> bool:
    """Three or more groups of 2 to 4 digits (the first 1 to 4), not a quantity, date, list of years or time.

    ``separators`` are what stands between the groups, one fewer than them.
    """
    if len(groups) < 3 or len(groups[0]) > 4 or any(not 2 <= len(g) <= 4 for g in groups[1:]):
        return False
    if any("/" in separator for separator in separators):
        return False  # 10.1000/182, 2016/123/456: references and ids
    if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and len(set(separators)) == 1:
        return False  # 12 500 000, 1.234.567: a quantity
    if _date(groups[:3]) and (len(groups) == 3 or separators[0] == separators[1] in ("-", ".")):
        return False  # 2016-02-01, 01.02.2016, and a date then a number: 2016-02-01 12
    if all(map(_year, groups)):
        return False  # 2014 2015 2016
    time_range = len(groups) == 4 and separators[1] == "-" and {separators[0], separators[2]} <= {".", ":"}
    return not time_range  # 10.00-17.00


def _date(groups: list[str]) -> bool:
    """2016-02-01, or 01.02.2016: a year of four digits first or last.

    A year then two groups of two is written as a date even when it is not one
    (2026-13-45): that is for the date rule to say (KB108), not this one.
    """
    first, second, third = (int(g) for g in groups)
    year_first = len(groups[0]) == 4 and (
        (1 <= second <= 12 and 1 <= third <= 31) or (_year(groups[0]) and len(groups[1]) == len(groups[2]) == 2)
    )
    year_last = len(groups[2]) == 4 and 1 <= first <= 31 and 1 <= second <= 12
    return year_first or year_last


@dataclass(frozen=True)
class Finding:
    """A personal-looking e-mail address or phone number: where it is written, and what it reads as."""

    offset: int  # 0-based, in the source text
    code: str  # KB501 or KB502
    written: str  # as in the source
    read_as: str  # as decoded

    @property
    def key(self) -> str:
        """The value compared with consent records (``contact_key``)."""
        return _key(self.read_as)


def contact_key(value: str) -> str:
    """How a published value and a consent record's value are compared: as read, an address in lower
    case, a number as its digits and '+'."""
    return _key(decode(value.strip()).text)


def _key(read: str) -> str:
    if "@" in read:
        return read.strip().casefold()
    return re.sub(r"[^\d+]", "", read)


def find_personal_data(source: str) -> Iterator[Finding]:
    """Each personal-looking e-mail address and phone number in a text, in order of where it stands."""
    decoded = decode(source)
    text = decoded.text
    found: list[tuple[int, int, str]] = []
    if "@" in text:
        for match in _EMAIL.finditer(text):
            if personal_email(match.group(1)):
                found.append((match.start(), match.end(), "KB501"))
    for match in _NUMBER.finditer(text) if _EIGHT_DIGITS.search(text) else ():
        number, start = match.group(), match.start()
        if number.endswith(")") and "(" not in number:
            number = number[:-1]
        if _phone_in(number, text[max(0, start - _WORD_BEFORE) : start]):
            found.append((start, start + len(number), "KB502"))
    for start, end, code in sorted(found):
        first, last = decoded.origin(start), decoded.origin(end)
        yield Finding(first, code, source[first:last].strip(), text[start:end])


def _phone_in(number: str, before: str) -> bool:
    """Whether a run of digit groups is, or holds, a phone number.

    A phone number may be written with more digits around it (two numbers
    side by side, a digit added to break the shape): beyond the whole run, a
    stretch from a group with a trunk prefix, and any stretch of groups with
    the shape of rule 3, count too. Each is found in one pass over the groups.
    """
    spans = [match.span() for match in _DIGITS.finditer(number)]
    lengths = [end - start for start, end in spans]
    if sum(lengths) <= MAX_PHONE_DIGITS:
        if is_phone_number(number, before):
            return True
    else:
        last = _fitting(lengths, 0)
        if is_phone_number(number[: spans[last - 1][1]], before):
            return True  # the start of the run, with its '+' and announcing word
        last = 0
        digits = 0
        for first, (start, _) in enumerate(spans):  # a window of whole groups, at most 15 digits
            while last < len(spans) and digits + lengths[last] <= MAX_PHONE_DIGITS:
                digits += lengths[last]
                last += 1
            trunk = number[start] == "0" and lengths[first] >= 2
            if trunk and digits >= MIN_PHONE_DIGITS:
                return True
            digits -= lengths[first] if last > first else 0
            last = max(last, first + 1)
    return _shaped_stretch(number, spans, lengths)


def _fitting(lengths: list[int], first: int) -> int:
    """The index after the last group that keeps the stretch from ``first`` within the digits of a phone number."""
    digits, last = 0, first
    while last < len(lengths) and digits + lengths[last] <= MAX_PHONE_DIGITS:
        digits += lengths[last]
        last += 1
    return max(last, first + 1)


def _shaped_stretch(number: str, spans: list[tuple[int, int]], lengths: list[int]) -> bool:
    """Whether some stretch of three or more groups inside the run has the shape of rule 3.

    Only groups of 2 to 4 digits continue a stretch, and a stretch holds at most
    15 digits, so each group starts at most a few stretches; what rules a
    stretch out (a quantity, a list of years, a slash) is carried along as it grows.
    """
    groups = [number[start:end] for start, end in spans]
    separators = [number[spans[k][1] : spans[k + 1][0]] for k in range(len(spans) - 1)]
    for first in range(len(spans) - 2):
        if lengths[first] > 4 or lengths[first + 1] < 2:
            continue
        digits = lengths[first]
        quantity = lengths[first] <= 3
        years = _year(groups[first])
        date = _date(groups[first : first + 3])
        for last in range(first + 1, len(spans)):
            separator = separators[last - 1]
            if not 2 <= lengths[last] <= 4 or digits + lengths[last] > MAX_PHONE_DIGITS or "/" in separator:
                break
            digits += lengths[last]
            quantity = quantity and lengths[last] == 3 and separator == separators[first]
            years = years and _year(groups[last])
            if last - first < 2 or digits < MIN_PHONE_DIGITS or quantity or years:
                continue
            if date and (last - first == 2 or separators[first] == separators[first + 1] in ("-", ".")):
                continue
            if last - first == 3 and separators[first + 1] == "-" and {separators[first], separator} <= {".", ":"}:
                continue  # a time range
            return True
    return False


def _year(group: str) -> bool:
    return len(group) == 4 and 1800 <= int(group) <= 2099


# Consent records ---------------------------------------------------------------
# A record says who consented (a role, never a name), to which value, when, and
# where the editors keep the evidence (a reference into their archive). It stays
# in the source file: the site and its open data publish only that consent was
# recorded (kb.model.knowledge_base). It is checked as other text is, but for its value.


def is_consent_value(path: JsonPath) -> bool:
    """Whether a front-matter path is the value a consent record consents to."""
    return len(path) == 3 and path[0] == CONSENT_FIELD and path[2] == "value"


def consented_values(data: Any) -> frozenset[str]:
    """The values consented to, compared as ``contact_key`` compares them."""
    records = data.get(CONSENT_FIELD) if isinstance(data, dict) else None
    if not isinstance(records, list):
        return frozenset()
    return frozenset(
        contact_key(r["value"]) for r in records if isinstance(r, dict) and isinstance(r.get("value"), str)
    )


def check_consent_records(loaded: LoadedFile, used: set[str]) -> list[Diagnostic]:
    """KB504 for a record whose value is no contact, KB503 (a warning) for one the entry does not publish.

    ``used`` holds the consented values found in the front matter; the body is read here.
    """
    records = loaded.data.get(CONSENT_FIELD) if loaded.data is not None else None
    if not isinstance(records, list):
        return []
    published = used | {finding.key for finding in find_personal_data(loaded.body)}
    problems = []
    for index, record in enumerate(records):
        value = record.get("value") if isinstance(record, dict) else None
        if not isinstance(value, str):
            continue  # the schema check reports it
        where = loaded.locate((CONSENT_FIELD, index, "value"))
        read = decode(value.strip()).text
        if not _EMAIL.fullmatch(read) and not _NUMBER.fullmatch(read):
            problems.append(
                Diagnostic(
                    loaded.path,
                    where.line,
                    where.column,
                    "KB504",
                    f"{CONSENT_FIELD}[{index}].value: '{value}' is not an e-mail address or phone number; a consent "
                    "record names the one address or number the entry shows, exactly as shown, and nothing else "
                    "about the person",
                )
            )
        elif contact_key(value) not in published:
            problems.append(
                Diagnostic(
                    loaded.path,
                    where.line,
                    where.column,
                    "KB503",
                    f"consent is recorded for '{value}' but the entry does not publish it; "
                    "remove the record (consent is kept only for what is shown)",
                )
            )
    return problems


FAMILY = Family(
    name="personal-data",
    title="Personal data",
    about="What must not be published about people without their recorded consent.",
    rules=(
        Rule(
            "KB501",
            (
                "An e-mail address looks like a person's (two or more name-like words, such as firstname.lastname@) "
                "and no consent is recorded for it. Text is read as a reader or mail client reads it: character "
                "references, percent-encoding, full-width and other compatibility forms, (at) and (dot) are decoded "
                "first, and names in any script count."
            ),
            fails=Example("contact: {organisation: ran-local, email: jan.jansen@example.org}"),
            passes=Example("contact: {organisation: ran-local, email: info@example.org}"),
        ),
        Rule(
            "KB502",
            (
                "A phone number is published without recorded consent: 8 to 15 digits in groups (separated by any kind "
                "of space, dash, dot, slash or parentheses, digits of any script), starting with +, 00 or 0, or after "
                "a word such as Tel or phone, or in three or more groups of 2 to 4 digits that are not a quantity, a "
                "date or a list of years."
            ),
            fails=Example("Call +31 20 123 4567.", Where.BODY),
            passes=Example("1,500 participants, 12 500 000 euros, 1945-2016.", Where.BODY),
        ),
        Rule(
            "KB503",
            "Consent is recorded for an e-mail address or phone number the entry does not publish.",
            fails=Example(example_consent("old@example.org")),
            passes=Example("contact: {organisation: ran-local, email: info@example.org}"),
        ),
        Rule(
            "KB504",
            (
                "A consent record's value is not an e-mail address or phone number: a record names only the contact "
                "the entry shows, and the person only by their role."
            ),
            fails=Example(example_consent("Jan Jansen")),
            passes=Example(
                "contact: {organisation: ran-local, email: jan.jansen@example.org}\n"
                + example_consent("jan.jansen@example.org")
            ),
        ),
    ),
    checks=(
        "kb.checks.body_rules.check_front_matter_security",
        "kb.checks.body_rules.check_body_security",
        "kb.checks.personal_data.check_consent_records",
    ),
)
