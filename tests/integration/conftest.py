"""pytest fixtures for the Ember integration suite.

Server under test:
  * default: starts $EMBER_BIN (default <repo>/bin/ember) once per pytest
    session as `serve --addr 127.0.0.1:<free port> --warehouse <tmpdir>` with
    TZ=UTC, waits for the port, and stops it at the end. Its output goes to
    a log file whose path is printed; failing tests show the log lines the
    server wrote during that test. If the server dies it is restarted for the
    next test (and the test that killed it fails with the log tail).
  * EMBER_REMOTE=sc://host:port: use that server instead (e.g. the Spark
    oracle started by scripts/oracle, to check the harness itself).

Other knobs: EMBER_START_TIMEOUT (s, default 60), EMBER_CASE_TIMEOUT (s per
test, default 90; a test that runs out of time fails and the server is
restarted, in case it is wedged), EMBER_SUITE_BUDGET (s for all golden cases,
default 1500: later cases fail fast), EMBER_LOG_DIR (where server logs go;
default a tmp dir).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from harness.session import set_utc  # noqa: E402

set_utc()

from harness.fixtures import write_data  # noqa: E402
from harness.limits import run_with_deadline, time_limit  # noqa: E402

TEST_TIMEOUT = float(os.environ.get("EMBER_CASE_TIMEOUT", "90"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        try:
            s.connect(("127.0.0.1", port))
            return True
        except OSError:
            return False


class RemoteServer:
    """A server we did not start (EMBER_REMOTE)."""

    def __init__(self, url: str):
        self.url = url
        self.log_path = None
        self.restarts = 0

    def ensure(self):
        return None

    def alive(self) -> bool:
        return True

    def log_mark(self) -> int:
        return 0

    def log_since(self, mark: int, max_lines: int = 40) -> str:
        return ""

    def stop(self):
        pass

    def restart(self, reason: str):
        return None


class EmberServer:
    def __init__(self, binary: str, workdir: str, log_dir: str):
        self.binary = binary
        self.workdir = workdir
        self.log_dir = log_dir
        self.proc = None
        self.port = None
        self.log_path = None
        self.restarts = 0
        self._log = None

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    def start(self):
        self.port = _free_port()
        warehouse = os.path.join(self.workdir, f"warehouse-{self.restarts}")
        os.makedirs(warehouse, exist_ok=True)
        self.log_path = os.path.join(self.log_dir, f"ember-{self.restarts}.log")
        self._log = open(self.log_path, "ab")
        env = dict(os.environ, TZ="UTC")
        # Python UDFs run in the interpreter running the tests (same pyspark).
        cmd = [self.binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--warehouse", warehouse,
               "--python", sys.executable]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.workdir, env=env,
                                     start_new_session=True)
        deadline = time.time() + float(os.environ.get("EMBER_START_TIMEOUT", "60"))
        while not _port_open(self.port):
            if self.proc.poll() is not None:
                raise RuntimeError(f"ember exited with code {self.proc.returncode} during "
                                   f"start-up:\n{self.log_since(0)}")
            if time.time() > deadline:
                self.stop()
                raise RuntimeError(f"ember did not open port {self.port} in time:\n"
                                   f"{self.log_since(0)}")
            time.sleep(0.05)
        print(f"\n[ember] {' '.join(cmd)}  (log: {self.log_path})", file=sys.stderr)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure(self):
        """Restart a dead server; returns a note about the crash, or None."""
        if self.alive():
            return None
        code = self.proc.returncode if self.proc else None
        note = f"ember had exited (code {code}); restarted. Log: {self.log_path}"
        self.restarts += 1
        self.start()
        return note

    def restart(self, reason: str):
        """Stop and start afresh (e.g. after a test timed out)."""
        self.stop()
        self.restarts += 1
        print(f"\n[ember] restarting the server: {reason}", file=sys.stderr)
        self.start()

    def log_mark(self) -> int:
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_since(self, mark: int, max_lines: int = 40) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(mark)
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        ls = text.splitlines()
        if len(ls) > max_lines:
            ls = [f"... ({len(ls) - max_lines} earlier lines in {self.log_path})"] + ls[-max_lines:]
        return "\n".join(ls)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except OSError:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log:
            self._log.close()
            self._log = None


@pytest.fixture(scope="session")
def ember(tmp_path_factory):
    remote = os.environ.get("EMBER_REMOTE")
    if remote:
        yield RemoteServer(remote)
        return
    binary = os.environ.get("EMBER_BIN", os.path.join(REPO, "bin", "ember"))
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        pytest.fail(f"Ember binary {binary} not found (build it: go build -tags duckdb_arrow "
                    f"-o bin/ember ./cmd/ember, or set EMBER_BIN / EMBER_REMOTE)", pytrace=False)
    workdir = str(tmp_path_factory.mktemp("ember"))
    log_dir = os.environ.get("EMBER_LOG_DIR") or workdir
    os.makedirs(log_dir, exist_ok=True)
    server = EmberServer(binary, workdir, log_dir)
    try:
        server.start()
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)
    yield server
    server.stop()
    if server.restarts:
        print(f"\n[ember] the server crashed and was restarted {server.restarts} time(s); "
              f"logs in {log_dir}", file=sys.stderr)


@pytest.fixture(scope="session")
def data_paths():
    root = tempfile.mkdtemp(prefix="ember-it-data-")
    paths = write_data(root)
    yield root, paths
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def scratch_base():
    root = tempfile.mkdtemp(prefix="ember-it-tmp-")
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _test_time_limit(request):
    """Every test gets EMBER_CASE_TIMEOUT seconds; on timeout the server is
    restarted so one wedged request does not sink the rest of the suite."""
    limit = time_limit(TEST_TIMEOUT)
    with limit:
        yield
    if limit.fired and "ember" in request.fixturenames:
        request.getfixturevalue("ember").restart(f"{request.node.nodeid} timed out")


@pytest.fixture
def spark(ember):
    """A fresh Spark Connect session on the server under test."""
    from harness.session import close_session, new_session

    note = ember.ensure()
    if note:
        print(f"\n[ember] {note}", file=sys.stderr)
    s = new_session(ember.url)
    yield s
    run_with_deadline(lambda: close_session(s), 10)


# --- known failures ---------------------------------------------------------
# Cases listed in known_failures.txt are expected to fail on this client
# version; they are strict xfails, so a case that starts passing fails the
# run until it is taken off the list.
def _client_family():
    import pyspark
    return "3.5" if pyspark.__version__.startswith("3.") else "4"


def _known_failures():
    import pathlib
    path = pathlib.Path(__file__).with_name("known_failures.txt")
    out = {}
    fam = _client_family()
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        client, case, reason = line.split("|", 2)
        if client == fam:
            out[case] = reason
    return out


# test item name prefix -> prefix of its name in known_failures.txt:
# test_case[joins::inner_join] -> joins::inner_join,
# test_sql_gold[views] -> sqlgold::views (tests/sql/cases/views.sql)
_KNOWN_FAILURE_ITEMS = {"test_case[": "", "test_sql_gold[": "sqlgold::"}


def pytest_collection_modifyitems(config, items):
    import pytest
    known = _known_failures()
    for item in items:
        for prefix, key_prefix in _KNOWN_FAILURE_ITEMS.items():
            if item.name.startswith(prefix):
                case = key_prefix + item.name[len(prefix):-1]
                if case in known:
                    item.add_marker(pytest.mark.xfail(reason=known[case], strict=True))
                break
