"""Idempotency keys of creates: what identifies a retried request, and how long it is
remembered."""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from pydantic import BaseModel

# A retry later than this with the same key is a new request.
REMEMBERED_FOR = timedelta(hours=24)


@dataclass(frozen=True)
class IdempotencyKey:
    """The key as one caller sent it (keys of different callers never meet), and the
    fingerprint of the body it came with."""

    caller: str
    key: str
    request_hash: str


def fingerprint(body: BaseModel, scope: str = "") -> str:
    """The same for bodies that differ only in field order or whitespace. `scope` names
    the resource (items, the example, has none): keys are kept in one table for every
    resource, and the same key and body sent to another resource must not match."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((scope + canonical).encode()).hexdigest()
