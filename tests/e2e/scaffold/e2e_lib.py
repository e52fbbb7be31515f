"""Helpers of the scaffold end-to-end checks: processes, HTTP, JSON log lines.

Standard library only. A failed check raises CheckFailed with a message that says
what was expected; the caller prints it with the tail of the process's log.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class CheckFailed(Exception):
    pass


def ok(what):
    """A verified fact, in the line format the proofs' step() echoes."""
    print(f"  ok: {what}", flush=True)


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            raise CheckFailed(f"expected a JSON body, got: {self.body[:300]!r}")

    def __repr__(self):
        return f"HTTP {self.status} {self.body[:300]!r}"


def request(url, method="GET", token=None, body=None, timeout=10):
    headers = {"Accept": "application/json"}
    data = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return Response(res.status, res.headers, res.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as err:
        return Response(err.code, err.headers, err.read().decode("utf-8", "replace"))


class Process:
    """A child process whose stdout and stderr go to one log file."""

    def __init__(self, name, argv, cwd, env, log_path):
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def alive(self):
        return self.proc.poll() is None

    def terminate_and_wait(self, timeout):
        """Sends SIGTERM; returns (exit code, seconds taken), or raises when it hangs."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise CheckFailed(f"{self.name} did not exit within {timeout} s of SIGTERM")
        finally:
            self._log.close()
        return code, time.monotonic() - started

    def kill(self):
        if self.alive():
            self.proc.kill()
            self.proc.wait()
        self._log.close()

    def log_lines(self):
        """The JSON objects among the log's lines (pino writes one per line)."""
        lines = []
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        lines.append(json.loads(line))
                    except ValueError:
                        pass
        return lines

    def wait_for_log(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(predicate(line) for line in self.log_lines()):
                return
            expect(self.alive(), f"{self.name} exited (code {self.proc.poll()}) before {what}")
            time.sleep(0.1)
        raise CheckFailed(f"{self.name}: no {what} within {timeout} s")


def wait_for_http(process, url, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        expect(process.alive(), f"{process.name} exited (code {process.proc.poll()}) before answering {url}")
        try:
            return request(url, timeout=2)
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            time.sleep(0.1)
    raise CheckFailed(f"{process.name} did not answer {url} within {timeout} s")


class StaticJsonServer:
    """Serves one JSON document on 127.0.0.1 (a JWKS, for the service under test)."""

    def __init__(self, document):
        body = json.dumps(document).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def empty_redis():
    """Empties the Redis database REDIS_URL names, so that a check starts from nothing an
    earlier one left (a failed-authentication bucket that has not refilled yet)."""
    subprocess.run(["redis-cli", "-u", os.environ["REDIS_URL"], "flushdb"], check=True, capture_output=True)


def service_env(**extra):
    env = dict(os.environ)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_checks(process, checks):
    """Runs checks() against process; returns the exit code. A failure prints what was
    expected and the tail of the process's log. The process never outlives this."""
    try:
        checks()
    except CheckFailed as err:
        process.kill()
        print(f"FAILED: {err}\n--- last lines of {process.log_path}:\n{tail(process.log_path)}", file=sys.stderr)
        return 1
    finally:
        process.kill()
    return 0


def add_command_arguments(parser):
    """--env NAME=VALUE (repeatable) for the process's environment; the command itself
    follows `--` (see parse_with_command)."""
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="an extra environment variable for the process")


def parse_with_command(parser, argv=None):
    """Parses `OPTIONS... -- COMMAND...`: the command is everything after the first `--`,
    run in the service's folder (a relative path resolves from there)."""
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        parser.error("the command to run comes after --")
    cut = argv.index("--")
    args = parser.parse_args(argv[:cut])
    args.command = argv[cut + 1:]
    extra = {}
    for item in args.env:
        name, sep, value = item.partition("=")
        if not sep:
            parser.error(f"--env {item}: expected NAME=VALUE")
        extra[name] = value
    args.env = extra
    return args
