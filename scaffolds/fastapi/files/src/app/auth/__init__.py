"""Access tokens: short-lived JWTs signed by the identity provider, checked against its JWKS."""
