"""Gold files: tests/integration/gold/spark-<version>/<module>.json.

Layout: one JSON object per case name (plus "_meta"):

    {
      "_meta": {"spark": "4.2.0", "client": "4.2.0", "data_sha": "..."},
      "case_name": {"source_sha": "...", "options": {...}, "result": <observation>}
    }

Keys are sorted and short lists stay on one line, so diffs stay readable.
"""

import json
import os

WIDTH = 100


def dumps(obj, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(obj, dict):
        compact = json.dumps(obj, ensure_ascii=False, sort_keys=True, allow_nan=False)
        if indent >= 2 and len(compact) + len(pad) <= WIDTH:
            return compact
        if not obj:
            return "{}"
        items = []
        for k in sorted(obj):
            items.append(f'{pad}  {json.dumps(k, ensure_ascii=False)}: {dumps(obj[k], indent + 1)}')
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        compact = json.dumps(obj, ensure_ascii=False, sort_keys=True, allow_nan=False)
        if len(compact) + len(pad) <= WIDTH or not obj:
            return compact
        items = [pad + "  " + dumps(x, indent + 1) for x in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def load(path: str) -> dict:
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path: str, data: dict) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(dumps(data) + "\n")
    os.replace(tmp, path)


def load_all(gold_dir: str) -> dict:
    """{module: {case_name: entry}} for every gold file in gold_dir."""
    out = {}
    if not os.path.isdir(gold_dir):
        return out
    for fn in sorted(os.listdir(gold_dir)):
        if fn.endswith(".json"):
            out[fn[:-5]] = load(os.path.join(gold_dir, fn))
    return out
