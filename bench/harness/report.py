"""Results: pairwise ratios, JSON, markdown table and a matplotlib chart."""

import itertools
import json
import math
import os

ORDER = ["ember", "duckdb", "spark", "sail"]
COLORS = {"ember": "#d9480f", "duckdb": "#f2c200", "spark": "#1c7ed6", "sail": "#2f9e44"}
FAIL_STATES = ("error", "wrong", "timeout", "crash")


def _median(c):
    return c.get("median_s") if c.get("status") == "ok" else None


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def ratios(cells, forms, systems):
    """Per-query median(a)/median(b) for every pair of systems in the same run, plus geometric means."""
    systems = [s for s in ORDER if s in systems]
    by = {(c["query"], c["form"], c["system"]): c for c in cells}
    queries = sorted({c["query"] for c in cells})
    out = {}
    for form in forms:
        pairs = {}
        for a, b in itertools.permutations(systems, 2):
            if ORDER.index(a) > ORDER.index(b):
                continue
            bform = form
            if form == "df" and b == "duckdb":
                bform = "sql"  # DataFrame form against the engine limit (DuckDB has only SQL)
            per_q = {}
            sum_a = sum_b = 0.0
            for q in queries:
                ca, cb = by.get((q, form, a)), by.get((q, bform, b))
                if not ca or not cb:
                    continue
                ma, mb = _median(ca), _median(cb)
                if ma and mb:
                    per_q[f"q{q:02d}"] = ma / mb
                    sum_a += ma
                    sum_b += mb
            if not per_q:
                continue
            key = f"{a}/{b}" if bform == form else f"{a}/{b}(sql)"
            pairs[key] = {"geomean": geomean(per_q.values()), "queries": len(per_q), "per_query": per_q,
                          "total_a_s": sum_a, "total_b_s": sum_b, "total": sum_a / sum_b}
        out[form] = pairs
    return out


# -- files ------------------------------------------------------------------------


def stem(result, opts):
    if opts.name:
        return opts.name
    systems = [s for s in ORDER if s in result["settings"]["systems"]]
    return f"tpch-sf{result['scale_factor']:g}-{'-'.join(systems)}"


def write_all(result, opts):
    os.makedirs(opts.out, exist_ok=True)
    base = os.path.join(opts.out, stem(result, opts))
    paths = []
    with open(base + ".json", "w") as f:
        json.dump(result, f, indent=1, default=str)
        f.write("\n")
    paths.append(base + ".json")
    png = base + ".png"
    try:
        chart(result, png)
        paths.append(png)
    except Exception as e:  # noqa: BLE001
        result["notes"].append(f"chart failed: {e}")
        png = None
    with open(base + ".md", "w") as f:
        f.write(markdown(result, os.path.basename(png) if png else None))
    paths.append(base + ".md")
    return paths


def _systems(result):
    return [s for s in ORDER if s in result["settings"]["systems"]]


def _cells(result):
    return {(c["query"], c["form"], c["system"]): c for c in result["cells"]}


def _fmt_s(v):
    if v is None:
        return "–"
    if v < 0.1:
        return f"{v * 1000:.1f} ms"
    return f"{v:.3f} s" if v < 10 else f"{v:.1f} s"


def _fmt(v, unit="", nd=1):
    if v is None:
        return "–"
    return f"{v:,.{nd}f}{unit}"


def _cell_text(c):
    if c is None:
        return ""
    st = c["status"]
    if st == "ok" or st == "unchecked":
        txt = _fmt_s(c.get("median_s"))
        if len(c.get("times_s", [])) > 1:
            txt += f" <sub>{_fmt_s(c['min_s'])}–{_fmt_s(c['max_s'])}</sub>"
        return txt + (" (unchecked)" if st == "unchecked" else "")
    if st == "n/a":
        return "n/a"
    return f"**{st.upper()}**"


def _ipc_share(ex, co):
    """ "; x% of raw Arrow IPC" for a collect() result, when the baseline was measured."""
    base = (ex.get("ipc_baseline") or {}).get("rows_per_s")
    cl, ta = co.get("collect", {}), co.get("to_arrow", {})
    if not base or not cl.get("rows_per_s"):
        return ""
    txt = f"; {100 * cl['rows_per_s'] / base:.1f}% of raw IPC"
    if ta.get("rows_per_s"):
        txt += f" (toArrow {100 * ta['rows_per_s'] / base:.0f}%)"
    return txt


def target_rows(result):
    """Ember's numbers against the targets of the benchmark issue: (target, value, met)."""
    ex = result.get("extras", {})
    rat = result.get("ratios", {})
    rows = []

    def total(form, key):
        r = rat.get(form, {}).get(key)
        return (r["total"], r["queries"]) if r and r.get("total") else (None, 0)

    names = {"sql": "SQL", "df": "DataFrame"}
    for form in result["settings"]["forms"]:
        v, n = total(form, "ember/spark")
        if v is not None:
            rows.append((f"TPC-H total ({names[form]}) ≤ 1/15 of Spark", f"1/{1 / v:.1f} ({n} q)", v <= 1 / 15))
        v, n = total(form, "ember/sail")
        if v is not None:
            rows.append((f"TPC-H total ({names[form]}) faster than Sail", f"{v:.2f}× Sail's time ({n} q)", v < 1))
        v, n = total(form, "ember/duckdb" if form == "sql" else "ember/duckdb(sql)")
        if v is not None:
            what = "raw DuckDB" if form == "sql" else "raw DuckDB's SQL time"
            rows.append((f"TPC-H total ({names[form]}) ≤ 1.15× {what}", f"{v:.2f}× ({n} q)", v <= 1.15))
    su = ex.get("startup", {}).get("ember", {})
    if su.get("median_s") is not None:
        rows.append(("process start → first answer ≤ 100 ms", _fmt_s(su["median_s"]), su["median_s"] <= 0.1))
    rss = ex.get("rss", {}).get("ember", {})
    if rss.get("idle_mb") is not None:
        anon = f" (anonymous {rss['idle_anon_mb']:.0f} MB)" if rss.get("idle_anon_mb") is not None else ""
        rows.append(("idle RSS ≤ 60 MB", f"{rss['idle_mb']:.0f} MB{anon}", rss["idle_mb"] <= 60))
    lat = ex.get("latency", {}).get("ember", {})
    if lat.get("p50_ms") is not None:
        rows.append(("trivial query round trip p50 ≤ 1 ms (PySpark client)", f"{lat['p50_ms']:.2f} ms", lat["p50_ms"] <= 1))
        pr = lat.get("protocol") or {}
        if pr.get("p50_ms") is not None:
            rows.append(("trivial query round trip p50 ≤ 1 ms (one ExecutePlan, raw gRPC stub)",
                         f"{pr['p50_ms']:.2f} ms", pr["p50_ms"] <= 1))
    base = (ex.get("ipc_baseline") or {}).get("rows_per_s")
    co = ex.get("collect", {}).get("ember", {})
    if base:
        for key, what in (("collect", "collect() (Python rows)"), ("to_arrow", "toArrow()")):
            r = co.get(key, {}).get("rows_per_s")
            if r:
                rows.append((f"{what} throughput ≥ 50% of raw Arrow IPC over loopback",
                             f"{100 * r / base:.1f}% ({r / 1e6:.2f} of {base / 1e6:.1f} M rows/s)", r / base >= 0.5))
    return rows


def targets(result):
    rows = target_rows(result)
    if not rows:
        return []
    L = ["## Targets", "",
         "Ember against the targets of the benchmark issue, from this run's numbers.", "",
         "| target | Ember | met |", "|---|---|---|"]
    for what, value, met in rows:
        L.append(f"| {what} | {value} | {'yes' if met else '**no**'} |")
    L.append("")
    return L


def markdown(result, png_name):
    systems = _systems(result)
    active = [s for s in systems if "error" not in result["systems"].get(s, {})]
    cells = _cells(result)
    queries = result["settings"]["queries"]
    forms = result["settings"]["forms"]
    m = result["machine"]
    v = result["versions"]
    ex = result.get("extras", {})
    L = []
    L.append(f"# TPC-H SF{result['scale_factor']:g}: {', '.join(systems)}")
    L.append("")
    L.append(f"Generated by `bench/run` on {result['date_utc']} in {result.get('elapsed_s', '?')} s "
             f"(exit code {result.get('exit_code')}). Derived from TPC-H; not an audited TPC result.")
    L.append("")
    L.append(f"* **Machine:** {m.get('cpu', '?')}, {m.get('cores')} cores, {m.get('memory_gb')} GB RAM; {m.get('platform')}; "
             f"load average (1/5/15 min) {m.get('loadavg_start')} at start, {m.get('loadavg_end')} at end")
    L.append(f"* **Data:** TPC-H SF{result['scale_factor']:g}, Parquet from tpchgen-cli {v.get('tpchgen_cli')} "
             f"(`{result['data'].get('dir')}`)")
    vers = []
    if "ember" in active:
        vers.append(f"Ember {result['systems']['ember'].get('version', '?')} at {v.get('ember')}")
    if "duckdb" in active:
        vers.append(f"DuckDB {v.get('duckdb_engine')} (Python package, in its own process)")
    if "spark" in active:
        sp = result["systems"]["spark"]
        vers.append(f"Apache Spark {v.get('spark')} Connect server (local[*], driver memory {sp.get('driver_memory')}, {sp.get('java', 'Java')})")
    if "sail" in active:
        vers.append(f"Sail (pysail {v.get('sail')}, `sail spark server`)")
    L.append(f"* **Systems:** {'; '.join(vers)}")
    L.append(f"* **Client:** pyspark-client {v.get('pyspark_client')}, Python {v.get('harness_python')}, pyarrow {v.get('pyarrow')}")
    st = result["settings"]
    L.append(f"* **Method:** {st['warmup']} warm-up + {st['runs']} timed run(s) per query, form and system, "
             f"interleaved (rotating system order); median and min–max reported; per-query timeout {st['query_timeout_s']:.0f} s. "
             f"Times are client-side wall time of `spark.sql(text).toArrow()` / `df.toArrow()` for Spark Connect systems and "
             f"execute + fetch-as-Arrow inside the DuckDB process for raw DuckDB.")
    refs = sorted(set(result.get("reference", {}).values()))
    L.append(f"* **Answer check:** every run's answer is compared with the reference ({'; '.join(refs) or 'none'}), "
             f"numbers within rel {st['tolerance']['rel']:g} / abs {st['tolerance']['abs']:g}, row order only on the ORDER BY keys. "
             f"A wrong answer or an error is a failure, never a time.")
    cc = result.get("cross_check_vs_duckdb_sql")
    if cc:
        L.append(f"* **Cross-check:** {cc['agree']} of {cc['compared']} correct answers of the other systems and forms "
                 f"(including every DataFrame-API answer) also equal DuckDB's answer to the SQL text"
                 + (": disagreements listed under Notes." if cc["disagree"] else "."))
        for d in cc["disagree"]:
            result.setdefault("notes", []).append(f"cross-check disagreement: {d}")
    for s in systems:
        err = result["systems"].get(s, {}).get("error")
        if err:
            L.append(f"* **{s} not run:** {err}")
    L.append("")
    if png_name:
        L.append(f"![chart]({png_name})")
        L.append("")

    # Summary
    L.append("## Summary")
    L.append("")
    hdr = ["system"] + [f"{f.upper()} answered / {len(queries)}" for f in forms]
    hdr += ["geomean vs DuckDB (SQL)", "start → 1st answer", "idle RSS (anon)", "peak RSS (TPC-H)",
            "trivial query p50 / p99 (PySpark; raw protocol)", f"collect() {st['collect_rows'] / 1e6:g}M rows", f"{st['sessions']} sessions: q/s, p99, errors"]
    L.append("| " + " | ".join(hdr) + " |")
    L.append("|" + "---|" * len(hdr))
    rat_sql = result.get("ratios", {}).get("sql", {})
    for s in active:
        row = [f"**{s}**"]
        for f in forms:
            ok = sum(1 for q in queries if cells.get((q, f, s), {}).get("status") == "ok")
            na = cells.get((queries[0], f, s), {}).get("status") == "n/a" if queries else False
            row.append("n/a" if na else f"{ok}")
        if s == "duckdb":
            row.append("1 (engine limit)")
        else:
            r = rat_sql.get(f"{s}/duckdb") or rat_sql.get(f"duckdb/{s}")
            if r and r["geomean"]:
                g = r["geomean"] if f"{s}/duckdb" in rat_sql else 1 / r["geomean"]
                row.append(f"{g:.2f}× ({r['queries']} q)")
            else:
                row.append("–")
        su = ex.get("startup", {}).get(s, {})
        row.append(_fmt_s(su.get("median_s")))
        rss = ex.get("rss", {}).get(s, {})
        idle = _fmt(rss.get("idle_mb"), " MB", 0)
        if rss.get("idle_anon_mb") is not None:
            idle += f" (anon {rss['idle_anon_mb']:.0f})"
        row.append(idle)
        row.append(_fmt(rss.get("peak_tpch_mb"), " MB", 0))
        lat = ex.get("latency", {}).get(s, {})
        if lat.get("p50_ms") is not None:
            txt = f"{lat['p50_ms']:.2f} / {lat['p99_ms']:.2f} ms" + (f" ({lat['errors']} err)" if lat.get("errors") else "")
            pr = lat.get("protocol") or {}
            if pr.get("p50_ms") is not None:
                txt += f"; protocol {pr['p50_ms']:.2f} / {pr['p99_ms']:.2f} ms"
            row.append(txt)
        else:
            row.append("**ERROR**" if lat else "–")
        co = ex.get("collect", {}).get(s, {})
        cl = co.get("collect", {})
        if "seconds" in cl:
            ta = co.get("to_arrow", {})
            extra = f"; toArrow {ta['seconds']:.2f} s" if "seconds" in ta else ""
            row.append(f"{cl['seconds']:.2f} s ({cl['rows_per_s'] / 1e6:.2f} M rows/s){extra}{_ipc_share(ex, co)}")
        else:
            row.append("**ERROR**" if co else "–")
        cc = ex.get("concurrency", {}).get(s, {})
        if cc.get("answered"):
            txt = f"{cc['throughput_qps']:.0f} q/s, {cc['p99_ms']:.0f} ms, {cc['errors']} err"
            if cc.get("session_setup_errors"):
                txt += f" (+{cc['session_setup_errors']} sessions failed to open)"
            row.append(txt)
        else:
            row.append(f"**ERROR** ({cc.get('errors', '?')} err)" if cc else "–")
        L.append("| " + " | ".join(row) + " |")
    L.append("")

    # Ratios
    rat = result.get("ratios", {})
    if any(rat.get(f) for f in forms):
        L.append("## Ratios")
        L.append("")
        L.append("Geometric mean over the queries both sides answered correctly of median(A) / median(B), "
                 "computed within this run (< 1: A is faster).")
        L.append("")
        keys = []
        for f in forms:
            for k in rat.get(f, {}):
                if k not in keys:
                    keys.append(k)
        L.append("The total is the sum of A's medians over those queries divided by the sum of B's.")
        L.append("")
        L.append("| A / B | " + " | ".join(f"{f.upper()} geomean | {f.upper()} total" for f in forms) + " |")
        L.append("|---|" + "---|---|" * len(forms))
        for k in keys:
            row = [k]
            for f in forms:
                r = rat.get(f, {}).get(k)
                row.append(f"{r['geomean']:.2f}× ({r['queries']} q)" if r else "–")
                row.append(f"{r['total']:.3f}× ({_fmt_s(r['total_a_s'])} / {_fmt_s(r['total_b_s'])})"
                           if r and r.get("total") else "–")
            L.append("| " + " | ".join(row) + " |")
        L.append("")
    L.extend(targets(result))

    # Per query
    for f in forms:
        L.append(f"## Per query: {'Spark SQL text' if f == 'sql' else 'PySpark DataFrame API'} (median, min–max)")
        L.append("")
        cols = [s for s in active if not all(cells.get((q, f, s), {}).get("status") == "n/a" for q in queries)]
        L.append("| query | " + " | ".join(cols) + " |")
        L.append("|---|" + "---|" * len(cols))
        for q in queries:
            L.append(f"| Q{q} | " + " | ".join(_cell_text(cells.get((q, f, s))) for s in cols) + " |")
        L.append("")

    fails = [c for c in result["cells"] if c["status"] in FAIL_STATES]
    if fails:
        L.append("## Failures")
        L.append("")
        L.append("| query | form | system | status | message |")
        L.append("|---|---|---|---|---|")
        for c in sorted(fails, key=lambda c: (ORDER.index(c["system"]), c["form"], c["query"])):
            msg = (c.get("error") or "").replace("\n", " ").replace("|", "\\|")
            if len(msg) > 300:
                msg = msg[:300] + "…"
            L.append(f"| Q{c['query']} | {c['form']} | {c['system']} | {c['status']} | {msg} |")
        L.append("")
    warn = [c for c in result["cells"] if c.get("warnings")]
    if warn:
        L.append("## Warnings")
        L.append("")
        for c in warn:
            L.append(f"* Q{c['query']} {c['form']} {c['system']}: {'; '.join(c['warnings'])}")
        L.append("")
    if result.get("notes"):
        L.append("## Notes")
        L.append("")
        for n in result["notes"]:
            L.append(f"* {n}")
        L.append("")
    L.append("Raw numbers: the JSON file next to this one. How to reproduce: `bench/README.md`.")
    L.append("")
    return "\n".join(L)


def chart(result, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = [s for s in _systems(result) if "error" not in result["systems"].get(s, {})]
    cells = _cells(result)
    queries = result["settings"]["queries"]
    forms = result["settings"]["forms"]
    ex = result.get("extras", {})
    nrows = len(forms) + (1 if ex else 0)
    fig = plt.figure(figsize=(15, 4.2 * nrows))
    gs = fig.add_gridspec(nrows, 4)
    for i, f in enumerate(forms):
        ax = fig.add_subplot(gs[i, :])
        syss = [s for s in systems if not all(cells.get((q, f, s), {}).get("status") == "n/a" for q in queries)]
        width = 0.8 / max(1, len(syss))
        all_vals = [cells[(q, f, s)].get("median_s") for q in queries for s in syss
                    if cells.get((q, f, s), {}).get("status") == "ok"]
        floor = min(all_vals) / 2 if all_vals else 0.001
        for j, s in enumerate(syss):
            xs, ys, fx = [], [], []
            for k, q in enumerate(queries):
                c = cells.get((q, f, s), {})
                x = k + (j - (len(syss) - 1) / 2) * width
                if c.get("status") == "ok":
                    xs.append(x)
                    ys.append(c["median_s"])
                elif c.get("status") in FAIL_STATES:
                    fx.append(x)
            ax.bar(xs, ys, width=width, color=COLORS[s], label=s)
            if fx:
                ax.scatter(fx, [floor] * len(fx), marker="x", color=COLORS[s], s=30, zorder=3)
        ax.set_yscale("log")
        ax.set_xticks(range(len(queries)))
        ax.set_xticklabels([f"Q{q}" for q in queries])
        ax.set_ylabel("median seconds (log)")
        title = "Spark SQL text" if f == "sql" else "PySpark DataFrame API"
        ax.set_title(f"TPC-H SF{result['scale_factor']:g}: {title}  (x = failed: error or wrong answer)")
        ax.legend(ncol=len(syss), loc="upper left", fontsize=9)
        ax.grid(axis="y", alpha=0.3)
    if ex:
        r = len(forms)
        panels = [
            ("start → first answer (s)", lambda s: ex.get("startup", {}).get(s, {}).get("median_s")),
            ("peak RSS during TPC-H (MB)", lambda s: ex.get("rss", {}).get(s, {}).get("peak_tpch_mb")),
            ("trivial query p50 (ms)", lambda s: ex.get("latency", {}).get(s, {}).get("p50_ms")),
            (f"{result['settings']['sessions']} sessions (queries/s)", lambda s: ex.get("concurrency", {}).get(s, {}).get("throughput_qps")),
        ]
        for k, (title, get) in enumerate(panels):
            ax = fig.add_subplot(gs[r, k])
            vals = [(s, get(s)) for s in systems]
            vals = [(s, v) for s, v in vals if v is not None]
            ax.set_title(title, fontsize=10)
            if not vals:
                ax.text(0.5, 0.5, "not measured in this run", ha="center", va="center",
                        transform=ax.transAxes, fontsize=9, color="#666666")
                ax.set_xticks([])
                ax.set_yticks([])
                continue
            ax.bar([s for s, _ in vals], [v for _, v in vals], color=[COLORS[s] for s, _ in vals])
            for s, v in vals:
                ax.annotate(f"{v:,.3g}", (s, v), ha="center", va="bottom", fontsize=8)
            ax.set_title(title, fontsize=10)
            if vals and max(v for _, v in vals) > 20 * max(min(v for _, v in vals), 1e-9):
                ax.set_yscale("log")
            ax.grid(axis="y", alpha=0.3)
    m = result["machine"]
    fig.suptitle(f"Ember benchmark — {result['date_utc'][:10]} — {m.get('cpu', '?')}, {m.get('cores')} cores, "
                 f"{m.get('memory_gb')} GB", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def console_summary(result):
    systems = [s for s in _systems(result) if "error" not in result["systems"].get(s, {})]
    cells = _cells(result)
    queries = result["settings"]["queries"]
    lines = ["", "=== summary ==="]
    for f in result["settings"]["forms"]:
        for s in systems:
            st = [cells.get((q, f, s), {}).get("status") for q in queries]
            if all(x == "n/a" for x in st):
                continue
            ok = st.count("ok")
            bad = {k: st.count(k) for k in FAIL_STATES if st.count(k)}
            lines.append(f"{f:3s} {s:6s}: {ok}/{len(queries)} ok" + (f"  {bad}" if bad else ""))
    for f, pairs in result.get("ratios", {}).items():
        for k, r in pairs.items():
            if r["geomean"]:
                lines.append(f"{f:3s} {k:18s} geomean {r['geomean']:.2f}x over {r['queries']} queries")
    lines.append(f"exit code {result.get('exit_code')}")
    return "\n".join(lines)


def main(argv):
    """Re-render the markdown and the chart of an existing result file: python -m harness.report FILE.json"""
    for path in argv:
        with open(path) as f:
            result = json.load(f)
        base = path[: -len(".json")] if path.endswith(".json") else path
        chart(result, base + ".png")
        with open(base + ".md", "w") as f:
            f.write(markdown(result, os.path.basename(base + ".png")))
        print(f"rendered {base}.md and {base}.png")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
