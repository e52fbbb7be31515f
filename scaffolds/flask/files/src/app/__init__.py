"""{{name_title}}: an HTTP service on Flask (the API) with its own background worker."""
