"""The checks stage."""
