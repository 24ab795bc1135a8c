"""Benchmarks: `python -m bench [NAME ...]`; each prints its figures against a baseline run in the same process."""
