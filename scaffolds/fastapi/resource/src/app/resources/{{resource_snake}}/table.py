"""The {{resource_snake}} table. A change here needs a migration in db/migrations."""

from datetime import datetime
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.tables import Base


class {{resource_singular_pascal}}Row(Base):
    __tablename__ = "{{resource_snake}}"
    # Pages are read in this order.
    __table_args__ = (sa.Index(f"{__tablename__}_created_at_id_idx", "created_at", "id"),)

    id: Mapped[UUID] = mapped_column(primary_key=True, server_default=sa.text("gen_random_uuid()"))
{{#fields}}
    {{name}}: Mapped[{{#type_string}}str{{/type_string}}{{#type_text}}str{{/type_text}}{{#type_int}}int{{/type_int}}{{#type_number}}float{{/type_number}}{{#type_bool}}bool{{/type_bool}}{{#type_datetime}}datetime{{/type_datetime}}{{#type_uuid}}UUID{{/type_uuid}}{{#nullable}} | None{{/nullable}}] = mapped_column({{#type_string}}sa.String(200){{/type_string}}{{#type_text}}sa.Text{{/type_text}}{{#type_int}}sa.BigInteger{{/type_int}}{{#type_number}}sa.Double{{/type_number}}{{#type_bool}}sa.Boolean{{/type_bool}}{{#type_datetime}}sa.DateTime(timezone=True){{/type_datetime}}{{#type_uuid}}sa.Uuid{{/type_uuid}})
{{/fields}}
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), server_default=sa.func.now()
    )
    # The client's Idempotency-Key of the create (unique) and the hash of its body.
    idempotency_key: Mapped[str | None] = mapped_column(sa.Text, unique=True)
    request_hash: Mapped[str | None] = mapped_column(sa.Text)
