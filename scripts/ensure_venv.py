#!/usr/bin/env python3
"""Create or update a venv from a pinned requirements file, idempotently.

    python3 scripts/ensure_venv.py .venv/py4 tests/requirements-py4.txt

A stamp file inside the venv records the hash of the requirements file and
the interpreter version; when both are unchanged nothing is run (fast
re-runs). When they differ, pip installs the pins into the (possibly
existing) venv and the stamp is rewritten only after pip succeeded.
"""

import hashlib
import os
import subprocess
import sys
import venv

STAMP = ".ember-requirements.sha256"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, req = sys.argv[1], sys.argv[2]
    with open(req, "rb") as f:
        want = hashlib.sha256(f.read() + sys.version.encode()).hexdigest()
    stamp = os.path.join(path, STAMP)
    py = os.path.join(path, "bin", "python")
    if os.path.exists(stamp) and os.access(py, os.X_OK):
        with open(stamp) as f:
            if f.read().strip() == want:
                print(f"venv {path}: up to date")
                return 0
    if not os.access(py, os.X_OK):
        print(f"venv {path}: creating")
        venv.EnvBuilder(with_pip=True, clear=os.path.exists(path)).create(path)
    print(f"venv {path}: installing {req}")
    cmd = [py, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q",
           "-r", req]
    r = subprocess.run(cmd)
    if r.returncode != 0:
        print(f"venv {path}: pip failed ({r.returncode})", file=sys.stderr)
        return r.returncode
    with open(stamp, "w") as f:
        f.write(want + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
