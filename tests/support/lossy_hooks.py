"""Test-only MkDocs hooks: those of layers_off_hooks.py, publishing entry text with the function it had before.

That function lost text two ways: a code fence never closed dropped the
entry's last section, and a '<!--' and a '-->' in two code spans removed the
text between them. Its bugs are put back here to prove that the nothing-lost
check, which reads the text by its own means (kb.build.source_text), fails the
build on them. Nothing outside tests/ can reach this route.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from kb.render import entry_pages

globals().update(
    {
        name: hook
        for name, hook in runpy.run_path(str(Path(__file__).with_name("layers_off_hooks.py"))).items()
        if name.startswith("on_")
    }
)

lossy = runpy.run_path(str(Path(__file__).with_name("lossy_publishing.py")))["lossy_visible_body"]
vars(entry_pages)["visible_body"] = lossy  # where the entry pages look it up
