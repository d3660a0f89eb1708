"""TPC-H data: generated once per scale factor with tpchgen-cli, cached on disk."""

import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata

from harness.sessions import TABLES


def sf_label(sf):
    s = f"{sf:g}"
    return f"sf{s}"


def tpchgen_version():
    try:
        return metadata.version("tpchgen-cli")
    except metadata.PackageNotFoundError:
        return None


def tpchgen_bin():
    cand = os.path.join(os.path.dirname(sys.executable), "tpchgen-cli")
    return cand if os.path.exists(cand) else shutil.which("tpchgen-cli")


def ensure(sf, base_dir, log=print):
    """Return the directory holding <table>.parquet for this scale factor, generating it if needed."""
    target = os.path.join(base_dir, sf_label(sf))
    marker = os.path.join(target, ".complete.json")
    version = tpchgen_version()
    if os.path.exists(marker):
        with open(marker) as f:
            meta = json.load(f)
        if meta.get("tpchgen_cli") == version and all(
            os.path.exists(os.path.join(target, f"{t}.parquet")) for t in TABLES
        ):
            return target, meta
        log(f"data in {target} was made by tpchgen-cli {meta.get('tpchgen_cli')}, not {version}: regenerating")
    binary = tpchgen_bin()
    if not binary:
        raise RuntimeError("tpchgen-cli not found (bench/run installs it into bench/.venv)")
    tmp = target + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    log(f"generating TPC-H SF{sf:g} Parquet with tpchgen-cli {version} into {target} ...")
    t0 = time.time()
    subprocess.run([binary, "parquet", "-s", f"{sf:g}", "-o", tmp], check=True)
    meta = {
        "tpchgen_cli": version,
        "scale_factor": sf,
        "format": "parquet (tpchgen-cli defaults: SNAPPY, ~7 MiB row groups, one file per table)",
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": round(time.time() - t0, 1),
    }
    with open(os.path.join(tmp, ".complete.json"), "w") as f:
        json.dump(meta, f, indent=1)
    shutil.rmtree(target, ignore_errors=True)
    os.rename(tmp, target)
    return target, meta
