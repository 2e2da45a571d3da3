"""The repository's content, read strictly and never judged.

In: a repository's folders and files (``docs/``, ``schema/``,
``permalinks.txt``, ``redirects.yaml``); uses ``kb.core``.

Out: where content lives and which files are entries (``discovery``), each
file's front matter with the line and column of every value (``loading``;
``fast_path`` for files that are plainly valid), schemas and compiled
validators, loaded once per run into one ``Catalogue`` that also says which field
takes which vocabulary (``catalogue``; the filling-in itself is ``schemas``), schema problems as located diagnostics
(``schema_check``), vocabularies (``vocabularies``), hand-written pages as
MkDocs reads them (``pages``), published paths and redirects
(``permalinks``), the source markers in a text (``source_markers``) and what
a collection's rule selects (``collection_rule``).
"""
