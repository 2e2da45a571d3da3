"""MkDocs' own build, writing each page as soon as it has read it.

MkDocs reads every page (renders its Markdown) before it writes the first:
at 10,000 practices, some 40 s in which the post-build step, which works on
written pages, has nothing to do and the second core idles. It reads them
all first so that a page's template could show any other page's title; the
theme shows only the titles of the pages in the navigation. So this build
reads those pages first, then reads and writes every other page in turn.

The steps are MkDocs' own functions, in its order otherwise, with the same
log and the same refusal of warnings in strict mode; ProperDocs, its fork,
has the same ones. A test builds one site both ways and compares every file.
An incremental (``--dirty``) build is left to MkDocs' own build.

Run as ``python -m kb.build.engines.page_by_page <mkdocs|properdocs> build ...``:
the engine's command line, with its build function replaced by this one.
No code of the site runs in the engine: only this reordering.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def page_by_page(steps: ModuleType) -> Callable[..., None]:
    """A build function for the engine whose ``commands.build`` module is ``steps``."""
    whole_site_first = steps.build

    def build(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> None:
        if serve_url or dirty:
            whole_site_first(config, serve_url=serve_url, dirty=dirty)
            return
        log = logging.getLogger(steps.__name__.split(".")[0])
        warnings = steps.utils.CountHandler()
        warnings.setLevel(logging.WARNING)
        if config.strict:
            log.addHandler(warnings)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            steps.utils.clean_directory(config.site_dir)
            files = steps.get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            steps.set_exclusions(files, config)
            nav = steps.get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            pages = files.documentation_pages(inclusion=steps.InclusionLevel.is_included)
            for file in pages:
                if file.page is None and file.inclusion.is_not_in_nav():
                    steps.Page(None, file, config)
            for page in nav.pages:  # their titles are on every page
                steps._populate_page(page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=steps.InclusionLevel.is_included)
            for template in config.theme.static_templates:
                steps._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                steps._build_extra_template(template, files, config, nav)
            read = {id(page) for page in nav.pages}
            for file in pages:
                if id(file.page) not in read:
                    steps._populate_page(file.page, config, files)
                steps._build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
            for file in pages:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            config.plugins.on_post_build(config=config)
            if counts := warnings.get_counts():
                counted = ", ".join(f"{number} {level.lower()}s" for level, number in counts)
                raise steps.Abort(f"Aborted with {counted} in strict mode!")
            log.info("Documentation built page by page")
        except Exception as error:
            config.plugins.on_build_error(error=error)
            if isinstance(error, steps.BuildError):
                log.error(str(error))
                raise steps.Abort("Aborted with a BuildError!") from None
            raise
        finally:
            log.removeHandler(warnings)

    return build


def main(engine: str, arguments: list[str]) -> None:
    steps = importlib.import_module(f"{engine}.commands.build")
    steps.build = page_by_page(steps)  # type: ignore[attr-defined]  # what the engine's `build` command calls
    importlib.import_module(f"{engine}.__main__").cli(arguments, prog_name=engine)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
