"""Process helpers: start/stop server processes, read RSS from /proc, ports."""

import os
import signal
import socket
import subprocess
import threading
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_open(port, timeout=0.2):
    s = socket.socket()
    s.settimeout(timeout)
    try:
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(name))
    return kids


def process_tree(pid):
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid):
    return sum(_status_kb(p, "VmRSS") for p in process_tree(pid)) / 1024.0


def tree_anon_mb(pid):
    """Anonymous resident memory of the tree (heap, stacks): RSS without mapped files such as the binary."""
    return sum(_status_kb(p, "RssAnon") for p in process_tree(pid)) / 1024.0


def tree_hwm_mb(pid):
    """Sum of the per-process RSS high-water marks (an upper bound of the tree's peak)."""
    return sum(_status_kb(p, "VmHWM") for p in process_tree(pid)) / 1024.0


class RssSampler:
    """Samples the RSS of a process tree in a background thread (bounded by stop())."""

    def __init__(self, pid, interval=0.1):
        self.pid = pid
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _loop(self):
        tree_refresh = 0
        tree = process_tree(self.pid)
        while not self._stop.is_set():
            tree_refresh += 1
            if tree_refresh % 20 == 0:
                tree = process_tree(self.pid)
            rss = sum(_status_kb(p, "VmRSS") for p in tree) / 1024.0
            if rss > self.peak_mb:
                self.peak_mb = rss
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)
        return self.peak_mb


class ServerProcess:
    """A server started in its own process group so it can be stopped with all its children."""

    def __init__(self, name, argv, env=None, cwd=None, log_path=None):
        self.name = name
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.log_path = log_path
        self.proc = None
        self._log = None

    def start(self):
        self._log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace=20):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        else:
            # The leader is gone; make sure nothing of its group lingers.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self._log not in (None, subprocess.DEVNULL):
            self._log.close()
        self.proc = None

    def log_tail(self, n=15):
        if not self.log_path:
            return ""
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, 2)
                size = f.tell()
                f.seek(max(0, size - 8192))
                lines = f.read().decode("utf-8", "replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return ""


def wait_until(pred, timeout, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(interval)
    return pred()
