#!/usr/bin/env python3
"""Count HTML tags written inside Python string literals under ``kb/``.

Markup belongs in the Jinja templates under ``kb/render/templates/``; this
counts what is still written by hand in Python. A string token (including
each literal part of an f-string) counts once per tag it contains, such as
``<p``, ``<a href=``, ``</div>``. Docstrings and comments are not counted:
they describe markup, they do not write it.

    python scripts/count_html_strings.py            # total, then per file
    python scripts/count_html_strings.py --total    # the total only
    python scripts/count_html_strings.py kb/render  # another folder

Run it on an older commit with ``git stash``/``git worktree`` to compare.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# An opening tag (``<p``, ``<a `` ``<svg``) or a closing one (``</div>``):
# a letter right after ``<`` or ``</``, then a name. ``<=`` or ``< 3`` are not tags,
# nor is a regular expression's named group, ``(?P<name>...)``.
TAG = re.compile(r"(?<!\(\?P)</?[a-zA-Z][a-zA-Z0-9-]*(?=[\s>/\"'{]|$)")

# Token types that hold the text of a string literal. Python 3.12 splits an
# f-string into FSTRING_START/MIDDLE/END; 3.11 keeps one STRING token.
_STRING_TYPES = {tokenize.STRING} | {getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


def _string_tokens(source: str) -> Iterator[tokenize.TokenInfo]:
    """Every string literal's token, without docstrings (a string that is a whole statement)."""
    previous_significant = tokenize.NEWLINE
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        # A string right after a newline/indent/dedent starts a statement: a docstring.
        docstring = token.type == tokenize.STRING and previous_significant in _STATEMENT_START
        if token.type in _STRING_TYPES and not docstring:
            yield token
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous_significant = token.type


def count_tags(source: str) -> int:
    """How many HTML tags the string literals of ``source`` write."""
    return sum(len(TAG.findall(token.string)) for token in _string_tokens(source))


def count_tree(folder: Path) -> dict[str, int]:
    """Tags per Python file under ``folder`` (files with none left out), by path from the repository."""
    counts: dict[str, int] = {}
    for path in sorted(folder.rglob("*.py")):
        found = count_tags(path.read_text(encoding="utf-8"))
        if found:
            counts[path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)] = found
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", default=str(ROOT / "kb"), help="folder to scan (default: kb/)")
    parser.add_argument("--total", action="store_true", help="print only the total")
    arguments = parser.parse_args(argv)
    counts = count_tree(Path(arguments.folder).resolve())
    total = sum(counts.values())
    print(total)
    if not arguments.total:
        for path, found in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            print(f"{found:5d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
