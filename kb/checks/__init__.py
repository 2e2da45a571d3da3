"""Every rule, and the validator that runs them all.

In: content as ``kb.content`` reads it; uses ``kb.core``.

Out: ``validation.validate_knowledge_base`` gives a ``ValidationResult``: the
entries, schemas, vocabularies and redirects, and every problem as a located
``Diagnostic`` with a stable code. The other modules are one family of rules
each, ending with a ``FAMILY`` that declares its codes, what each means and
an example that fails and one that passes (``family``): files and front
matter (``file_rules``), the files under docs/ (``site_files``), fields
(``schema_rules``), references and dates (``reference_rules``), blocks
(``block_rules``), security (``body_rules``), what the build can build
(``buildable``), bounded work (``render_limits``), personal data
(``personal_data``), titles (``titles``), collections
(``collection_rules``), published addresses (``permalink_rules``), source
markers (``marker_rules``) and schema/ itself (``catalogue_rules``).
``registry`` collects them: the field reference lists them, the tests run
every example, and every code in ``kb.core.rules`` must have one family.
Hand-written pages (``page_rules``) pass the rules of the other families.
"""
