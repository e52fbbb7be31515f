"""Routes that take a body take JSON: any other Content-Type (or none) is 415
`unsupported_media_type`, instead of a 422 about a body FastAPI never parsed."""

from email.message import Message

from starlette.requests import Request

from app.errors import UnsupportedMediaTypeError


def is_json(content_type: str) -> bool:
    parsed = Message()
    parsed["content-type"] = content_type
    subtype = parsed.get_content_subtype()
    return parsed.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def require_json_body(request: Request) -> None:
    """A dependency of the routes with a body. A request without a body passes here and
    gets 422 `validation_failed` (body required) from the route."""
    has_body = request.headers.get("content-length", "0") != "0" or (
        "transfer-encoding" in request.headers
    )
    if has_body and not is_json(request.headers.get("content-type", "")):
        raise UnsupportedMediaTypeError()
