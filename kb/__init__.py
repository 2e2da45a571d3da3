"""The practice knowledge base: load, validate, model and render content.

Stages, each a module over plain data:
``loading`` (strict front matter) -> ``validation`` (schema, references, body)
-> ``model`` (entries and derived relationships) -> ``pages`` (Markdown for
the site). ``mkdocs_hooks`` only wires these into MkDocs.
"""
