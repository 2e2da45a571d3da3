"""Rules on the blocks of an entry's text: Markdown that would hide or drop what the contributor wrote.

- KB430: a code fence never closed. Python-Markdown then reads the rest of
  the text as text, not code, and the page shows something other than what
  was meant (the section logic once dropped everything after it).
- KB432: an admonition's "type" that is more than one known type. Python-
  Markdown makes every word after ``!!!`` a class of the block, so
  ``!!! note kb-visually-hidden`` hides its text from sighted readers, and
  any other class of the site's stylesheet can restyle it.
"""

from __future__ import annotations

import re

from kb.checks.family import Example, Family, Rule, Where
from kb.content.loading import LoadedFile
from kb.core.diagnostics import Diagnostic
from kb.core.markdown import ADMONITION_TYPES, find_fences, mask_comments

# Python-Markdown's own pattern (markdown.extensions.admonition), for one line at any indentation:
# an admonition nested in a list or another admonition is read after its indentation is removed.
_ADMONITION = re.compile(r"^[ \t]*!!! ?(?P<classes>[\w\-]+(?: +[\w\-]+)*)(?: +\"(?:.*?)\")? *$")


def check_blocks(loaded: LoadedFile) -> list[Diagnostic]:
    """KB430 and KB432 problems in the body, each at its line and column."""
    if "```" not in loaded.body and "~~~" not in loaded.body and "!!!" not in loaded.body:
        return []  # the common case, decided by three scans
    raw = loaded.body.split("\n")
    fences = find_fences(raw)
    problems = []
    reported: set[str] = set()
    for index in fences.unclosed:
        fence = raw[index].strip()
        if fence[0] in reported and not fence.strip(fence[0]):
            continue  # a bare fence after one never closed: most likely its closing line, too short
        reported.add(fence[0])
        problems.append(
            Diagnostic(
                loaded.path,
                loaded.body_line + index,
                len(raw[index]) - len(raw[index].lstrip()) + 1,
                "KB430",
                f"the code fence '{fence[:20]}' is never closed, so everything after it would be read as text, "
                f"not code; close it with a line of the same {_fence_name(fence)}",
            )
        )
    if "!!!" not in loaded.body:
        return problems
    for index, (text, code) in enumerate(zip(mask_comments(loaded.body).split("\n"), fences.code, strict=True)):
        match = None if code else _ADMONITION.match(text)
        if match is None:
            continue
        words = match["classes"].lower().split()
        if len(words) == 1 and words[0] in ADMONITION_TYPES:
            continue
        problems.append(
            Diagnostic(
                loaded.path,
                loaded.body_line + index,
                match.start("classes") + 1,
                "KB432",
                f"admonition type '{match['classes']}' "
                + (
                    f"is {len(words)} words, and every word becomes a class of the block, which can hide or "
                    "restyle its text; "
                    if len(words) > 1
                    else "is not a type the site shows; "
                )
                + "write one of "
                + ", ".join(sorted(ADMONITION_TYPES))
                + ', then the title in quotes if you want one (!!! note "Title")',
            )
        )
    return problems


def _fence_name(fence: str) -> str:
    char = fence[0]
    length = len(fence) - len(fence.lstrip(char))
    return f"{length} {'backticks' if char == '`' else 'tildes'} ({char * length}) or more"


FAMILY = Family(
    name="blocks",
    title="Blocks of the text",
    about="Headings, code fences and admonitions that the page would not show as written.",
    rules=(
        Rule(
            "KB301",
            "The body has a level-1 heading; the page title comes from the front matter.",
            fails=Example("# Neighbourhood Managers", Where.BODY),
            passes=Example("## What it is", Where.BODY),
        ),
        Rule(
            "KB430",
            (
                "A code fence (``` or ~~~) is never closed, so Python-Markdown reads everything after it as text, not "
                "code, and the page does not show what was written."
            ),
            fails=Example("```\nnpm install", Where.BODY, shown="```\\nnpm install (and no closing ```)"),
            passes=Example("```\nnpm install\n```", Where.BODY),
        ),
        Rule(
            "KB432",
            (
                "An admonition names more than one known type: every word after !!! becomes a class of the block, "
                "which can hide its text from sighted readers (kb-visually-hidden) or restyle it."
            ),
            fails=Example(
                '!!! note kb-visually-hidden "Read me"\n    Hidden.',
                Where.BODY,
                shown='!!! note kb-visually-hidden "Read me"',
            ),
            passes=Example('!!! note "Read me"\n    Shown.', Where.BODY, shown='!!! note "Read me"'),
        ),
    ),
    checks=(
        "kb.checks.block_rules.check_blocks",
        "kb.checks.validation.check_body",
    ),
)
