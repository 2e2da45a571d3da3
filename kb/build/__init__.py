"""The build: from a valid knowledge base to a finished, checked site, whatever the engine.

In: a repository (``site.yml``, ``docs/``, ``schema/``, ``overrides/``), and
the name of an engine (``engines``: MkDocs, ProperDocs or Zensical).

Out: a site folder. ``pipeline`` validates and models the knowledge base,
``source_tree`` writes the complete site source (every page, data file and
redirect, with generated HTML held in placeholders) and its manifest, the
entries' pages on both cores (``kb.core.two_cores``), the engine renders it in
a child process, and ``postbuild`` fills every page it wrote as it arrives
(``arrivals``) and checks it, in processes that give way to the engine
(``priority``): the allowlist and nothing lost in a child process
(``page_checks``, ``published``, ``source_text``), only its templates'
scripts (``theme_markup``, marked in the templates before the engine reads
them), link titles as text (``tooltips``), only escaped metadata in the theme
(``theme_meta``), every link and anchor (``link_check``); with each page's
Content-Security-Policy and the ``_headers`` file (``csp``) and the Pagefind
bundle (``pagefind_service``). ``preview`` keeps a site up to date while a
contributor edits. The site's public address comes from one setting
(``site_url``).
"""
