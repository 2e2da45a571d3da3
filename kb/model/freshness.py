"""How fresh each entry is: when an editor last reviewed it, and when its file last changed.

``last_reviewed`` is a field an editor sets after checking an entry against
its sources. When the file last changed comes from git, in one call for all
files; outside a git checkout (a downloaded archive, a test's copy) or in a
shallow clone (whose history would date every file to its one commit) there
is no such date and pages simply do not show one.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterable
from pathlib import Path

REVIEW_AFTER_MONTHS = 24  # a practice not reviewed for this long may be out of date
REVIEW_SOON_MONTHS = 3  # the review page also lists practices due within this many months
GIT_TIMEOUT_SECONDS = 60
_RECORD_SEPARATOR = "\x1e"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier, or the month's last day if it has no such day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate_day in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, candidate_day)
        except ValueError:
            continue
    raise AssertionError("every month has a first day")


def review_due_date(last_reviewed: datetime.date) -> datetime.date:
    """The day an entry reviewed on ``last_reviewed`` becomes due for review again."""
    return months_before(last_reviewed, -REVIEW_AFTER_MONTHS)


def is_review_due(last_reviewed: datetime.date, today: datetime.date) -> bool:
    return review_due_date(last_reviewed) <= today


def parse_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def last_changed_dates(root: Path, paths: Iterable[str]) -> dict[str, datetime.date]:
    """The date of the last commit that changed each path (relative to ``root``).

    One ``git log`` over the whole history, newest first: the first commit
    that names a path is its last change. Empty when ``root`` is not in a git
    checkout, git is missing, or the clone is shallow.
    """
    wanted = set(paths)
    if not wanted or run_git(root, "rev-parse", "--is-shallow-repository") != "false":
        return {}
    log = run_git(
        root, "log", "--relative", "--no-renames", f"--format={_RECORD_SEPARATOR}%cs", "--name-only", "--", "."
    )
    if log is None:
        return {}
    dates: dict[str, datetime.date] = {}
    for record in log.split(_RECORD_SEPARATOR):
        lines = record.strip().splitlines()
        if not lines:
            continue
        day = parse_date(lines[0])
        for name in lines[1:]:
            if day is not None and name in wanted and name not in dates:
                dates[name] = day
    return dates


def run_git(root: Path, *arguments: str) -> str | None:
    """A git command's output in ``root``, or None outside git or when it fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None
