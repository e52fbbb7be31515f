"""Token buckets in Redis, per caller and endpoint."""
