"""Unit tests: no network, no database."""
