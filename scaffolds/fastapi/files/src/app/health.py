"""Dependency checks behind /health. Each gets a short deadline, so a hung dependency
makes the probe fail fast instead of hanging it."""

import asyncio
from collections.abc import Awaitable, Callable

from app.models.health import CheckStatus, Health, HealthChecks

Check = Callable[[], Awaitable[object]]

CHECK_TIMEOUT_SECONDS = 1.0


async def probe(check: Check, seconds: float) -> CheckStatus:
    try:
        await asyncio.wait_for(check(), seconds)
    except Exception:
        return "down"
    return "ok"


async def check_health(checks: dict[str, Check], seconds: float = CHECK_TIMEOUT_SECONDS) -> Health:
    names = list(checks)
    results = await asyncio.gather(*(probe(checks[name], seconds) for name in names))
    healthy = all(status == "ok" for status in results)
    return Health(
        status="ok" if healthy else "unavailable",
        checks=HealthChecks(**dict(zip(names, results, strict=True))),
    )
