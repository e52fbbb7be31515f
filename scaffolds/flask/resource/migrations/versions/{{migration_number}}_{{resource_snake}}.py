"""Create {{resource_snake}}.

Revision ID: {{migration_number}}
Revises: {{previous_migration}}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "{{migration_number}}"
down_revision: str | None = {{#first_migration}}None{{/first_migration}}{{^first_migration}}"{{previous_migration}}"{{/first_migration}}
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "{{resource_snake}}",
        sa.Column("id", sa.Uuid(), primary_key=True),
{{#fields}}
        sa.Column("{{name}}", {{#type_string}}sa.String(200){{/type_string}}{{#type_text}}sa.Text(){{/type_text}}{{#type_int}}sa.BigInteger(){{/type_int}}{{#type_number}}sa.Double(){{/type_number}}{{#type_bool}}sa.Boolean(){{/type_bool}}{{#type_datetime}}sa.DateTime(timezone=True){{/type_datetime}}{{#type_uuid}}sa.Uuid(){{/type_uuid}}, nullable={{#nullable}}True{{/nullable}}{{^nullable}}False{{/nullable}}),
{{/fields}}
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    # Pages are read oldest first.
    op.create_index(
        "{{resource_snake}}_created_at_idx",
        "{{resource_snake}}",
        ["created_at", "id"],
    )


def downgrade() -> None:
    op.drop_table("{{resource_snake}}")
