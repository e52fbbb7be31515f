import os

from sqlalchemy import create_engine

# A service that owns no table is not asked to.
# svc-ok: local/engine-pre-ping
sessions = create_engine(os.environ["SESSIONS_URL"])
