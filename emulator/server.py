"""The local AWS emulator: moto's server behind thin WSGI layers, on 127.0.0.1 only.

Usage: .venv/bin/python emulator/server.py [--port 4566]   (EMULATOR_PORT also sets the port)
"""

import argparse
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import run_simple  # noqa: E402

from appconfig import AppConfigMiddleware  # noqa: E402
from control import ControlMiddleware  # noqa: E402
from cors import CorsMiddleware  # noqa: E402
from password_check import SrpPasswordCheck  # noqa: E402
from credentials import Credentials, CredentialsMiddleware  # noqa: E402
from pipelines import PipelinesMiddleware  # noqa: E402
from runs import settings as run_settings  # noqa: E402


def build_app():
    moto_app = DomainDispatcherApplication(create_backend_app)
    credentials = Credentials()
    app = PipelinesMiddleware(moto_app)
    # Inside the CORS layer so its refusals reach the page, inside the control layer so faults
    # and the calls log cover sign-in too.
    app = SrpPasswordCheck(app)
    app = CredentialsMiddleware(app, credentials)
    app = CorsMiddleware(app)
    # Outside CORS, so the calls log records the status the page really gets (e.g. 501 for
    # moto's HTML 500s) and injected delays and faults come before anything else happens.
    app = ControlMiddleware(app, credentials, run_settings)
    # Outermost: its one path, /_emulator/designer.config.json, is not a control endpoint.
    return AppConfigMiddleware(app)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", "4566")))
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    if os.environ.get("EMULATOR_QUIET") == "1":
        # Test runs print the server's stderr; one line per request would drown their report.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    print(f"emulator: listening on http://127.0.0.1:{args.port}", flush=True)
    run_simple("127.0.0.1", args.port, build_app(), threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
