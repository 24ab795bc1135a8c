"""Frontline: a search engine for conflict reporting."""
