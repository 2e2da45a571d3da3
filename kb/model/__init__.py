"""The knowledge base as plain data, every relationship derived once.

In: a ``ValidationResult`` without errors (``kb.checks.validation``).

Out: a ``KnowledgeBase`` of records by kind, with reverse relationships and
resolved collections (``knowledge_base``), related practices with their
reasons (``related``), review dates and last changes (``freshness``), and each
entry's translations, marked out of date when the entry changed after them
(``translations``).
"""
