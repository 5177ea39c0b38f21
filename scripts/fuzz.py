"""`make fuzz`: schemathesis against the live server, checked against openapi.yaml.

Starts `qcdc serve` on a free port with a fresh SQLite database in a temporary directory (the
official units and the demo dataset loaded, the legal day pinned), signs in as the bootstrap
administrator (granted `petitions:confidential`, so the confidential routes are reached too),
and runs every schemathesis check but positive-data acceptance (a generated id names nothing, so
valid requests are refused with 404 or 422 by design), with the stateful phase following the
contract's links, a fixed seed and a bounded number of examples. Any failure fails the target.

    .venv/bin/python scripts/fuzz.py [extra schemathesis options]
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
TODAY = "2026-11-26"
SEED = "20261126"
# Examples per operation and stateful scenarios: scripts/schemathesis.toml.
CONFIG = ROOT / "scripts" / "schemathesis.toml"
# A whole-country load rewrites 14,000 units: minutes per call, and nothing a fuzzer learns from.
EXCLUDED = ["units-official-loads-create"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> bytes:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return bytes(response.read())


def wait_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"qcdc serve stopped:\n{log.read_text()[-3000:]}")
        try:
            call(f"{base}/readyz")
            return
        except OSError:
            time.sleep(1)
    sys.exit("qcdc serve did not become ready in 5 minutes")


def sign_in(api: str, password: str) -> str:
    form = urllib.parse.urlencode({"username": "admin", "password": password}).encode()
    tokens = json.loads(
        call(f"{api}/auth/token", form, {"Content-Type": "application/x-www-form-urlencoded"})
    )
    token = str(tokens["access_token"])
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    me = json.loads(call(f"{api}/auth/me", headers=auth))
    grant = json.dumps({"grants": ["petitions:confidential"]}).encode()
    call(f"{api}/users/{me['id']}", grant, auth, method="PATCH")
    return token


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    password = "fuzz-" + secrets.token_hex(12)
    with tempfile.TemporaryDirectory(prefix="qcdc-fuzz-") as tmp:
        env = {
            **os.environ,
            "QCDC_ENVIRONMENT": "development",
            "QCDC_DATA_DIR": tmp,
            "QCDC_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/fuzz.sqlite3",
            "QCDC_SECRET_KEY": secrets.token_urlsafe(48),
            "QCDC_DEMO": "true",
            "QCDC_LOAD_OFFICIAL_UNITS": "true",
            "QCDC_TODAY": TODAY,
            "QCDC_BOOTSTRAP_ADMIN_PASSWORD": password,
            "QCDC_HOST": "127.0.0.1",
            "QCDC_PORT": str(port),
            "QCDC_WORKERS": "1",
            "QCDC_LOG_LEVEL": "WARNING",
            # One token for the whole run, and no lock-out by the fuzzer's own sign-in attempts.
            "QCDC_ACCESS_TOKEN_MINUTES": "120",
            "QCDC_SIGN_IN_ATTEMPTS_PER_ADDRESS": "100000",
        }
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                [str(BIN / "qcdc"), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT
            )
        try:
            wait_ready(base, server, log)
            token = sign_in(f"{base}/api/v1", password)
            command = [
                str(BIN / "schemathesis"),
                "--config-file",
                str(CONFIG),
                "run",
                f"{base}/api/v1/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                "all",
                "--exclude-checks",
                "positive_data_acceptance",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--seed",
                SEED,
                "--workers",
                "1",
                "--request-timeout",
                "30",
                "--no-color",
                *(f"--exclude-operation-id={op}" for op in EXCLUDED),
                *sys.argv[1:],
            ]
            return subprocess.run(command, cwd=tmp, check=False).returncode
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            if server.returncode not in (0, -15, None):
                print(log.read_text()[-3000:])


if __name__ == "__main__":
    sys.exit(main())
