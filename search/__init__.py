"""Querying the index: query parsing, ranking, snippets, facets, name lookup."""
