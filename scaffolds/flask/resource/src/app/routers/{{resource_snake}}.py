"""/v1/{{resource}}: list, get, create, update and delete.

Written by `svc add resource` after the example resource (routers/items.py). The models
are imported as one module, `schemas`: imported by name, their place among the sorted
imports would depend on the resource's name.
{{^queue_none}}

Unlike create_item, creating one enqueues no background job. To add one, do as
create_item does{{#db_postgres}} (through the outbox: app/db/outbox.py){{/db_postgres}}.
{{/queue_none}}
"""

from flask import g
from flask_openapi3 import APIBlueprint, Tag

{{#auth_jwks}}
from app.auth import require_permission
{{/auth_jwks}}
from app.deps import deps
from app.errors import NotFound
from app.items.idempotency import IdempotencyKey, fingerprint
from app.models import {{resource_snake}} as schemas
from app.models.errors import ErrorResponse
from app.models.items import CreateHeaders

JsonResponse = tuple[dict[str, object], int]

# Error answers every endpoint may give, documented in the OpenAPI document. Operation
# ids are set by hand: they name the generated client's functions and hooks.
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
    503: ErrorResponse,  # a dependency is down
}

{{resource_snake}} = APIBlueprint(
    "{{resource_snake}}",
    __name__,
    url_prefix="/v1/{{resource}}",
    abp_tags=[Tag(name="{{resource}}")],
{{#auth_jwks}}
    abp_security=[{"bearer": []}],
{{/auth_jwks}}
    abp_responses=ERRORS,
)


def _one(found: schemas.{{resource_singular_pascal}}, status: int = 200) -> JsonResponse:
    return found.model_dump(mode="json"), status


@{{resource_snake}}.get(
    "",
    responses={200: schemas.{{resource_singular_pascal}}List},
    operation_id="list_{{resource_snake}}",
)
{{#auth_jwks}}
@require_permission("{{resource}}:read")
{{/auth_jwks}}
def list_{{resource_snake}}(query: schemas.{{resource_singular_pascal}}Query) -> JsonResponse:
    # One more than asked tells whether a next page exists, without a COUNT.
    found = deps().{{resource_snake}}.list(query.limit + 1, query.offset)
    more = len(found) > query.limit
    page = schemas.{{resource_singular_pascal}}List(
        items=found[: query.limit], next_offset=query.offset + query.limit if more else None
    )
    return page.model_dump(mode="json"), 200


@{{resource_snake}}.get(
    "/<uuid:{{resource_singular_snake}}_id>",
    responses={200: schemas.{{resource_singular_pascal}}, 404: ErrorResponse},
    operation_id="get_{{resource_singular_snake}}",
)
{{#auth_jwks}}
@require_permission("{{resource}}:read")
{{/auth_jwks}}
def get_{{resource_singular_snake}}(path: schemas.{{resource_singular_pascal}}Path) -> JsonResponse:
    found = deps().{{resource_snake}}.get(path.{{resource_singular_snake}}_id)
    if found is None:
        raise NotFound("{{resource_singular_title}} not found")
    return _one(found)


@{{resource_snake}}.post(
    "",
    responses={201: schemas.{{resource_singular_pascal}}, 409: ErrorResponse},
    operation_id="create_{{resource_singular_snake}}",
)
{{#auth_jwks}}
@require_permission("{{resource}}:write")
{{/auth_jwks}}
def create_{{resource_singular_snake}}(
    body: schemas.{{resource_singular_pascal}}Create,
    header: CreateHeaders,
) -> tuple[dict[str, object], int, dict[str, str]]:
    key = None
    if header.idempotency_key is not None:
        caller = g.user.user_id if g.get("user") else ""
        # Keys live in one table for every resource: the scope makes a key sent to two
        # resources a conflict, never the replay of the other resource's answer.
        scoped = fingerprint(body, scope="{{resource}}")
        key = IdempotencyKey(caller, header.idempotency_key, scoped)
    created = deps().{{resource_snake}}.create(body, key)
    replayed = {"Idempotent-Replayed": "true"} if created.replayed else {}
    return created.item.model_dump(mode="json"), 201, replayed


@{{resource_snake}}.patch(
    "/<uuid:{{resource_singular_snake}}_id>",
    responses={200: schemas.{{resource_singular_pascal}}, 404: ErrorResponse},
    operation_id="update_{{resource_singular_snake}}",
)
{{#auth_jwks}}
@require_permission("{{resource}}:write")
{{/auth_jwks}}
def update_{{resource_singular_snake}}(
    path: schemas.{{resource_singular_pascal}}Path,
    body: schemas.{{resource_singular_pascal}}Update,
) -> JsonResponse:
    found = deps().{{resource_snake}}.update(path.{{resource_singular_snake}}_id, body)
    if found is None:
        raise NotFound("{{resource_singular_title}} not found")
    return _one(found)


@{{resource_snake}}.delete(
    "/<uuid:{{resource_singular_snake}}_id>",
    responses={204: None, 404: ErrorResponse},
    operation_id="delete_{{resource_singular_snake}}",
)
{{#auth_jwks}}
@require_permission("{{resource}}:write")
{{/auth_jwks}}
def delete_{{resource_singular_snake}}(path: schemas.{{resource_singular_pascal}}Path) -> tuple[str, int]:
    if not deps().{{resource_snake}}.delete(path.{{resource_singular_snake}}_id):
        raise NotFound("{{resource_singular_title}} not found")
    return "", 204
