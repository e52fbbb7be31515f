"""Contract tests: every model of app.models round-trips its fixture."""
