"""QR codes as inline SVG, drawn by segno (a maintained, dependency-free QR library)."""

from __future__ import annotations

import segno

from kb.render.markup import html_text

# 'M' recovers from about 15 % damage, which survives a creased or smudged
# handout; segno raises it for free when the URL leaves room in the symbol.
ERROR_CORRECTION = "m"
QUIET_ZONE_MODULES = 4  # the border the QR standard requires around the symbol


def qr_svg(data: str, label: str) -> str:
    """An SVG sized by CSS (viewBox only), with an accessible name."""
    code = segno.make(data, error=ERROR_CORRECTION, micro=False)
    svg: str = code.svg_inline(scale=1, border=QUIET_ZONE_MODULES, svgclass="kb-qr", omitsize=True)
    # crispEdges keeps modules sharp when printed or rasterised at any scale.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html_text(label)}" shape-rendering="crispEdges" ', 1)
