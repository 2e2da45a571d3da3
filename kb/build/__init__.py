"""The site engine, and the checks on every page it writes.

In: a repository, through MkDocs' event hooks (``mkdocs_hooks``), which run
the validator, the model and the renderers.

Out: a site folder in which every page passed the allowlist and the
nothing-lost check in a child process (``page_checks``, ``published``,
``source_text``), holds only its templates' scripts (``theme_markup``), shows
link titles as text (``tooltips``) and hands the theme only escaped metadata
(``theme_meta``); with each page's Content-Security-Policy and the
``_headers`` file (``csp``) and the Pagefind bundle (``pagefind_service``).
The site's public address comes from one setting (``site_url``).
"""
