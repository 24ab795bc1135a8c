"""A gazetteer of canonical entities (places, people, organisations, weapons) with every known spelling."""
