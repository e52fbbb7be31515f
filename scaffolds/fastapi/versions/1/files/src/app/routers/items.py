"""/v1/items: the example resource. Copy this module for the next resource."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status

{{#auth_jwks}}
from app.deps import get_items, rate_limit, require_permission
{{/auth_jwks}}{{^auth_jwks}}
from app.deps import get_items, rate_limit
{{/auth_jwks}}from app.errors import NotFoundError
from app.items.repository import ItemRepository
from app.models.errors import ERROR_RESPONSES
from app.models.items import CreateItem, Item, ItemList, UpdateItem

router = APIRouter(
    prefix="/v1/items",
    tags=["items"],
    dependencies=[Depends(rate_limit)],
    responses=ERROR_RESPONSES,
)

Items = Annotated[ItemRepository, Depends(get_items)]{{#auth_jwks}}
CanRead = [require_permission("items:read")]
CanWrite = [require_permission("items:write")]{{/auth_jwks}}{{^auth_jwks}}
CanRead: list = []
CanWrite: list = []{{/auth_jwks}}


@router.get("", dependencies=CanRead, summary="List items, oldest first")
async def list_items(
    items: Items,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ItemList:
    page = await items.list(limit=limit + 1, offset=offset)
    next_offset = offset + limit if len(page) > limit else None
    return ItemList(items=page[:limit], next_offset=next_offset)


@router.get("/{item_id}", dependencies=CanRead, summary="Get one item")
async def get_item(item_id: UUID, items: Items) -> Item:
    item = await items.get(item_id)
    if item is None:
        raise NotFoundError("item")
    return item


@router.post(
    "", status_code=status.HTTP_201_CREATED, dependencies=CanWrite, summary="Create an item"
)
async def create_item(body: CreateItem, items: Items, request: Request) -> Item:
    item = await items.create(body)
{{^queue_none}}
    await request.app.state.events.item_created(item)
{{/queue_none}}    return item


@router.patch("/{item_id}", dependencies=CanWrite, summary="Change some fields of an item")
async def update_item(item_id: UUID, body: UpdateItem, items: Items) -> Item:
    item = await items.update(item_id, body)
    if item is None:
        raise NotFoundError("item")
    return item


@router.delete(
    "/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=CanWrite,
    summary="Delete an item",
)
async def delete_item(item_id: UUID, items: Items) -> Response:
    if not await items.delete(item_id):
        raise NotFoundError("item")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
