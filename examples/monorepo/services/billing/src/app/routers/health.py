import structlog
from fastapi import APIRouter, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.deps import SessionDep

router = APIRouter(tags=["health"])
log = structlog.get_logger(__name__)


@router.get("/health")
async def health(session: SessionDep, response: Response) -> dict[str, object]:
    """200 when the database answers; 503 takes the instance out of rotation."""
    try:
        await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        log.warning("health_check_failed", dependency="database", exc_info=True)
        response.status_code = 503
        return {"status": "unavailable", "checks": {"database": "down"}}
    return {"status": "ok", "checks": {"database": "ok"}}
