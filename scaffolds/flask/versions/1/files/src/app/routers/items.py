"""/v1/items: list, get, create, update and delete the example resource."""

from flask_openapi3 import APIBlueprint, Tag

{{#auth_jwks}}
from app.auth import require_permission
{{/auth_jwks}}
from app.deps import deps
from app.errors import NotFound
from app.models.errors import ErrorResponse
from app.models.items import Item, ItemCreate, ItemList, ItemPath, ItemQuery, ItemUpdate

JsonResponse = tuple[dict[str, object], int]

# Error answers every endpoint may give, documented in the OpenAPI document.
ERRORS = {400: ErrorResponse, {{#auth_jwks}}401: ErrorResponse, 403: ErrorResponse, {{/auth_jwks}}429: ErrorResponse}

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


@items.get("", responses={200: ItemList})
{{#auth_jwks}}
@require_permission("items:read")
{{/auth_jwks}}
def list_items(query: ItemQuery) -> JsonResponse:
    found = deps().items.list(query.limit, query.offset)
    return ItemList(items=found).model_dump(mode="json"), 200


@items.get("/<uuid:item_id>", responses={200: Item, 404: ErrorResponse})
{{#auth_jwks}}
@require_permission("items:read")
{{/auth_jwks}}
def get_item(path: ItemPath) -> JsonResponse:
    item = deps().items.get(path.item_id)
    if item is None:
        raise NotFound("item not found")
    return _item(item)


@items.post("", responses={201: Item})
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def create_item(body: ItemCreate) -> JsonResponse:
    d = deps()
    item = d.items.create(body)
{{^queue_none}}
    d.events.item_created(item)
{{/queue_none}}
    return _item(item, 201)


@items.patch("/<uuid:item_id>", responses={200: Item, 404: ErrorResponse})
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def update_item(path: ItemPath, body: ItemUpdate) -> JsonResponse:
    item = deps().items.update(path.item_id, body)
    if item is None:
        raise NotFound("item not found")
    return _item(item)


@items.delete("/<uuid:item_id>", responses={204: None, 404: ErrorResponse})
{{#auth_jwks}}
@require_permission("items:write")
{{/auth_jwks}}
def delete_item(path: ItemPath) -> tuple[str, int]:
    if not deps().items.delete(path.item_id):
        raise NotFound("item not found")
    return "", 204
