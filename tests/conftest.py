"""Shared fixtures: a real PostgreSQL server for the session, fresh stores, the seed corpus.

PostgreSQL: set `TACITUS_TEST_PG_URL` to use an existing server (the URL's user must be
allowed to create databases); otherwise the session starts a throwaway server from Debian's
binaries (`make test` installs them when it runs as root). When neither is possible, the
PostgreSQL variants skip with the reason; the SQLite variants always run.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PG_URL_ENV = "TACITUS_TEST_PG_URL"
PG_DATABASE = "tacitus_test"
_PG_START_TIMEOUT = 60


# --------------------------------------------------------------------------- slow tests


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip_slow = pytest.mark.skip(reason="slow test: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


# --------------------------------------------------------------------------- seed corpus


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = (REPO_ROOT / "../shared/corpus/seeds").resolve()
    if not path.is_dir():
        pytest.skip(f"seed corpus not found at {path}")
    return path


# --------------------------------------------------------------------------- PostgreSQL


def _version_key(path: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin/initdb: prefer the newest installed server.
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def find_pg_bindir() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`, or None when PostgreSQL is not installed."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version_key)
    for initdb in reversed(candidates):
        if (initdb.parent / "pg_ctl").exists():
            return initdb.parent
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class _PgServer:
    """A throwaway PostgreSQL cluster in a private directory under /tmp."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="tacitus-pg-", dir="/tmp"))  # mode 0700
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.started = False
        if self.as_root:
            # initdb refuses to run as root; the cluster belongs to the `postgres` user.
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command,
            cwd=self.root,  # the postgres user may not be able to read the caller's cwd
            capture_output=True,
            text=True,
            timeout=_PG_START_TIMEOUT,
            check=False,
        )

    def start(self) -> str | None:
        """Start the server; return None on success, else why it failed."""
        done = self.run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        if done.returncode != 0:
            return f"initdb failed: {(done.stderr or done.stdout).strip()[-500:]}"
        for _attempt in range(3):  # the free port can be taken between probing and binding
            self.port = _free_port()
            options = (
                f"-F -c fsync=off -c listen_addresses=127.0.0.1 -p {self.port} "
                f"-k {self.root} -c max_connections=200"
            )
            done = self.run(
                "pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w",
                "-t", str(_PG_START_TIMEOUT - 10), "-o", options,
            )  # fmt: skip
            if done.returncode == 0:
                self.started = True
                return None
        return f"pg_ctl start failed: {done.stderr.strip()[-300:]}; log: {_tail(self.log)}"

    def stop(self) -> None:
        if self.started:
            self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _pg_unavailable_reason(bindir: Path | None) -> str | None:
    if bindir is None:
        return (
            "PostgreSQL server binaries not found (install Debian's postgresql; "
            "`make test` does this as root)"
        )
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root but `runuser` (util-linux) is missing to start PostgreSQL"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root but there is no `postgres` user to own the test cluster"
    return None


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL database on which the test user may create databases."""
    try:
        import psycopg  # noqa: PLC0415 - optional dependency, only needed here
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'tacitus[postgres]')")

    existing = os.environ.get(PG_URL_ENV)
    if existing:
        try:
            psycopg.connect(existing, connect_timeout=10).close()
        except psycopg.Error as exc:
            pytest.skip(f"{PG_URL_ENV}={existing} is not reachable: {exc}")
        yield existing
        return

    bindir = find_pg_bindir()
    reason = _pg_unavailable_reason(bindir)
    if reason or bindir is None:
        pytest.skip(reason or "PostgreSQL server binaries not found")
    server = _PgServer(bindir)
    try:
        failure = server.start()
        if failure:
            pytest.skip(f"could not start a PostgreSQL test server: {failure}")
        admin = f"postgresql://postgres@127.0.0.1:{server.port}/postgres"
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        yield f"postgresql://postgres@127.0.0.1:{server.port}/{PG_DATABASE}"
    finally:
        server.stop()


def _with_database(url: str, database: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(url).set(database=database).render_as_string(hide_password=False)


@pytest.fixture
def pg_database_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg  # noqa: PLC0415

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield _with_database(pg_server_url, name)
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --------------------------------------------------------------------------- stores


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for a fresh, empty store on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_database_url"))


# --------------------------------------------------------------------------- browser

ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium phones home at start, and this machine's closed network refuses it
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Debian's Chromium (installed by `make test` as root), or another on PATH."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests save screenshots: test-artifacts/ at the repository root."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, shared by the session; skips with the reason
    when Playwright or Chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    Error, sync_playwright = sync_api.Error, sync_api.sync_playwright
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium not found (make test installs Debian's chromium when run as root)")
    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"Chromium at {executable} did not start: {str(exc).splitlines()[0]}")
        yield instance
        instance.close()
