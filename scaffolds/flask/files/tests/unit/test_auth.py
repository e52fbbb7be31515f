"""Token verification against a locally generated JWKS."""

from typing import Any

import pytest

from app.auth import JwksKeys, TokenVerifier
from app.errors import Unauthorized
from support.tokens import LocalIssuer


@pytest.fixture(scope="module")
def issuer() -> LocalIssuer:
    return LocalIssuer()


@pytest.fixture
def verifier(issuer: LocalIssuer) -> TokenVerifier:
    return issuer.verifier()


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


def test_clock_skew_is_tolerated_up_to_the_leeway(
    issuer: LocalIssuer, verifier: TokenVerifier
) -> None:
    verifier.verify(issuer.token("user-1", [], lifetime=300, age=310))  # expired 10 s ago
    with pytest.raises(Unauthorized, match="token expired"):
        verifier.verify(issuer.token("user-1", [], lifetime=300, age=360))  # 60 s ago


def test_a_token_signed_by_another_key_is_refused(verifier: TokenVerifier) -> None:
    with pytest.raises(Unauthorized, match="invalid token"):
        verifier.verify(LocalIssuer().token("user-1", []))


def test_a_token_for_another_audience_is_refused(
    issuer: LocalIssuer, verifier: TokenVerifier
) -> None:
    with pytest.raises(Unauthorized, match="invalid token"):
        verifier.verify(issuer.token("user-1", [], audience="https://another-api.test/"))


@pytest.mark.parametrize("typ", ["JWT", ""])
def test_an_id_token_is_not_an_access_token(
    issuer: LocalIssuer, verifier: TokenVerifier, typ: str
) -> None:
    with pytest.raises(Unauthorized, match="not an access token"):
        verifier.verify(issuer.token("user-1", [], typ=typ))


def test_the_token_type_check_can_be_relaxed(issuer: LocalIssuer) -> None:
    assert issuer.verifier().verify(issuer.token("u", [], typ="application/AT+JWT")).user_id == "u"
    assert issuer.verifier(token_type="any").verify(issuer.token("u", [], typ="JWT")).user_id == "u"


def test_unknown_kids_refetch_the_jwks_at_most_once_per_cooldown(issuer: LocalIssuer) -> None:
    fetches: list[float] = []
    now = [1000.0]

    def fetch() -> dict[str, Any]:
        fetches.append(now[0])
        return issuer.jwks

    keys = JwksKeys("", refetch_cooldown=30, fetch=fetch, clock=lambda: now[0])
    verifier = TokenVerifier(keys, *issuer.verifier_claims())
    verifier.verify(issuer.token("u", []))
    for n in range(5):
        with pytest.raises(Unauthorized):
            verifier.verify(issuer.token("u", [], kid=f"made-up-{n}"))
    assert len(fetches) == 1
    now[0] += 31
    with pytest.raises(Unauthorized):
        verifier.verify(issuer.token("u", [], kid="made-up-again"))
    assert len(fetches) == 2
