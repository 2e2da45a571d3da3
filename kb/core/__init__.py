"""Facts every stage shares.

In: nothing from the other packages (only the standard library and the
pinned dependencies).

Out: entry ids (``ids``), country and language codes (``codes``), the kinds
of entry (``kinds``), site paths and URLs (``urls``), located problems and
their output formats (``diagnostics``), "did you mean" suggestions that
never offer the opposite of what was written (``suggestions``), every
problem code with its examples (``rules``), the site's Markdown dialect: extensions, renderer, fences,
comments and held generated HTML (``markdown``), the HTML allowlist with
what a sanitiser would take out (``html_policy``), work on many items
shared with a forked process, for the second core (``two_cores``), and the
cycle collector paused while a step builds many objects without cycles (``heap``).
"""
