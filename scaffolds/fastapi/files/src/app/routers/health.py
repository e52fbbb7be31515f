"""GET /health: 200 when every dependency answers, 503 naming the one that does not.
Load balancers and orchestrators probe it; it is not rate limited."""

from fastapi import APIRouter, Request, Response

from app.health import check_health
from app.models.health import Health

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "A dependency is down"}},
    summary="Service and dependency health",
)
async def health(request: Request, response: Response) -> Health:
    report = await check_health(request.app.state.health_checks)
    if report.status != "ok":
        response.status_code = 503
    return report
