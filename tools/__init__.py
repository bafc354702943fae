"""Build tools for the notebooks (run from the repository root as ``python -m tools.<name>``)."""
