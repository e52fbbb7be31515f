"""Request bodies larger than MAX_BODY_BYTES are refused with 413 `payload_too_large`,
before anything parses them.

A declared Content-Length over the limit is answered at once, without reading a byte.
A chunked body (no Content-Length) is counted while the route reads it; once over the
limit, reading stops with an HTTPException(413), which FastAPI passes on to the error
handlers (app.errors) like any other.
"""

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.models.errors import error_body

TOO_LARGE = "the request body is larger than {limit} bytes"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            message = TOO_LARGE.format(limit=self.max_bytes)
            response = JSONResponse(error_body("payload_too_large", message), status_code=413)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, TOO_LARGE.format(limit=self.max_bytes))
            return message

        await self.app(scope, counting_receive, send)
