"""The API's contract: Pydantic models of every request and response body.

The OpenAPI document is generated from them; clients are generated from it.
"""
