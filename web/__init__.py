"""The Flask UI and JSON API."""
