"""QR codes as inline SVG, drawn by segno (a maintained, dependency-free QR library)."""

from __future__ import annotations

import segno
from markupsafe import Markup

from kb.render.templating import render

# 'M' recovers from about 15 % damage, which survives a creased or smudged
# handout; segno raises it for free when the URL leaves room in the symbol.
ERROR_CORRECTION = "m"
QUIET_ZONE_MODULES = 4  # the border the QR standard requires around the symbol


def qr_svg(data: str, label: str) -> str:
    """An SVG sized by CSS (viewBox only), with an accessible name."""
    code = segno.make(data, error=ERROR_CORRECTION, micro=False)
    drawn: str = code.svg_inline(scale=1, border=QUIET_ZONE_MODULES, omitsize=True)
    # segno draws the modules; templates/qr.html writes the SVG element around them.
    modules = drawn[drawn.index(">") + 1 : drawn.rindex("</")]
    width, height = code.symbol_size(scale=1, border=QUIET_ZONE_MODULES)
    return render("qr.html", label=label, width=width, height=height, modules=Markup(modules))
