"""The commands people run, over the stages before.

In: command-line arguments and a repository.

Out: messages and exit codes: the validator (``cli``, scripts/validate.py)
and the permalinks manifest (``permalinks_cli``); files written: a new
practice (``scaffold``), the GitHub issue form (``issue_form``), and
synthetic knowledge bases for benchmarks and tests (``synthetic``).
"""
