"""The content stage."""
