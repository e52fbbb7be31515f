"""Pydantic models of the API: the contract. The OpenAPI document is generated from
them, and clients generate their types from that document."""
