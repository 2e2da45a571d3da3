"""What every engine adapter does: write its config, run its build, and say what went wrong."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

import yaml

CONFIG_FILE = "mkdocs.yml"  # every engine here reads this name
# Colour codes: Zensical writes them whatever NO_COLOR or TERM say.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class EngineResult:
    ok: bool
    seconds: float
    problems: list[str]  # the engine's warnings and errors, one line each
    output: str  # the whole log, colour codes taken out


class Engine:
    """An engine run as ``python -m <module> build``, never in this process: it keeps no state of ours."""

    name: ClassVar[str]
    module: ClassVar[str]
    theme_package: ClassVar[str]  # whose templates/ folder holds the theme's templates
    limitations: ClassVar[tuple[str, ...]] = ()
    problem_line: ClassVar[re.Pattern[str]]

    def theme_templates(self) -> Path:
        spec = importlib.util.find_spec(self.theme_package)
        if spec is None or not spec.submodule_search_locations:
            raise EngineMissing(f"{self.theme_package} is not installed; run 'make setup'")
        return Path(next(iter(spec.submodule_search_locations))) / "templates"

    def config(self, settings: dict[str, Any]) -> dict[str, Any]:
        """The engine's config from the site's settings; an adapter adds what its engine needs."""
        return settings

    def write_config(self, settings: dict[str, Any], root: Path) -> Path:
        path = root / CONFIG_FILE
        text = yaml.safe_dump(self.config(settings), sort_keys=False, allow_unicode=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        return path

    def command(self, config_file: Path, *, dirty: bool) -> list[str]:
        # A build for the site is strict; a preview's incremental one is not (MkDocs warns about --dirty itself).
        return [sys.executable, "-m", self.module, "build", *([] if dirty else ["--strict"]), "-f", str(config_file)]

    def build(self, config_file: Path, *, dirty: bool = False) -> EngineResult:
        return self.start(config_file, dirty=dirty).wait()

    def start(self, config_file: Path, *, dirty: bool = False) -> Run:
        """The engine running in a child process; the caller may read what it writes meanwhile."""
        if importlib.util.find_spec(self.module) is None:
            raise EngineMissing(f"the engine {self.name} is not installed; run 'make setup'")
        # A file, not a pipe: nothing reads the log until the end, and a full pipe would stop the engine.
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Run.wait
        process = subprocess.Popen(
            self.command(config_file, dirty=dirty),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=config_file.parent,
            env=os.environ | {"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONPATH": _with_this_package()},
        )
        return Run(self, process, log, time.perf_counter())


@dataclass
class Run:
    """One run of an engine."""

    engine: Engine
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started: float

    def running(self) -> bool:
        return self.process.poll() is None

    def wait(self) -> EngineResult:
        returncode = self.process.wait()
        self.log.seek(0)
        output = _ANSI.sub("", self.log.read().decode("utf-8", "replace"))
        self.log.close()
        problems = [line.strip() for line in output.splitlines() if self.engine.problem_line.search(line)]
        if returncode != 0 and not problems:
            problems = output.strip().splitlines()[-3:] or [f"exit status {returncode}"]
        return EngineResult(returncode == 0, time.perf_counter() - self.started, problems, output)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _with_this_package() -> str:
    """PYTHONPATH with this package's root first: an adapter may run the engine through a module of ours."""
    root = str(Path(__file__).resolve().parents[3])
    return os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))


class EngineMissing(Exception):
    pass
