"""Contract tests: every model round-trips its fixtures."""
