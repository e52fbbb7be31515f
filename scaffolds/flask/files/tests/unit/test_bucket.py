import pytest

from app.rate_limit.bucket import BucketConfig, retry_after_seconds, take


def test_a_full_bucket_allows_capacity_requests_then_refuses() -> None:
    config = BucketConfig.per_minute(3)
    state = None
    allowed = []
    for _ in range(4):
        state, result = take(state, 1_000, config)
        allowed.append(result.allowed)
    assert allowed == [True, True, True, False]
    assert result.retry_after_seconds == 20


def test_the_bucket_refills_over_time() -> None:
    config = BucketConfig.per_minute(60)
    state, _ = take(None, 0, config, cost=60)
    state, result = take(state, 1_000, config)
    assert result.allowed


def test_retry_after_is_at_least_one_second() -> None:
    assert retry_after_seconds(0.999, 1, BucketConfig.per_minute(6000)) == 1


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        BucketConfig.per_minute(0)
