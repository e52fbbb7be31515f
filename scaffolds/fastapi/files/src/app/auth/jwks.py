"""The identity provider's public keys (JWKS), fetched with async httpx and cached.

Keys are fetched again when the cache is older than KEYS_MAX_AGE_SECONDS (rotation,
revocation) and when a token names a `kid` the cache does not hold, but at most once
per cooldown: a flood of tokens with made-up kids costs one fetch, not one each. One
lock serialises the fetches, so concurrent requests wait for the same one instead of
fetching side by side; nothing blocks the event loop or holds a thread.
"""

import asyncio
import time

import httpx
from jwt import PyJWK, PyJWKSet
from jwt.exceptions import PyJWKSetError

KEYS_MAX_AGE_SECONDS = 300


class JwksUnavailable(Exception):
    """The JWKS could not be fetched, and no cached key can stand in."""


class JwksCache:
    def __init__(self, url: str, refetch_cooldown_seconds: float, timeout: float = 2.0) -> None:
        self._url = url
        self._cooldown = refetch_cooldown_seconds
        self._timeout = timeout
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at: float | None = None  # monotonic time of the last attempt
        self._loaded_at: float | None = None  # ... and of the last successful one
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def key(self, kid: str) -> PyJWK | None:
        """The key `kid`, or None when the provider does not publish it."""
        if not self._stale() and kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            # Another request may have fetched while this one waited for the lock.
            if self._stale() or (kid not in self._keys and self._may_refetch()):
                await self._fetch()
            return self._keys.get(kid)

    def _stale(self) -> bool:
        return self._loaded_at is None or time.monotonic() - self._loaded_at > KEYS_MAX_AGE_SECONDS

    def _may_refetch(self) -> bool:
        return self._fetched_at is None or time.monotonic() - self._fetched_at >= self._cooldown

    async def _fetch(self) -> None:
        if not self._may_refetch():
            # A failed attempt within the cooldown: keep the old keys, if any.
            if self._loaded_at is None:
                raise JwksUnavailable("the last fetch failed; waiting before the next")
            return
        self._fetched_at = time.monotonic()
        self.fetches += 1
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as http:
                res = await http.get(self._url)
                res.raise_for_status()
            document = res.json()
            if not isinstance(document, dict):
                raise ValueError("the JWKS is not a JSON object")
            keys = PyJWKSet.from_dict(document).keys
        except (httpx.HTTPError, ValueError, PyJWKSetError) as err:
            if self._loaded_at is None:
                raise JwksUnavailable(str(err)) from err
            return  # the provider is down: the keys already known keep working
        self._keys = {key.key_id: key for key in keys if key.key_id}
        self._loaded_at = self._fetched_at
