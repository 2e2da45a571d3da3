"""The words the site's scripts show, in the language of the edition: ``assets/kb-words.js``.

docs/assets/browse.js and search.js write no word of their own: every text
they show (buttons, counts, "No page matches", labels for screen readers)
is a ``js.*`` string of i18n/<language>.yaml. The build writes them into a
small script that sets ``window.kbWords`` and that site.yml loads before
the others; dom.js's ``kbSay`` fills a text's ``{name}`` placeholders and
``kbCount`` picks a text's plural form with ``Intl.PluralRules``, as
``Strings.t`` and ``Strings.count`` do here. It is a file, not inline code:
the site's policy allows no inline script (kb.build.csp).
"""

from __future__ import annotations

import json

from kb.content.speech import Speech

SCRIPT_SECTION = "js"  # the catalogue's section that holds the scripts' words
# Characters escaped in the JSON so that nothing in a translated text can end the script or
# the element around it (\u2028 and \u2029 end a line in older JavaScript, not in JSON).
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_words(say: Speech) -> str:
    """The script that gives the site's scripts their words: ``window.kbWords = {language, words}``.

    ``words`` holds each ``js.*`` string by the rest of its key (``browse.clear``); a text about a
    number holds its plural forms (``{"one": ..., "other": ...}``).
    """
    words = {"language": say.language, "words": say.strings.section(SCRIPT_SECTION)}
    encoded = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escape in _ESCAPES.items():
        encoded = encoded.replace(character, escape)
    return (
        "/* The words of the site's scripts, written by the build from the js strings of i18n/ "
        "(kb/render/script_words.py). */\n"
        f"window.kbWords = {encoded};\n"
    )
