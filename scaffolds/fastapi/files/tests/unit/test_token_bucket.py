"""The token-bucket arithmetic that the Redis script runs too."""

import pytest

from app.rate_limit.token_bucket import BucketConfig, retry_after_seconds, take

CONFIG = BucketConfig.per_minute(60)  # one token per second


def test_a_full_bucket_allows_its_capacity_then_refuses() -> None:
    state, now = None, 1_000_000
    for _ in range(60):
        state, result = take(state, now, CONFIG)
        assert result.allowed
    state, result = take(state, now, CONFIG)
    assert not result.allowed
    assert result.retry_after_seconds == 1


def test_tokens_come_back_with_time() -> None:
    state, now = None, 0
    for _ in range(60):
        state, _ = take(state, now, CONFIG)
    state, result = take(state, now + 2_500, CONFIG)
    assert result.allowed
    assert result.remaining == 1


def test_retry_after_is_whole_seconds_and_at_least_one() -> None:
    assert retry_after_seconds(0.999, 1, CONFIG) == 1
    assert retry_after_seconds(0, 3, CONFIG) == 3
    assert retry_after_seconds(5, 1, CONFIG) == 0


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        BucketConfig.per_minute(0)
