"""Tokens are checked against a JWKS (here a locally generated one): the access-token
type, signature, issuer and audience, expiry with a little clock skew, a lifetime of at
most 15 minutes, and the permissions they carry. Unknown keys refetch the JWKS at most
once per cooldown."""

import asyncio

import jwt
import pytest

from app.auth.principal import permissions_of
from app.auth.tokens import TokenVerifier
from app.errors import UnauthorizedError, UnavailableError
from tests.support.tokens import AUDIENCE, ISSUER, LocalIdentityProvider


@pytest.fixture(scope="module")
def idp():
    provider = LocalIdentityProvider()
    yield provider
    provider.close()


def verifier_for(idp: LocalIdentityProvider, **options) -> TokenVerifier:
    return TokenVerifier(idp.jwks_url, issuer=ISSUER, audience=AUDIENCE, **options)


@pytest.fixture
def verifier(idp: LocalIdentityProvider) -> TokenVerifier:
    return verifier_for(idp)


async def test_a_valid_token_gives_the_user_and_permissions(idp, verifier) -> None:
    user = await verifier.verify(idp.token(subject="u-42", permissions=("items:read",)))
    assert user.user_id == "u-42"
    assert user.permissions == {"items:read"}


@pytest.mark.parametrize(
    ("make_token", "reason"),
    [
        (lambda idp: idp.token(lifetime=5 * 60, issued_ago=20 * 60), "token expired"),
        (lambda idp: idp.token(lifetime=60, issued_ago=120), "token expired"),
        (lambda idp: idp.token(lifetime=24 * 3600), "token lifetime exceeds 15 minutes"),
        (lambda idp: idp.token(lifetime=16 * 60), "token lifetime exceeds 15 minutes"),
        (lambda idp: "not.a.token", "invalid token"),
        (lambda idp: LocalIdentityProvider().token(), "invalid token"),  # unknown key
        # An ID token, or a token that does not say what it is, is no access token.
        (lambda idp: idp.token(typ="JWT"), "not an access token"),
        (lambda idp: idp.token(typ=None), "not an access token"),
        (lambda idp: idp.token(aud="https://api.test/another-service"), "invalid token"),
        (lambda idp: idp.token(iss="https://another-idp.test/"), "invalid token"),
    ],
)
async def test_bad_tokens_are_refused(idp, verifier, make_token, reason: str) -> None:
    with pytest.raises(UnauthorizedError) as refused:
        await verifier.verify(make_token(idp))
    assert refused.value.message == reason


async def test_the_media_type_form_of_typ_is_accepted(idp, verifier) -> None:
    assert await verifier.verify(idp.token(typ="application/AT+JWT"))


async def test_token_type_any_turns_the_check_off(idp) -> None:
    assert await verifier_for(idp, token_type="any").verify(idp.token(typ="JWT"))


async def test_clock_skew_is_tolerated_up_to_the_leeway(idp, verifier) -> None:
    # Expired 10 s ago: within the default 30 s of skew.
    assert await verifier.verify(idp.token(lifetime=60, issued_ago=70))
    with pytest.raises(UnauthorizedError):
        await verifier.verify(idp.token(lifetime=60, issued_ago=120))  # 60 s ago


async def test_a_shared_secret_token_is_refused(verifier) -> None:
    secret = "a-shared-secret-of-at-least-32-bytes"
    forged = jwt.encode(
        {"sub": "x", "iat": 0, "exp": 2**31, "iss": ISSUER, "aud": AUDIENCE},
        secret,
        algorithm="HS256",
        headers={"typ": "at+jwt", "kid": "x"},
    )
    with pytest.raises(UnauthorizedError):
        await verifier.verify(forged)


async def test_exactly_fifteen_minutes_is_accepted(idp, verifier) -> None:
    assert (await verifier.verify(idp.token(lifetime=15 * 60))).user_id == "user-1"


async def test_unknown_kids_refetch_the_jwks_once_per_cooldown(idp) -> None:
    verifier = verifier_for(idp, refetch_cooldown_seconds=0.5)
    await verifier.verify(idp.token())
    await asyncio.sleep(0.6)  # the cooldown of the first load is over
    before = idp.jwks_requests

    async def fifty_unknown_kids() -> None:
        forged = [idp.token(kid=f"made-up-{n}") for n in range(50)]
        results = await asyncio.gather(*map(verifier.verify, forged), return_exceptions=True)
        assert all(isinstance(r, UnauthorizedError) for r in results)

    await fifty_unknown_kids()
    assert idp.jwks_requests - before == 1
    await fifty_unknown_kids()  # within the cooldown: no fetch at all
    assert idp.jwks_requests - before == 1
    assert (await verifier.verify(idp.token())).user_id == "user-1"


async def test_an_unreachable_jwks_is_503_not_401(idp) -> None:
    verifier = TokenVerifier(
        "http://127.0.0.1:9/jwks.json", issuer=ISSUER, audience=AUDIENCE
    )  # port 9: discard, nothing listens
    with pytest.raises(UnavailableError):
        await verifier.verify(idp.token())


def test_permissions_from_every_claim_style() -> None:
    claims = {"permissions": ["a"], "scope": "b c", "scp": ["d"]}
    assert permissions_of(claims) == {"a", "b", "c", "d"}
