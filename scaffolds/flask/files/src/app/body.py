"""Checks a request body before anything parses it: its size, its media type, and that
it is JSON at all. Schema validation comes later, in the routes (422)."""

from flask import request
from werkzeug.exceptions import BadRequest as MalformedBody

from app.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType


def check_body() -> None:
    """A before_request hook. MAX_CONTENT_LENGTH (MAX_BODY_BYTES) bounds what is read."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise PayloadTooLarge(details={"max_bytes": limit})
    chunked = request.content_length is None and "chunked" in request.headers.get(
        "Transfer-Encoding", ""
    )
    if not (request.content_length or chunked):
        return
    if chunked and limit is not None and len(request.get_data()) >= limit:
        # werkzeug stops reading a chunked body at the limit: reaching it means more was sent.
        raise PayloadTooLarge(details={"max_bytes": limit})
    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        request.get_json()
    except MalformedBody:
        raise BadRequest() from None
