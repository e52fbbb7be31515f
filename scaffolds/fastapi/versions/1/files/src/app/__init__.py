"""{{name_title}}: an HTTP service on FastAPI."""
