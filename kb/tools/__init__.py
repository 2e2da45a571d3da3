"""The tools stage."""
