"""Tests of {{name}}: unit, contract and integration (see the README's Tests section)."""
