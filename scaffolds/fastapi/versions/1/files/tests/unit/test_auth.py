"""Tokens are checked against a JWKS (here a locally generated one): signature,
expiry, a lifetime of at most 15 minutes, and the permissions they carry."""

import jwt
import pytest

from app.auth.principal import permissions_of
from app.auth.tokens import TokenVerifier
from app.errors import UnauthorizedError
from tests.support.tokens import LocalIdentityProvider


@pytest.fixture(scope="module")
def idp():
    provider = LocalIdentityProvider()
    yield provider
    provider.close()


@pytest.fixture
def verifier(idp: LocalIdentityProvider) -> TokenVerifier:
    return TokenVerifier(idp.jwks_url)


async def test_a_valid_token_gives_the_user_and_permissions(idp, verifier) -> None:
    user = await verifier.verify(idp.token(subject="u-42", permissions=("items:read",)))
    assert user.user_id == "u-42"
    assert user.permissions == {"items:read"}


@pytest.mark.parametrize(
    ("make_token", "reason"),
    [
        (lambda idp: idp.token(lifetime=5 * 60, issued_ago=20 * 60), "token expired"),
        (lambda idp: idp.token(lifetime=24 * 3600), "token lifetime exceeds 15 minutes"),
        (lambda idp: idp.token(lifetime=16 * 60), "token lifetime exceeds 15 minutes"),
        (lambda idp: "not.a.token", "invalid token"),
        (lambda idp: LocalIdentityProvider().token(), "invalid token"),  # unknown key
    ],
)
async def test_bad_tokens_are_refused(idp, verifier, make_token, reason: str) -> None:
    with pytest.raises(UnauthorizedError) as refused:
        await verifier.verify(make_token(idp))
    assert refused.value.message == reason


async def test_a_shared_secret_token_is_refused(verifier) -> None:
    secret = "a-shared-secret-of-at-least-32-bytes"
    forged = jwt.encode({"sub": "x", "iat": 0, "exp": 2**31}, secret, algorithm="HS256")
    with pytest.raises(UnauthorizedError):
        await verifier.verify(forged)


async def test_exactly_fifteen_minutes_is_accepted(idp, verifier) -> None:
    assert (await verifier.verify(idp.token(lifetime=15 * 60))).user_id == "user-1"


def test_permissions_from_every_claim_style() -> None:
    claims = {"permissions": ["a"], "scope": "b c", "scp": ["d"]}
    assert permissions_of(claims) == {"a", "b", "c", "d"}
