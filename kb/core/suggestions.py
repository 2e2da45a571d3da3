"""'Did you mean' for a mistyped field, term or id, never offering the opposite.

difflib ranks 'not-evaluated' as the closest allowed value to 'evaluated':
the spelling is close, the meaning reversed. A suggestion that adds or drops
a negation is withheld, and the message lists the allowed values instead;
the contributor then chooses, rather than accepting a claim they never made.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Negations written as a word or a hyphenated prefix ('not-evaluated', 'non violent').
NEGATION_WORDS = frozenset({"not", "non", "un", "no"})
# The same glued to the word ('unknown', 'nonviolent'). 'in' counts only glued ('inactive'):
# as a word it is a preposition ('in-person').
NEGATION_PREFIXES = ("not", "non", "un", "no", "in")

_WORD_BREAK = re.compile(r"[\s_-]+")


def negations(value: str) -> int:
    """How many negation words or hyphenated prefixes a value holds."""
    return sum(word in NEGATION_WORDS for word in _WORD_BREAK.split(value.casefold()))


def changes_negation(written: str, suggestion: str) -> bool:
    """Whether offering ``suggestion`` for ``written`` would add or drop a negation."""
    if negations(written) != negations(suggestion):
        return True
    a, b = written.casefold(), suggestion.casefold()
    return any(b == prefix + a or a == prefix + b for prefix in NEGATION_PREFIXES)


def closest(written: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The choice closest to ``written`` in spelling, unless it is closer to its opposite in meaning.

    When the closest choice is a negation of what was written, nothing is
    suggested rather than the next closest: the writer's meaning is then
    unclear, and the next guess would be a weaker one.
    """
    match = difflib.get_close_matches(written, list(choices), n=1, cutoff=cutoff)
    if not match or changes_negation(written, match[0]):
        return None
    return match[0]
