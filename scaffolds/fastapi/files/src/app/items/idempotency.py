"""The optional Idempotency-Key header of POST /v1/items: a client that retries a create
(a timeout, a lost answer) with the same key and body gets the first answer again,
marked `Idempotent-Replayed: true`, instead of a second item. The same key with
another body is 409 `conflict`."""

import hashlib
import json
from datetime import timedelta
from typing import Annotated

from fastapi import Header
from pydantic import BaseModel

from app.items.repository import Idempotency

REPLAYED_HEADER = "Idempotent-Replayed"
# How long a key answers with its first result; after that it may be used afresh.
KEY_LIFETIME = timedelta(hours=24)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x20-\x7e]+$",  # printable ASCII
        description="Makes a retried create safe: the same key and body answer the first "
        "result again (with Idempotent-Replayed: true); another body is 409.",
    ),
]


def request_hash(body: BaseModel) -> str:
    """The hash of the body as parsed, in a canonical form: key order and spacing of
    the JSON the client sent do not matter."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def idempotency(key: str | None, body: BaseModel) -> Idempotency | None:
    return None if key is None else Idempotency(key=key, request_hash=request_hash(body))
