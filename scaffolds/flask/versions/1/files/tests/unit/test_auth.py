"""Token verification against a locally generated JWKS."""

import pytest

from app.auth import TokenVerifier
from app.errors import Unauthorized
from support.tokens import LocalIssuer


@pytest.fixture(scope="module")
def issuer() -> LocalIssuer:
    return LocalIssuer()


@pytest.fixture
def verifier(issuer: LocalIssuer) -> TokenVerifier:
    return TokenVerifier("", keys=issuer.keys())


def test_a_valid_token_gives_its_subject_and_permissions(
    issuer: LocalIssuer, verifier: TokenVerifier
) -> None:
    principal = verifier.verify(issuer.token("user-1", ["items:read"]))
    assert principal.user_id == "user-1"
    assert principal.permissions == frozenset({"items:read"})


@pytest.mark.parametrize(
    ("lifetime", "age", "reason"),
    [(600, 1200, "token expired"), (24 * 3600, 0, "token lifetime exceeds 15 minutes")],
)
def test_expired_and_long_lived_tokens_are_refused(
    issuer: LocalIssuer, verifier: TokenVerifier, lifetime: int, age: int, reason: str
) -> None:
    with pytest.raises(Unauthorized, match=reason):
        verifier.verify(issuer.token("user-1", [], lifetime=lifetime, age=age))


def test_a_token_signed_by_another_key_is_refused(verifier: TokenVerifier) -> None:
    with pytest.raises(Unauthorized, match="invalid token"):
        verifier.verify(LocalIssuer().token("user-1", []))
