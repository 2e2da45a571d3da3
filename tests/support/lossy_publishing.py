"""The function that published entry text before the nothing-lost fixes, with its two bugs.

A code fence never closed dropped the entry's last section (the sentinel
heading that closes the last section fell inside the fence), and a '<!--' and
a '-->' in two code spans removed the text between them. Kept for tests only:
they prove the nothing-lost check sees what it lost.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def lossy_visible_body(body: str) -> str:
    chunks: list[str] = []
    outside: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            if not in_fence:
                chunks.append(_COMMENT.sub("", "\n".join(outside)))
                outside = []
            in_fence = not in_fence
            chunks.append(line)
        elif in_fence:
            chunks.append(line)
        else:
            outside.append(line)
    chunks.append(_COMMENT.sub("", "\n".join(outside)))
    kept: list[str] = []
    section: list[str] = []
    in_fence = False
    for line in [*"\n".join(chunks).split("\n"), "## "]:  # the sentinel heading, inside a fence never closed
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            if not section or any(text.strip() for text in section[1:]) or not section[0].startswith("## "):
                kept += section
            section = [line]
        else:
            section.append(line)
    return "\n".join(kept)
