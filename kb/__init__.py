"""The practice knowledge base: load, check, model and render content, then build the site.

One package per stage, in pipeline order. Each imports only from the
packages before it: pyproject.toml states this as an import-linter contract,
and tests/test_import_layers.py runs it.

``core`` -> ``content`` -> ``checks`` -> ``model`` -> ``render`` -> ``build`` -> ``tools``

Each package's docstring says what goes in and what comes out. Callers import
a thing from the module that defines it; no package re-exports.
"""
