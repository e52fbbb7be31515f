from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    # Always 200, even when Postgres is down: the orchestrator keeps routing traffic
    # to an instance that can only answer with errors.
    return {"status": "ok"}
