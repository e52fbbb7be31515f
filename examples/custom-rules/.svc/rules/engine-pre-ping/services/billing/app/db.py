import os

from sqlalchemy import create_engine

# svc-expect: local/engine-pre-ping
engine = create_engine(os.environ["DATABASE_URL"])
# svc-ok: local/engine-pre-ping
checked = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
