"""Every generated page and data file, as text, without a site engine.

In: a ``KnowledgeBase`` (``kb.model``).

Out: Markdown pages (``entry_pages``, ``overview_pages``,
``collection_pages``, ``contributor_pages``, ``field_reference``,
``statistics``) and the HTML blocks they hold (``fragments``, ``browse``,
``citation``, ``charts``, ``tile_map``, ``qr``, ``marker_links``, each a
view model written by a Jinja template in ``templates/`` (``templating``,
``inline``), and Markdown helpers in ``markup``); data files (``open_data``, browse data, ``redirect_pages``);
what each page tells the search index (``search_index``) and each page's
source link (``source_links``).
"""
