import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str
    orders_database_url: str
    warehouse_url: str
    jwks_url: str
    jwt_issuer: str
    jwt_audience: str = "reports"
    export_dir: str = "/exports"
    log_level: str = "INFO"

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            database_url=os.environ["DATABASE_URL"],
            orders_database_url=os.environ["ORDERS_DATABASE_URL"],
            warehouse_url=os.environ["WAREHOUSE_URL"],
            jwks_url=os.environ["JWKS_URL"],
            jwt_issuer=os.environ["JWT_ISSUER"],
            jwt_audience=os.environ.get("JWT_AUDIENCE", "reports"),
            export_dir=os.environ.get("EXPORT_DIR", "/exports"),
            log_level=os.environ.get("LOG_LEVEL", "INFO"),
        )
