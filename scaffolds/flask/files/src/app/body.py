"""Checks a request body before anything parses it: its size, its media type, and that
it is JSON at all. Schema validation comes later, in the routes (422)."""

from flask import request
from werkzeug.exceptions import BadRequest as MalformedBody

from app.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType


def check_body() -> None:
    """A before_request hook. MAX_CONTENT_LENGTH (MAX_BODY_BYTES) also stops a chunked
    body while it is read: werkzeug raises its 413, answered as payload_too_large."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise PayloadTooLarge(details={"max_bytes": limit})
    has_body = bool(request.content_length) or request.headers.get("Transfer-Encoding")
    if not has_body:
        return
    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        request.get_json()
    except MalformedBody:
        raise BadRequest() from None
