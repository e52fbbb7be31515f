import math
from dataclasses import dataclass


@dataclass(frozen=True)
class BucketConfig:
    capacity: float
    refill_per_ms: float

    @classmethod
    def per_minute(cls, limit: int) -> "BucketConfig":
        if limit <= 0:
            raise ValueError("limit must be positive")
        return cls(capacity=limit, refill_per_ms=limit / 60_000)


@dataclass(frozen=True)
class BucketState:
    tokens: float
    updated_at_ms: int


@dataclass(frozen=True)
class TakeResult:
    allowed: bool
    remaining: int
    retry_after_seconds: int
