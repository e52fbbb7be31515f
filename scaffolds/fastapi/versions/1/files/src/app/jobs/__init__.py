"""Background jobs: produced by the API, consumed by the worker process (app.worker),
never by the API process. Every job has an id set by the producer, and the worker
skips ids it has already processed, because queues deliver at least once."""

# The queue of the item events, for the producer and the worker alike.
ITEMS_QUEUE = "items"
