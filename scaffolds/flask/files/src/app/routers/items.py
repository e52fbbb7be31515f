"""/v1/items: list, get, create, update and delete the example resource."""

from flask import g
from flask_openapi3 import APIBlueprint, Tag

{{#auth_jwks}}
from app.auth import require_permission
{{/auth_jwks}}
from app.deps import deps
from app.errors import NotFound{{^db_postgres}}{{^queue_none}}, Unavailable{{/queue_none}}{{/db_postgres}}
from app.items.idempotency import IdempotencyKey, fingerprint
{{#db_postgres}}
{{^queue_none}}
from app.jobs.producer import item_created_job_id
{{/queue_none}}
{{/db_postgres}}
{{^db_postgres}}
{{^queue_none}}
from app.log import get_logger
{{/queue_none}}
{{/db_postgres}}
from app.models.errors import ErrorResponse
from app.models.items import (
    CreateHeaders,
    Item,
    ItemCreate,
    ItemList,
    ItemPath,
    ItemQuery,
    ItemUpdate,
)

JsonResponse = tuple[dict[str, object], int]
{{^db_postgres}}
{{^queue_none}}
log = get_logger(__name__)
{{/queue_none}}
{{/db_postgres}}

# Error answers every endpoint may give, documented in the OpenAPI document. Operation
# ids are set by hand: they name the generated client's functions and hooks, so they
# must not change when a route or a module does.
ERRORS = {
    400: ErrorResponse,
{{#auth_jwks}}
    401: ErrorResponse,
    403: ErrorResponse,
{{/auth_jwks}}
    413: ErrorResponse,
    415: ErrorResponse,
    422: ErrorResponse,
    429: ErrorResponse,
    503: ErrorResponse,  # a dependency is down: the identity provider's keys, the queue
}

items = APIBlueprint(
    "items",
    __name__,
    url_prefix="/v1/items",
    abp_tags=[Tag(name="items")],
{{#auth_jwks}}
    abp_security=[{"bearer": []}],
{{/auth_jwks}}
    abp_responses=ERRORS,
)


def _item(item: Item, status: int = 200) -> JsonResponse:
    return item.model_dump(mode="json"), status


@items.get("", responses={200: ItemList}, operation_id="list_items")
{{#auth_jwks}}
@require_permission("items:read")
{{/auth_jwks}}
def list_items(query: ItemQuery) -> JsonResponse:
    # One more than asked tells whether a next page exists, without a COUNT.
    found = deps().items.list(query.limit + 1, query.offset)
    more = len(found) > query.limit
    page = ItemList(
        items=found[: query.limit], next_offset=query.offset + query.limit if more else None
    )
    return page.model_dump(mode="json"), 200


@items.get("/<uuid:item_id>", responses={200: Item, 404: ErrorResponse}, operation_id="get_item")
{{#auth_jwks}}
@require_permission("items:read")
{{/auth_jwks}}
def get_item(path: ItemPath) -> JsonResponse:
    item = deps().items.get(path.item_id)
    if item is None:
        raise NotFound("item not found")
    return _item(item)


@items.post("", responses={201: Item, 409: ErrorResponse}, operation_id="create_item")
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def create_item(
    body: ItemCreate, header: CreateHeaders
) -> JsonResponse | tuple[dict[str, object], int, dict[str, str]]:
    d = deps()
    key = None
    if header.idempotency_key is not None:
        caller = g.user.user_id if g.get("user") else ""
        key = IdempotencyKey(caller, header.idempotency_key, fingerprint(body))
    created = d.items.create(body, key)
    if created.replayed:
        return created.item.model_dump(mode="json"), 201, {"Idempotent-Replayed": "true"}
{{#db_postgres}}
{{^queue_none}}
    # The job is in the outbox already (same transaction as the item): when Redis cannot
    # take it now, the worker's sweep enqueues it in a few seconds.
    d.outbox.send(item_created_job_id(created.item))
{{/queue_none}}
{{/db_postgres}}
{{^db_postgres}}
{{^queue_none}}
    try:
        d.events.item_created(created.item)
    except Exception as error:
        # Without a database there is no outbox: undo the create, so that nothing exists
        # without its job and the client can retry safely.
        d.items.delete(created.item.id)
        log.warning("job not enqueued, item not created", error=repr(error))
        raise Unavailable("the job queue is unavailable, retry later") from None
{{/queue_none}}
{{/db_postgres}}
    return _item(created.item, 201)


@items.patch(
    "/<uuid:item_id>", responses={200: Item, 404: ErrorResponse}, operation_id="update_item"
)
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def update_item(path: ItemPath, body: ItemUpdate) -> JsonResponse:
    item = deps().items.update(path.item_id, body)
    if item is None:
        raise NotFound("item not found")
    return _item(item)


@items.delete(
    "/<uuid:item_id>", responses={204: None, 404: ErrorResponse}, operation_id="delete_item"
)
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def delete_item(path: ItemPath) -> tuple[str, int]:
    if not deps().items.delete(path.item_id):
        raise NotFound("item not found")
    return "", 204
