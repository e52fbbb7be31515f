"""/v1/{{resource}}: list, create (optional Idempotency-Key), read, update, delete.{{^queue_none}}

Unlike POST /v1/items, a create here enqueues no job. When one is needed, add it the
way items does: {{#db_postgres}}an outbox row written in the create's transaction{{/db_postgres}}{{^db_postgres}}enqueued after the create, which is undone if that fails{{/db_postgres}}.{{/queue_none}}"""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, {{^db_postgres}}Request, {{/db_postgres}}Response, status{{#db_postgres}}
from sqlalchemy.ext.asyncio import AsyncSession{{/db_postgres}}

from app.deps import {{#db_postgres}}get_session, {{/db_postgres}}rate_limit{{#auth_jwks}}, require_permission{{/auth_jwks}}
from app.errors import NotFoundError
from app.items.idempotency import REPLAYED_HEADER, IdempotencyKey, idempotency
from app.json_body import require_json_body
from app.models.errors import ERROR_RESPONSES
{{^db_postgres}}
from app.resources.{{resource_snake}}.memory_repository import Memory{{resource_singular_pascal}}Repository
{{/db_postgres}}from app.resources.{{resource_snake}}.models import (
    {{resource_singular_pascal}},
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}List,
    {{resource_singular_pascal}}Update,
)
from app.resources.{{resource_snake}}.repository import {{resource_singular_pascal}}Repository{{#db_postgres}}
from app.resources.{{resource_snake}}.sql_repository import Sql{{resource_singular_pascal}}Repository{{/db_postgres}}

router = APIRouter(
    prefix="/v1/{{resource}}",
    tags=["{{resource}}"],
    dependencies=[Depends(rate_limit)],
    responses=ERROR_RESPONSES,
)


{{#db_postgres}}
def repository(
    session: Annotated[AsyncSession, Depends(get_session)],
) -> {{resource_singular_pascal}}Repository:
    return Sql{{resource_singular_pascal}}Repository(session)
{{/db_postgres}}{{^db_postgres}}
def new_store() -> {{resource_singular_pascal}}Repository:
    """The store of one app, made by its lifespan (app.main): in memory, as items' is."""
    return Memory{{resource_singular_pascal}}Repository()


def repository(
    request: Request,
) -> {{resource_singular_pascal}}Repository:
    return request.app.state.{{resource_snake}}_store
{{/db_postgres}}


Rows = Annotated[{{resource_singular_pascal}}Repository, Depends(repository)]{{#auth_jwks}}
CanRead = [require_permission("{{resource}}:read")]
CanWrite = [require_permission("{{resource}}:write")]{{/auth_jwks}}{{^auth_jwks}}
CanRead: list = []
CanWrite: list = []{{/auth_jwks}}
JsonBody = [Depends(require_json_body)]


@router.get("", dependencies=CanRead, summary="List {{resource}}, oldest first")
async def list_{{resource_snake}}(
    rows: Rows,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> {{resource_singular_pascal}}List:
    page = await rows.list(limit=limit + 1, offset=offset)
    next_offset = offset + limit if len(page) > limit else None
    return {{resource_singular_pascal}}List({{resource_snake}}=page[:limit], next_offset=next_offset)


@router.get(
    "/{{=<% %>=}}{<%resource_singular_snake%>_id}<%={{ }}=%>",
    dependencies=CanRead,
    summary="Get one {{resource_singular}}",
)
async def get_{{resource_singular_snake}}(
    {{resource_singular_snake}}_id: UUID,
    rows: Rows,
) -> {{resource_singular_pascal}}:
    found = await rows.get({{resource_singular_snake}}_id)
    if found is None:
        raise NotFoundError("{{resource_singular}}")
    return found


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[*CanWrite, *JsonBody],
    summary="Create one {{resource_singular}}",
)
async def create_{{resource_singular_snake}}(
    body: {{resource_singular_pascal}}Create,
    rows: Rows,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> {{resource_singular_pascal}}:
    created = await rows.create(body, idempotency(idempotency_key, body))
    if created.replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return created.row


@router.patch(
    "/{{=<% %>=}}{<%resource_singular_snake%>_id}<%={{ }}=%>",
    dependencies=[*CanWrite, *JsonBody],
    summary="Change some fields of one {{resource_singular}}",
)
async def update_{{resource_singular_snake}}(
    {{resource_singular_snake}}_id: UUID,
    body: {{resource_singular_pascal}}Update,
    rows: Rows,
) -> {{resource_singular_pascal}}:
    updated = await rows.update({{resource_singular_snake}}_id, body)
    if updated is None:
        raise NotFoundError("{{resource_singular}}")
    return updated


@router.delete(
    "/{{=<% %>=}}{<%resource_singular_snake%>_id}<%={{ }}=%>",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=CanWrite,
    summary="Delete one {{resource_singular}}",
)
async def delete_{{resource_singular_snake}}(
    {{resource_singular_snake}}_id: UUID,
    rows: Rows,
) -> Response:
    if not await rows.delete({{resource_singular_snake}}_id):
        raise NotFoundError("{{resource_singular}}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
