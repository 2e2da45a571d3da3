"""Personal data however it is written: what is an e-mail address or phone number, both ways."""

from __future__ import annotations

import pytest

from kb.checks.personal_data import contact_key, decode, find_personal_data, is_phone_number

# Each is a person's contact, written to slip past a plain pattern.
PERSONAL = [
    ("plain address", "jan.jansen@example.org", "KB501"),
    ("non-ASCII local part", "jürgen.müller@example.de", "KB501"),
    ("Greek local part", "γιάννης.παπαδόπουλος@example.gr", "KB501"),
    ("decomposed accents", "ju\u0308rgen.mu\u0308ller@example.de", "KB501"),
    ("decimal reference for @", "jan.jansen&#64;example.org", "KB501"),
    ("hex reference for @", "jan.jansen&#x40;example.org", "KB501"),
    ("named references", "jan&period;jansen&commat;example&period;org", "KB501"),
    ("percent-encoded @ in mailto", "mailto:jan.jansen%40example.org", "KB501"),
    ("percent-encoded UTF-8 local part", "mailto:j%C3%BCrgen.m%C3%BCller%40example.de", "KB501"),
    ("reference to a percent escape", "jan.jansen&#37;40example.org", "KB501"),
    ("full-width @", "jan.jansen\uff20example.org", "KB501"),
    ("small @", "jan.jansen\ufe6bexample.org", "KB501"),
    ("soft hyphen in the local part", "jan\u00ad.jansen@example.org", "KB501"),
    ("local part starting with a dash", "-jan.jansen@example.org", "KB501"),
    ("spelled-out at", "jan.jansen (at) example.org", "KB501"),
    ("spelled-out at and dot", "jan.jansen [at] example [dot] org", "KB501"),
    ("international prefix", "+31 20 123 4567", "KB502"),
    ("trunk prefix", "020 123 4567", "KB502"),
    ("in parentheses", "(020) 123 4567", "KB502"),
    ("no separators", "0612345678", "KB502"),
    ("thin spaces", "+31\u200920\u2009123\u20094567", "KB502"),
    ("no-break spaces", "+31\u00a020\u00a0123\u00a04567", "KB502"),
    ("narrow no-break spaces", "020\u202f123\u202f4567", "KB502"),
    ("U+2010 hyphens", "020\u2010123\u20104567", "KB502"),
    ("U+2011 non-breaking hyphens", "020\u2011123\u20114567", "KB502"),
    ("en dashes", "020\u2013123\u20134567", "KB502"),
    ("minus signs", "020\u2212123\u22124567", "KB502"),
    ("full-width digits", "\uff10\uff12\uff10 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17", "KB502"),
    ("Arabic-Indic digits", "\u0660\u0662\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667", "KB502"),
    ("full-width plus", "\uff0b31 20 123 4567", "KB502"),
    ("references for the digits", "&#48;20 123 4567", "KB502"),
    ("no prefix, groups 2-3-4", "20 123 4567", "KB502"),
    ("no prefix, groups 3-3-4", "555-123-4567", "KB502"),
    ("no prefix, groups of two", "22 33 44 55", "KB502"),
    ("no prefix, parentheses", "(555) 123-4567", "KB502"),
    ("no prefix, announced", "Tel. 612 345 678", "KB502"),
    ("no prefix, announced in another language", "Téléphone : 612345678", "KB502"),
    ("announced by a symbol", "\u260e 612 345 678", "KB502"),
    ("two numbers side by side", "020 123 4567 020 765 4321", "KB502"),
    ("a digit added to break the shape", "20 123 4567 1", "KB502"),
    ("a digit put before it", "1 20 123 4567", "KB502"),
]

# Not a person's contact: must never be refused.
NOT_PERSONAL = [
    ("functional mailbox", "info@example.org"),
    ("functional mailbox of two words", "press-office@example.org"),
    ("one-word local part", "jan@example.org"),
    ("statistics with a thousands comma", "1,500 participants"),
    ("quantity with spaces", "12 500 000 euros"),
    ("quantity with dots", "1.234.567 visitors"),
    ("quantity with thin spaces", "12\u2009500\u2009000 euros"),
    ("year", "since 2016"),
    ("range of years", "1945-2016"),
    ("range of years with an en dash", "1945\u20132016"),
    ("list of years", "in 2014 2015 2016"),
    ("ISO date", "2016-02-01"),
    ("ISO date that does not exist", "2026-13-45"),
    ("day-first date", "01.02.2016"),
    ("day-first date with slashes", "01/02/2016"),
    ("time range", "10.00-17.00"),
    ("decimal", "3.14159265"),
    ("decimal below one", "0.12345678"),
    ("ISBN", "ISBN 978-3-16-148410-0"),
    ("DOI", "doi:10.1000/182"),
    ("number in a web address", "https://example.org/doc/0123456789"),
    ("number in a query", "https://example.org/?id=0123456789"),
    ("number in an id", "case-0123456789"),
    ("pages", "pages 123-145"),
    ("money", "EUR 2,500,000"),
    ("short number", "call 112"),
    ("quantity after a word that is not a phone word", "hotel 1234 5678"),
    ("thousands-shaped, not announced", "612 345 678 people"),
    ("a date then a number", "2016-02-01 12"),
    ("a billion", "1 200 000 000"),
]


@pytest.mark.parametrize(("name", "text", "code"), PERSONAL, ids=[p[0] for p in PERSONAL])
def test_personal_data_is_found_however_it_is_written(name: str, text: str, code: str) -> None:
    found = list(find_personal_data(f"Contact: {text}."))
    assert [f.code for f in found] == [code], found


@pytest.mark.parametrize(("name", "text"), NOT_PERSONAL, ids=[n[0] for n in NOT_PERSONAL])
def test_what_is_not_personal_data_passes(name: str, text: str) -> None:
    assert list(find_personal_data(f"We count {text} in the report.")) == []


def test_a_finding_is_located_where_it_is_written_and_says_what_it_reads_as() -> None:
    text = "Write to j&uuml;rgen.m&uuml;ller&#64;example.de today"
    (finding,) = find_personal_data(text)
    assert finding.offset == text.index("j&uuml;")
    assert finding.written == "j&uuml;rgen.m&uuml;ller&#64;example.de"
    assert finding.read_as == "jurgen.muller@example.de"


def test_decoding_remembers_where_each_character_was_written() -> None:
    decoded = decode("a&#64;b%40c\uff10d")
    assert decoded.text == "a@b@c0d"
    assert [decoded.origin(i) for i in range(len(decoded.text) + 1)] == [0, 1, 6, 7, 10, 11, 12, 13]


def test_plain_ascii_is_not_copied() -> None:
    assert decode("plain text").origins is None


def test_consent_matches_the_value_however_either_is_written() -> None:
    assert contact_key("jan.jansen&#64;example.org") == contact_key("Jan.Jansen@example.org")
    assert contact_key("+31\u200920\u2009123\u20094567") == contact_key("+31 20 123 4567")
    assert contact_key("jürgen.müller@example.de") == contact_key("ju\u0308rgen.mu\u0308ller@example.de")


@pytest.mark.parametrize(
    ("number", "before", "phone"),
    [
        ("612 345 678", "", False),
        ("612 345 678", "Tel. ", True),
        ("612 345 678", "Phone: ", True),
        ("612 345 678", "mobile nr. ", True),
        ("612 345 678", "Hotel ", False),
        ("2014 2015 2016", "Call for proposals in ", False),
        ("20 123 4567", "", True),
        ("20/123/4567", "", False),
    ],
)
def test_what_a_phone_number_looks_like(number: str, before: str, phone: bool) -> None:
    assert is_phone_number(number, before) is phone
