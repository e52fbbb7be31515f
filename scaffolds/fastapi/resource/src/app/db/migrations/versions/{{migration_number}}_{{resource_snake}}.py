"""{{resource_snake}}: a resource `svc add resource` added.

Revision ID: {{migration_number}}
Revises: {{previous_migration}}
"""

import sqlalchemy as sa
from alembic import op

revision = "{{migration_number}}"
down_revision = {{#first_migration}}None{{/first_migration}}{{^first_migration}}"{{previous_migration}}"{{/first_migration}}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "{{resource_snake}}",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
{{#fields}}
        sa.Column("{{name}}", {{#type_string}}sa.String(200){{/type_string}}{{#type_text}}sa.Text(){{/type_text}}{{#type_int}}sa.BigInteger(){{/type_int}}{{#type_number}}sa.Double(){{/type_number}}{{#type_bool}}sa.Boolean(){{/type_bool}}{{#type_datetime}}sa.DateTime(timezone=True){{/type_datetime}}{{#type_uuid}}sa.Uuid(){{/type_uuid}}, nullable={{#nullable}}True{{/nullable}}{{^nullable}}False{{/nullable}}),
{{/fields}}
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("idempotency_key", sa.Text(), nullable=True),
        sa.Column("request_hash", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key", name="{{resource_snake}}_idempotency_key_key"),
    )
    op.create_index(
        "{{resource_snake}}_created_at_id_idx",
        "{{resource_snake}}",
        ["created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index(
        "{{resource_snake}}_created_at_id_idx",
        table_name="{{resource_snake}}",
    )
    op.drop_table("{{resource_snake}}")
