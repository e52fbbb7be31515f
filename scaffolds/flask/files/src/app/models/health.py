"""What /health answers: overall status and each dependency's."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

CheckStatus = Literal["ok", "down"]


class HealthChecks(BaseModel):
    model_config = ConfigDict(extra="forbid")

{{#db_postgres}}
    db: CheckStatus
{{/db_postgres}}
    redis: CheckStatus


class Health(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["ok", "unavailable"]
    checks: HealthChecks
