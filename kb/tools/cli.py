"""``python scripts/validate.py [PATH...]``: exit 0 valid, 1 invalid, 2 usage error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb.checks.validation import UsageError, validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.diagnostics import FORMATTERS, has_errors

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="validate.py",
        description="Check content files against the schemas in schema/ and against each other. "
        "Prints nothing and exits 0 when everything is valid.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="content files to check against the rest (default: every file)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default="text",
        help="text: path:line:col: CODE message (default); github: annotations "
        "for pull requests; json: a list of records",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPOSITORY_ROOT,
        help="the repository holding docs/ and schema/ (default: this repository)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_VALID if exit_.code == 0 else EXIT_USAGE
    layout = Layout.for_root(args.root)
    if not layout.docs_dir.is_dir() or not layout.schema_dir.is_dir():
        print(f"validate.py: {args.root} has no docs/ and schema/ folders; pass --root", file=sys.stderr)
        return EXIT_USAGE
    missing = [path for path in args.paths if not path.is_file()]
    if missing:
        print(f"validate.py: no such file: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = validate_knowledge_base(layout, only=args.paths or None)
    except UsageError as error:
        print(f"validate.py: {error}", file=sys.stderr)
        return EXIT_USAGE
    if result.diagnostics:
        print(FORMATTERS[args.format](result.diagnostics))
    if args.format == "json" and not result.diagnostics:
        print("[]")
    return EXIT_INVALID if has_errors(result.diagnostics) else EXIT_VALID
