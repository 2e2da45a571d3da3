"""Every diagnostic code, with a name and an example, in one registry.

Codes are stable: they are printed in messages, searched for by contributors
and named by the invalid test cases. Never renumber; retire a code instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    bad: str
    good: str
    severity: str = "error"  # "warning": reported, fails only a strict build (mkdocs build --strict)


_RULES = [
    # Files and front matter (KB0xx): problems found before any field is read.
    Rule(
        "KB001",
        "not-utf8",
        "The file is not valid UTF-8 text.",
        "a file saved as Latin-1 or UTF-16",
        "save the file as UTF-8",
    ),
    Rule(
        "KB002",
        "file-too-large",
        "The file is larger than the size limit.",
        "a 2 MB practice file",
        "keep entries short; link to long documents",
    ),
    Rule(
        "KB003",
        "no-front-matter",
        "The file does not start with a '---' line.",
        "title: X (no opening ---)",
        "---\\ntitle: X\\n---",
    ),
    Rule(
        "KB004",
        "front-matter-not-closed",
        "The front matter has no closing '---' line.",
        "---\\ntitle: X\\n(body follows)",
        "---\\ntitle: X\\n---\\n(body follows)",
    ),
    Rule("KB005", "yaml-syntax", "The front matter is not valid YAML.", "title: 'unclosed", "title: 'closed'"),
    Rule(
        "KB006",
        "yaml-tag",
        "YAML tags such as !!python/object or !!str are not allowed.",
        "title: !!str 2016",
        "title: '2016'",
    ),
    Rule(
        "KB007",
        "yaml-alias",
        "YAML anchors, aliases and merge keys are not allowed.",
        "places: &p [Leicester]",
        "places: [Leicester]",
    ),
    Rule("KB008", "duplicate-key", "A key appears twice in the same mapping.", "title: A\\ntitle: B", "title: B"),
    Rule(
        "KB009",
        "front-matter-not-mapping",
        "The front matter must be a mapping of field names to values.",
        "- title",
        "title: X",
    ),
    Rule("KB010", "key-not-text", "A key must be a plain text field name.", "2016: start", "start_year: 2016"),
    Rule(
        "KB011",
        "invalid-id",
        "The file name (the entry's permanent id) is not lowercase words joined by hyphens.",
        "Neighbourhood_Managers.md",
        "neighbourhood-managers.md",
    ),
    Rule(
        "KB012",
        "duplicate-id",
        "Two entries have the same id, or ids that differ only in case or Unicode form.",
        "practices/leicester.md and workshops/leicester.md",
        "give each entry its own id",
    ),
    Rule(
        "KB013",
        "unexpected-file",
        "A file in a content folder is not an entry the site would publish.",
        "docs/practices/drafts/x.md, docs/practices/notes.txt",
        "docs/practices/x.md",
    ),
    Rule(
        "KB014",
        "yaml-too-deep",
        "The front matter nests deeper than the limit.",
        "a: {b: {c: {d: ...}}} twenty levels deep",
        "flat fields as in the schema",
    ),
    Rule(
        "KB015",
        "page-metadata-form",
        "A hand-written page holds metadata MkDocs would read differently from the validator: 'key: value' "
        "lines at the top of a page without '---' fences (MultiMarkdown metadata), or a front matter fence "
        "MkDocs does not see as one.",
        "Title: <script>...</script> (the first line of docs/about.md)",
        "---\\ntitle: About\\n---",
    ),
    Rule(
        "KB016",
        "file-type-not-allowed",
        "A file under docs/ is of a type the site does not publish: only pages (.md) and images (.png, .jpg, "
        ".jpeg, .gif, .webp) may be added. An HTML file or script would run in readers' browsers past every "
        "check, an SVG image can hold script, a style sheet can load from other hosts. The project's own "
        "style sheet and scripts in docs/assets/ are listed by name.",
        "docs/about.html, docs/assets/extra.js, docs/assets/logo.svg",
        "docs/about.md, docs/assets/logo.png",
    ),
    Rule(
        "KB017",
        "image-not-its-type",
        "An image's content is not the type its name says (read from its first bytes).",
        "docs/assets/logo.png holding HTML or SVG",
        "docs/assets/logo.png holding a PNG image",
    ),
    # Fields (KB1xx): the front matter against the entry's JSON Schema.
    Rule("KB101", "missing-field", "A required field is missing.", "(no summary:)", "summary: One or two sentences."),
    Rule("KB102", "unknown-field", "A field is not in the schema.", "contry: [DE]", "countries: [DE]"),
    Rule("KB103", "wrong-type", "A field has the wrong type of value.", "countries: DE", "countries: [DE]"),
    Rule(
        "KB104",
        "yaml-implicit-type",
        "YAML reads an unquoted value as a yes/no, number or date where text is expected.",
        "title: no",
        "title: 'no'",
    ),
    Rule(
        "KB105",
        "unknown-term",
        "A value is not in its controlled vocabulary.",
        "approaches: [youth]",
        "approaches: [youth-and-families]",
    ),
    Rule(
        "KB106", "unknown-country", "A country is not an ISO 3166-1 alpha-2 code.", "countries: [UK]", "countries: [GB]"
    ),
    Rule(
        "KB107",
        "length",
        "A text is longer or shorter than its limit.",
        "summary: (500 characters)",
        "summary: (at most 300 characters)",
    ),
    Rule(
        "KB108",
        "bad-format",
        "A web address, e-mail address, date or id is not written in the expected form.",
        "website: www.example.org",
        "website: https://www.example.org",
    ),
    Rule(
        "KB109", "list-size", "A list has too few items or repeats an item.", "sources: []", "sources: [{title: ...}]"
    ),
    Rule("KB110", "out-of-range", "A number is outside its allowed range.", "start_year: 216", "start_year: 2016"),
    Rule(
        "KB111",
        "inconsistent-dates",
        "An end comes before its start, or a status contradicts the dates.",
        "start_year: 2016\\nend_year: 2014",
        "start_year: 2014\\nend_year: 2016",
    ),
    Rule("KB112", "unknown-language", "A language is not an ISO 639-1 code.", "languages: [german]", "languages: [de]"),
    Rule(
        "KB113", "schema", "The value breaks another rule of the schema.", "contact: {}", "contact: {organisation: ...}"
    ),
    # References between entries (KB2xx).
    Rule(
        "KB201",
        "unresolved-reference",
        "A referenced entry does not exist, or is of the wrong kind.",
        "presented_at: [no-such-workshop]",
        "presented_at: [amsterdam-2016-women-and-girls]",
    ),
    Rule(
        "KB202",
        "self-reference",
        "An entry refers to itself.",
        "related: [this-practice]",
        "related: [another-practice]",
    ),
    # Bodies (KB3xx).
    Rule(
        "KB301",
        "body-h1",
        "The body has a level-1 heading; the page title comes from the front matter.",
        "# Neighbourhood Managers",
        "## What it is",
    ),
    # Security (KB4xx): what could run, load or hide in a visitor's browser.
    Rule(
        "KB401",
        "raw-html",
        "Entry text holds raw HTML (a tag, an unclosed comment or a processing instruction); Python-Markdown "
        "would publish it as written, <script> included. Closed comments are notes for editors, removed "
        "before publishing.",
        "<script>alert(1)</script>, <img src=x onerror=...>, <!-- note without its end",
        "plain Markdown, or the tag between backticks to show it as code",
    ),
    Rule(
        "KB402",
        "unsafe-link-scheme",
        "A link in the text or a web address field uses a scheme other than http:, https: or mailto: "
        "(javascript:, vbscript:, data:, file:, in any case, entity-encoded or split by spaces or control "
        "characters, inline, reference-style or as an autolink).",
        "[x](javascript:alert(1)), [x]: &#106;avascript:..., <javascript:...>, website: 'data:text/html,...'",
        "[x](https://example.org), [x](../practices/other-practice.md)",
    ),
    Rule(
        "KB403",
        "attribute-list",
        "Entry text holds an attribute list ({: ... }), which can give any element an event handler "
        "(onclick), a style, an id or a new link target.",
        '## Title {: onclick="alert(1)" }, [x](https://ok.example){: href="javascript:..." }',
        "## Title (headings get their anchor automatically)",
    ),
    Rule(
        "KB404",
        "snippet-include",
        "Entry text holds the snippet include marker '--8<--', which pymdownx.snippets would replace with "
        "any file of the repository.",
        '--8<-- ".env"',
        "write the text out",
    ),
    Rule(
        "KB405",
        "external-image",
        "An image is loaded from another site, which would learn the address of every visitor.",
        "![logo](https://tracker.example/pixel.png)",
        "![logo](../assets/logo.png), or a link to the image's page",
    ),
    Rule(
        "KB406",
        "invisible-character",
        "A field, field name, id or the text holds a bidi control or zero-width character, which can make two "
        "different values look alike or reorder what is shown, or the text holds a control character.",
        'title: "Police\\u200bYoungsters", a file named police\\u202eexe.md',
        'title: "Police Youngsters"',
    ),
    Rule(
        "KB407",
        "page-collision",
        "Two files under docs/ would be published at the same address (x.md and x/index.md, a README.md "
        "beside an index.md, names differing only in case), or a file is where the build writes a page or "
        "file of its own (docs/search.md, docs/statistics/index.md, docs/countries/, docs/data/), so one "
        "silently replaces the other or the build fails.",
        "docs/about.md and docs/about/index.md",
        "docs/about.md only",
    ),
    Rule(
        "KB408",
        "skipped-file",
        "A file under docs/ would be silently left out of the site: its name or a folder starts with a dot, "
        "or it is in docs/templates/.",
        "docs/.drafts/note.md, docs/templates/practice.md",
        "docs/notes/note.md",
    ),
    Rule(
        "KB409",
        "symbolic-link",
        "A file or folder under docs/ is a symbolic link; the build would publish whatever it points to.",
        "docs/assets/config.txt -> ../../.env",
        "a real file",
    ),
    Rule(
        "KB410",
        "formula-like-text",
        "A text field starts with = + - @, a tab or a carriage return, also after spaces or written in a "
        "full-width or other compatibility form (such as U+FF1D for =), which a spreadsheet opening the open data CSV "
        "files would run as a formula (CSV injection).",
        'title: \'=HYPERLINK("https://evil.example", "Click")\'',
        "title: Police Youngsters",
    ),
    Rule(
        "KB411",
        "not-text-character",
        "A field or field name holds a control character (U+0000 to U+001F other than tab and line break, "
        "U+007F to U+009F), or a field or the text holds a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0 to "
        "U+FDEF, ...): the feed and the other XML files cannot carry them, so feed readers would drop the whole "
        "feed.",
        'summary: "A practice\\x0cin Malmo"',
        'summary: "A practice in Malmo"',
    ),
    Rule(
        "KB412",
        "title-anchor-reserved",
        "A title's heading anchor would start with '__' (a title such as '__config'), the prefix of the "
        "theme's own element ids, which the heading would shadow.",
        "title: __config",
        "title: Configuration of local networks",
    ),
    Rule(
        "KB413",
        "toc-marker",
        "The text holds '[TOC]' outside code, which the table-of-contents extension replaces with a list of the "
        "page's headings, so the page would not show what was written.",
        "[TOC]",
        "\\[TOC\\] (shown as written)",
    ),
    Rule(
        "KB414",
        "nesting-too-deep",
        "A line of the text nests quotes ('>'), list items and indented blocks more than 40 levels deep; "
        "Python-Markdown gives up or fails on deep nesting, so the page would not be built as written.",
        "a line starting with 1,500 '>'",
        "> a quote, > > at most a few levels",
    ),
    # What a reader would not see of what was written (KB430-KB439).
    Rule(
        "KB430",
        "unclosed-code-fence",
        "A code fence (``` or ~~~) is never closed, so Python-Markdown reads everything after it as text, "
        "not code, and the page does not show what was written.",
        "```\\nnpm install (and no closing ```)",
        "```\\nnpm install\\n```",
    ),
    Rule(
        "KB431",
        "markup-in-link-title",
        "A link or image title holds '<' once its character references are read (&lt;, &#60;); the site's "
        "tooltips show a title as HTML, where it could redirect the reader or change the page.",
        '[report](https://example.org "&lt;meta http-equiv=refresh content=0;url=https://evil.example&gt;")',
        '[report](https://example.org "The 2016 report")',
    ),
    Rule(
        "KB432",
        "admonition-class",
        "An admonition names more than one known type: every word after !!! becomes a class of the block, "
        "which can hide its text from sighted readers (kb-visually-hidden) or restyle it.",
        '!!! note kb-visually-hidden "Read me"',
        '!!! note "Read me"',
    ),
    # Bounded work (KB44x): text that would keep the validator and the build busy (kb/checks/render_limits.py).
    Rule(
        "KB440",
        "unclosed-markup",
        "The text leaves brackets, link parentheses or runs of backticks open (or closes them far away): "
        "rendering searches on from each for its closer, and the searches add up to more than the limit "
        "stated under Limits.",
        "a paragraph of 2,000 '[' characters, or of '`a``a```a...'",
        "[a link](https://example.org), `code`, and \\[ for a bracket as text",
    ),
    Rule(
        "KB441",
        "dense-paragraph",
        "A paragraph (or list, table or quote) is so long and so full of markup that rendering it would take "
        "too long: its length times its markup characters, summed over the text, is over the limit stated "
        "under Limits.",
        "one paragraph of 30,000 characters of '`a` `a` `a`...'",
        "the same text in paragraphs of a few hundred characters",
    ),
    Rule(
        "KB442",
        "too-many-blocks",
        "The text has more paragraphs, lists, tables and other blocks (separated by blank lines) than the limit "
        "stated under Limits.",
        "'[a](b)' and a blank line, 30,000 times",
        "an entry of a few dozen paragraphs that links to longer documents",
    ),
    Rule(
        "KB443",
        "too-much-markup",
        "The text has more markup characters than the limit stated under Limits.",
        "20,000 links, code spans or escapes",
        "plain sentences, with links where they help",
    ),
    Rule(
        "KB444",
        "too-many-lines",
        "The text has more lines than the limit stated under Limits; it is checked further once it is within it.",
        "a body of 300,000 empty lines",
        "an entry of a few hundred lines that links to longer documents",
    ),
    # Personal data (KB5xx): what must not be published about people without consent.
    Rule(
        "KB501",
        "personal-email",
        "An e-mail address looks like a person's (two or more name-like words, such as firstname.lastname@) "
        "and no consent is recorded for it. Text is read as a reader or mail client reads it: character "
        "references, percent-encoding, full-width and other compatibility forms, (at) and (dot) are decoded "
        "first, and names in any script count.",
        "contact: {email: jan.jansen@example.org}, jürgen.müller@example.de, jan.jansen&#64;example.org, "
        "[mail](mailto:jan.jansen%40example.org)",
        "contact: {email: info@example.org}, or a personal_data_consent record for the address",
    ),
    Rule(
        "KB502",
        "phone-number",
        "A phone number is published without recorded consent: 8 to 15 digits in groups (separated by any "
        "kind of space, dash, dot, slash or parentheses, digits of any script), starting with +, 00 or 0, "
        "or after a word such as Tel or phone, or in three or more groups of 2 to 4 digits that are not a "
        "quantity, a date or a list of years.",
        "Call +31 20 123 4567, Tel. 612 345 678, 555-123-4567, +31\u200920\u2009123\u20094567 (thin spaces)",
        "link to the organisation's contact page; 1,500 participants, 12 500 000 euros, 1945-2016 pass",
    ),
    Rule(
        "KB503",
        "unused-consent",
        "Consent is recorded for an e-mail address or phone number the entry does not publish.",
        "personal_data_consent: [{value: old@example.org, ...}] with the address removed from the text",
        "remove the consent record with the address",
        severity="warning",
    ),
    Rule(
        "KB504",
        "consent-value-not-contact",
        "A consent record's value is not an e-mail address or phone number: a record names only the contact "
        "the entry shows, and the person only by their role.",
        "personal_data_consent: [{value: Jan Jansen, ...}]",
        "personal_data_consent: [{value: jan.jansen@example.org, role: coordinator, ...}]",
    ),
    # Titles (KB6xx): warnings for a reviewer to look at; they never fail a check.
    Rule(
        "KB601",
        "near-duplicate",
        "A practice's title, country and organisation closely match another practice (a warning).",
        "title: Police youngsters in Sweden (next to 'Police Youngsters', also SE, same organisation)",
        "add to the existing entry, or make the title say what differs: Police youngsters in Malmo schools",
        severity="warning",
    ),
    Rule(
        "KB602",
        "mixed-script-title",
        "A title mixes letters of different scripts, such as Latin and Cyrillic (a warning).",
        "title: P\N{CYRILLIC SMALL LETTER O}lice Youngsters (the second letter is Cyrillic)",
        "title: Police Youngsters",
        severity="warning",
    ),
    Rule(
        "KB603",
        "look-alike-characters",
        "A title has characters that look like others (full-width or mathematical letters, look-alike "
        "letters of another script) or invisible ones (a warning).",
        "title: \N{FULLWIDTH LATIN CAPITAL LETTER P}olice Youngsters (a full-width P)",
        "title: Police Youngsters",
        severity="warning",
    ),
    # Collections and permanent URLs (KB7xx).
    Rule(
        "KB701",
        "rule-matches-nothing",
        "A collection's rule matches no practice (a warning: the collection shows only its items).",
        "rule: {approaches: [policing], countries: [IS]}",
        "rule: {approaches: [policing], countries: [SE, NO]}",
        severity="warning",
    ),
    Rule(
        "KB702",
        "collection-item-repeated",
        "A collection lists the same practice twice.",
        "items: [{practice: a}, {practice: a}]",
        "items: [{practice: a}, {practice: b}]",
    ),
    Rule(
        "KB703",
        "collection-empty",
        "A collection has neither items nor a rule.",
        "(no items:, no rule:)",
        "items: [{practice: police-youngsters-sweden}]",
    ),
    Rule(
        "KB710",
        "published-path-gone",
        "A path listed in permalinks.txt was published and no page or redirect serves it any more.",
        "docs/practices/old-id.md deleted",
        "redirects.yaml: practices: {old-id: new-id}",
    ),
    Rule(
        "KB711",
        "redirect-from-live-page",
        "A redirect starts at an id that is still a page, so the redirect could never be reached.",
        "practices: {police-youngsters-sweden: ...} while docs/practices/police-youngsters-sweden.md exists",
        "remove the redirect, or the page",
    ),
    Rule(
        "KB712",
        "redirect-target-missing",
        "A redirect points at an id that is not a page of that kind.",
        "practices: {old-id: no-such-practice}",
        "practices: {old-id: police-youngsters-sweden}",
    ),
    Rule(
        "KB713",
        "permalinks-manifest",
        "permalinks.txt is missing or holds a line that is not a published path.",
        "practices/x (no trailing slash)",
        "practices/x/",
    ),
    # Citations (KB80x): the numbered markers in entry text that point to the entry's sources.
    Rule(
        "KB801",
        "marker-unresolved",
        "A marker in the text names a source the entry does not list: markers count the sources from 1, in the "
        "order of the sources field.",
        "[3] with two sources listed",
        "[2], or add the third source under sources",
    ),
    Rule(
        "KB802",
        "source-not-cited",
        "A listed source is not cited by any marker in the text (a warning). Every practice cites each of its "
        "sources; other entries do once their text uses markers.",
        "sources: [A, B] with only [1] in the text",
        "[2] where the text states what B says, or remove B",
        severity="warning",
    ),
    Rule(
        "KB803",
        "section-without-marker",
        "A section of a practice's text (a '## ' heading and what follows it, or the text before the first "
        "heading) has no marker, though the practice lists a source with a web address.",
        "## How it works\\nVolunteers visit schools.",
        "## How it works\\nVolunteers visit schools [2].",
    ),
    Rule(
        "KB804",
        "marker-malformed",
        "Square brackets hold numbers in a form that is not a marker, such as a range or a semicolon.",
        "[1-3], [1; 2], [ 1 ]",
        "[1, 2, 3]",
    ),
    Rule(
        "KB805",
        "marker-misplaced",
        "A marker stands in a heading or inside other square brackets, such as a link's text, where it cannot "
        "become a link to the source.",
        "## How it works [1], [the report [1]](https://example.org)",
        "[the report](https://example.org) [1], in the text under the heading",
    ),
    Rule(
        "KB806",
        "numbered-link-label",
        "A reference-style link is labelled with a number, which the text would read as a source marker.",
        "[the report][1] with [1]: https://example.org/report",
        "[the report][report] with [report]: https://example.org/report",
    ),
    # Vocabularies and schemas themselves (KB9xx): problems for maintainers.
    Rule(
        "KB901",
        "vocabulary",
        "A vocabulary file in schema/vocabularies/ is invalid.",
        "two terms with the same id",
        "one term per id",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
