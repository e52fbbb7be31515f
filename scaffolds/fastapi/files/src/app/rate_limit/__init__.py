"""Token buckets per caller and endpoint, kept in Redis."""
