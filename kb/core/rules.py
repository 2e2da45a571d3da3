"""Every diagnostic code: its stable number, its name and its severity, in one table.

Codes are stable: they are printed in messages, searched for by contributors
and named by the invalid test cases. Never renumber; retire a code instead.

This is a code's identity only, which every stage needs to report it. What a
rule means, its examples and the check that raises it are declared by its
family in ``kb.checks`` and collected by ``kb.checks.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"  # reported, fails only a strict build (mkdocs build --strict)


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: str = ERROR


CODES: dict[str, Code] = {
    code.code: code
    for code in (
        Code("KB001", "not-utf8"),
        Code("KB002", "file-too-large"),
        Code("KB003", "no-front-matter"),
        Code("KB004", "front-matter-not-closed"),
        Code("KB005", "yaml-syntax"),
        Code("KB006", "yaml-tag"),
        Code("KB007", "yaml-alias"),
        Code("KB008", "duplicate-key"),
        Code("KB009", "front-matter-not-mapping"),
        Code("KB010", "key-not-text"),
        Code("KB011", "invalid-id"),
        Code("KB012", "duplicate-id"),
        Code("KB013", "unexpected-file"),
        Code("KB014", "yaml-too-deep"),
        Code("KB015", "page-metadata-form"),
        Code("KB016", "file-type-not-allowed"),
        Code("KB017", "image-not-its-type"),
        Code("KB101", "missing-field"),
        Code("KB102", "unknown-field"),
        Code("KB103", "wrong-type"),
        Code("KB104", "yaml-implicit-type"),
        Code("KB105", "unknown-term"),
        Code("KB106", "unknown-country"),
        Code("KB107", "length"),
        Code("KB108", "bad-format"),
        Code("KB109", "list-size"),
        Code("KB110", "out-of-range"),
        Code("KB111", "inconsistent-dates"),
        Code("KB112", "unknown-language"),
        Code("KB113", "schema"),
        Code("KB201", "unresolved-reference"),
        Code("KB202", "self-reference"),
        Code("KB301", "body-h1"),
        Code("KB401", "raw-html"),
        Code("KB402", "unsafe-link-scheme"),
        Code("KB403", "attribute-list"),
        Code("KB404", "snippet-include"),
        Code("KB405", "external-image"),
        Code("KB406", "invisible-character"),
        Code("KB407", "page-collision"),
        Code("KB408", "skipped-file"),
        Code("KB409", "symbolic-link"),
        Code("KB410", "formula-like-text"),
        Code("KB411", "not-text-character"),
        Code("KB412", "title-anchor-reserved"),
        Code("KB413", "toc-marker"),
        Code("KB414", "nesting-too-deep"),
        Code("KB430", "unclosed-code-fence"),
        Code("KB431", "markup-in-link-title"),
        Code("KB432", "admonition-class"),
        Code("KB440", "unclosed-markup"),
        Code("KB441", "dense-paragraph"),
        Code("KB442", "too-many-blocks"),
        Code("KB443", "too-much-markup"),
        Code("KB444", "too-many-lines"),
        Code("KB501", "personal-email"),
        Code("KB502", "phone-number"),
        Code("KB503", "unused-consent", WARNING),
        Code("KB504", "consent-value-not-contact"),
        Code("KB601", "near-duplicate", WARNING),
        Code("KB602", "mixed-script-title", WARNING),
        Code("KB603", "look-alike-characters", WARNING),
        Code("KB701", "rule-matches-nothing", WARNING),
        Code("KB702", "collection-item-repeated"),
        Code("KB703", "collection-empty"),
        Code("KB710", "published-path-gone"),
        Code("KB711", "redirect-from-live-page"),
        Code("KB712", "redirect-target-missing"),
        Code("KB713", "permalinks-manifest"),
        Code("KB801", "marker-unresolved"),
        Code("KB802", "source-not-cited", WARNING),
        Code("KB803", "section-without-marker"),
        Code("KB804", "marker-malformed"),
        Code("KB805", "marker-misplaced"),
        Code("KB806", "numbered-link-label"),
        Code("KB820", "translation-without-original"),
        Code("KB821", "translation-language"),
        Code("KB822", "translation-marker-missing"),
        Code("KB823", "translation-marker-extra"),
        Code("KB824", "translator-not-named"),
        Code("KB825", "text-not-translated"),
        Code("KB901", "vocabulary"),
        Code("KB902", "vocabulary-translation"),
        Code("KB950", "strings-catalogue"),
        Code("KB951", "string-missing"),
        Code("KB952", "string-unknown"),
        Code("KB953", "string-placeholders"),
    )
}
