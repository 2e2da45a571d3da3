"""The knowledge base as plain data, every relationship derived once.

In: a ``ValidationResult`` without errors (``kb.checks.validation``).

Out: a ``KnowledgeBase`` of records by kind, with reverse relationships and
resolved collections (``knowledge_base``), related practices with their
reasons (``related``), and review dates and last changes (``freshness``).
"""
