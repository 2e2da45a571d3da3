"""The fast path's loader gives exactly what PyYAML's safe loader gives, or leaves the file to the strict loader.

It builds the common nodes itself (kb.content.fast_path._StrictCLoader), so
every type YAML can give an unquoted value (dates, numbers in every base,
booleans spelled yes/on, nulls, times as sexagesimal numbers) is compared
here with ``yaml.load`` and PyYAML's C safe loader.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.content.fast_path import load_fast
from kb.content.loading import MAX_NESTING_DEPTH

EXAMPLES = 300

# Unquoted scalars YAML 1.1 reads as something other than text, and text that looks like them.
PLAIN_SCALARS = [
    "yes", "No", "ON", "off", "y", "true", "False", "~", "null", "Null", "", "0", "-12", "+3", "0o17", "017",
    "0x1F", "0b101", "1_000", "1e3", "1.5e-3", ".inf", "-.Inf", ".nan", "12:30", "190:20:30", "2026-12-01",
    "2026-12-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "2016-02-30", "=", "text", "FR", "a b", "1.2.3",
]  # fmt: skip


def front_matter(text: str) -> str:
    return f"---\n{text}---\n\nBody.\n"


def fast_data(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "entry.md"
    path.write_text(front_matter(text), encoding="utf-8")
    loaded = load_fast(path, "entry.md")
    return None if loaded is None else loaded.data


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("scalar", PLAIN_SCALARS)
def test_each_kind_of_unquoted_value_reads_as_pyyaml_reads_it(tmp_path: Path, scalar: str) -> None:
    text = f"value: {scalar}\nlist: [{scalar}, x]\nnested:\n  deeper: {scalar}\n"
    try:
        expected = safe_load(text)
    except (yaml.YAMLError, ValueError):  # ValueError: a date that does not exist
        assert fast_data(tmp_path, text) is None
        return
    assert fast_data(tmp_path, text) == expected
    assert [type(v) for v in fast_data(tmp_path, text)["list"]] == [type(v) for v in expected["list"]]


def test_repeated_keys_and_deep_nesting_go_to_the_strict_loader(tmp_path: Path) -> None:
    assert fast_data(tmp_path, "title: a\ntitle: b\n") is None
    assert fast_data(tmp_path, "a:\n  b: 1\n  b: 2\n") is None
    assert fast_data(tmp_path, "? [a, b]\n: c\n") is None  # a complex key
    deep = "a: " + "[" * (MAX_NESTING_DEPTH + 1) + "]" * (MAX_NESTING_DEPTH + 1) + "\n"
    assert fast_data(tmp_path, deep) is None
    shallow = "a: " + "[" * (MAX_NESTING_DEPTH - 1) + "]" * (MAX_NESTING_DEPTH - 1) + "\n"
    assert fast_data(tmp_path, shallow) == safe_load(shallow)


KEYS = st.sampled_from(["title", "countries", "sources", "year", "url", "x", "yes", "1", "2026-12-01"])
SCALARS = st.one_of(
    st.sampled_from(PLAIN_SCALARS),
    st.text(alphabet="ab :#,-'\"01.é\u200b", max_size=12),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(min_value=datetime.date(1000, 1, 1)),
    st.floats(allow_nan=False),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


def test_any_data_dumped_in_any_style_reads_as_pyyaml_reads_it(tmp_path: Path) -> None:
    ran: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(KEYS, DATA, min_size=1, max_size=5), st.sampled_from([None, True, False]))
    def check(data: dict[str, Any], flow: bool | None) -> None:
        ran.append(1)
        text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
        fast = fast_data(tmp_path, text)
        expected = safe_load(text)
        if fast is not None:
            assert fast == expected
        elif all(isinstance(key, str) for key in expected) and "&" not in text and "*" not in text:
            # Only characters that may start a tag, anchor or alias send a file like this one elsewhere.
            assert any(char in text for char in "!<\t"), text

    check()
    assert len(ran) == EXAMPLES
