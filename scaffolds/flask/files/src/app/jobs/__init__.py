"""Background jobs: the producer (used by the API) and the tasks (run by the worker
process, src/app/worker.py, never inside the API)."""
