"""Every rule, and the validator that runs them all.

In: content as ``kb.content`` reads it; uses ``kb.core``.

Out: ``validation.validate_knowledge_base`` gives a ``ValidationResult``: the
entries, schemas, vocabularies and redirects, and every problem as a located
``Diagnostic`` with a stable code. The other modules are one family of rules
each: text and fields (``body_rules``, ``block_rules``, ``buildable``,
``render_limits``), personal data (``personal_data``), titles (``titles``),
source markers (``marker_rules``), hand-written pages (``page_rules``),
published addresses (``permalink_rules``) and the files under docs/
(``site_files``).
"""
