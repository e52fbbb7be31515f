"""Who is calling, as the verified token says."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Principal:
    user_id: str
    permissions: frozenset[str] = field(default_factory=frozenset)


def permissions_of(claims: dict[str, Any]) -> frozenset[str]:
    """Identity providers carry grants as a `permissions` array (Auth0 RBAC), an OAuth
    `scope` string or an `scp` array; all are accepted."""
    granted: set[str] = set()
    for key in ("permissions", "scp"):
        value = claims.get(key)
        if isinstance(value, list):
            granted.update(p for p in value if isinstance(p, str))
    scope = claims.get("scope")
    if isinstance(scope, str):
        granted.update(scope.split())
    return frozenset(granted)
