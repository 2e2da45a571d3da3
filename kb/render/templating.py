"""The Jinja environment every renderer writes its HTML with.

Markup lives in ``kb/render/templates/*.html``; the renderers build small
frozen view models (plain dataclasses of strings) from the model and hand
them to a template. Autoescape is on, so every value is shown as written
unless a renderer passes it as ``Markup`` (HTML it made itself, such as a
QR code or another template's output), and ``StrictUndefined`` turns a
misspelt name into an error instead of an empty string.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

TEMPLATE_PACKAGE = "kb.render"
TEMPLATE_FOLDER = "templates"


def fill(sentence: str, **values: object) -> Markup:
    """A translated sentence with HTML (a link made in the template) put in its ``{name}`` placeholders.

    The sentence is escaped; each value is escaped too unless it is ``Markup``, such as the
    output of a ``{% set %}`` block.
    """
    return Markup.escape(sentence).format(**values)


@cache
def environment() -> Environment:
    """The one environment, made on first use and never changed afterwards."""
    made = Environment(
        loader=PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    made.globals["fill"] = fill
    return made


def render(template: str, **context: Any) -> str:
    """``template`` (a file name under kb/render/templates/) rendered with ``context``."""
    return environment().get_template(template).render(**context)


def render_markup(template: str, **context: Any) -> Markup:
    """As ``render``, marked as HTML, for passing into another template."""
    return Markup(render(template, **context))
