"""Reports service: revenue reports and CSV exports for the finance team."""

from flask import Flask

from reports.cli import register_commands
from reports.config import Settings
from reports.db import init_db
from reports.errors import register_error_handlers
from reports.observability import configure_logging, register_request_log
from reports.routes.exports import bp as exports_bp
from reports.routes.health import bp as health_bp
from reports.routes.reports import bp as reports_bp


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)

    app = Flask(__name__, static_folder=None)  # an API: no static files
    app.config["SETTINGS"] = settings
    init_db(app, settings.database_url)
    register_request_log(app)
    register_error_handlers(app)
    register_commands(app)

    app.register_blueprint(health_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(exports_bp)
    return app
