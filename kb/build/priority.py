"""Work that runs beside the site engine gives way to it.

The engine's run is the longest step of the build, and nothing can shorten
it but giving it a whole core. The page checks and Pagefind's indexing run
in processes of their own while it writes pages; at equal priority they took
a share of its core too (at 10,000 practices MkDocs took 99 s beside them
instead of 70 s alone). Started at a lower priority, they use what the
engine leaves, and finish the rest on both cores once it has ended.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

NICENESS = 10  # how far below the build's own priority (0 to 19: the higher, the more it gives way)


def giving_way(command: Sequence[str]) -> list[str]:
    """``command`` run at a lower priority with ``nice``, where the system has it; otherwise as it is."""
    nice = shutil.which("nice")
    return [nice, "-n", str(NICENESS), *command] if nice else list(command)
