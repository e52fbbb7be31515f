"""One module per resource. Everything but /health is under /v1."""
