"""The benchmark harness behind ``make bench``: see scripts/bench.py."""
