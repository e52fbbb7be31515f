"""{{name_title}}: an HTTP service on FastAPI."""

# The service's name: its queue, its job names and every Redis key it writes carry it,
# so services sharing a Redis never take each other's jobs or counters.
SERVICE_NAME = "{{name}}"
