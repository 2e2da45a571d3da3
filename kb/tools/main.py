"""``python -m kb build``: the engine-neutral build (kb.build.pipeline); ``python -m kb serve``: a live preview."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb.build.engines import DEFAULT_ENGINE, ENGINES
from kb.build.pipeline import BuildFailed, BuildRequest, build_site
from kb.build.preview import serve

EXIT_BUILT, EXIT_FAILED = 0, 1


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kb", description="Build or preview the knowledge base's site.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate, generate, render with an engine, check and index the site")
    build.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    build.add_argument("--site-dir", type=Path, help="where the site goes (default: ROOT/site)")
    build.add_argument("--work-dir", type=Path, help="where the generated source goes (default: ROOT/build)")
    build.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}")
    build.add_argument(
        "--languages",
        type=_language_list,
        help="build only these of site.yml's languages, such as en,de (default: all; English is always built)",
    )
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild what each edit changes")
    serve.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000; 0 picks a free one")
    serve.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE, help=f"default: {DEFAULT_ENGINE}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        try:
            serve(args.root.resolve(), args.engine, args.port, say)
        except BuildFailed as error:
            say(f"The preview stopped: {error}")
            return EXIT_FAILED
        except KeyboardInterrupt:
            return EXIT_BUILT
        return EXIT_BUILT
    request = BuildRequest(args.root.resolve(), args.site_dir, args.engine, args.work_dir, languages=args.languages)
    try:
        build_site(request)
    except BuildFailed as error:
        say(f"The site was not built: {error}")
        return EXIT_FAILED
    return EXIT_BUILT


def _language_list(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip())
