#!/usr/bin/env python3
"""The benchmarks: `make bench` runs this after an optimised build.

Every row measures libcompetency side by side with what it is compared
with, in the same run of this script: the C side in bench/bench.c
(competency-bench, spawned per row; its own sides interleave rep by rep),
the Python side here (bench/baseline.py), each with several repetitions,
reporting the median. Ratios, not absolute times, are what the targets
check, because the machines are shared and noisy.

    python3 bench/run.py --build BUILD_DIR [--quick] [--json FILE]
    python3 bench/run.py --build BUILD_DIR --check

--check runs only the correctness checks on small sizes (make test runs
it): the C harness's team analysis against the pure-Python and numpy
baselines, number for number. --quick uses smaller sizes and fewer
repetitions (for trying the script out; the figures in
docs/performance.md come from a full run).
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import baseline  # noqa: E402  (bench/baseline.py, next to this file)


# ---- running things ---------------------------------------------------------


class Harness:
    """The built programs and the data folder of one run."""

    def __init__(self, build_dir, data_dir):
        self.build = os.path.abspath(build_dir)
        self.gen = os.path.join(self.build, "bench", "gen")
        self.bench = os.path.join(self.build, "bench", "competency-bench")
        self.data = data_dir
        os.makedirs(self.data, exist_ok=True)
        # the Python binding of this build (the batch API rows)
        sys.path.insert(0, os.path.join(self.build, "bindings", "python"))
        for program in (self.gen, self.bench):
            if not os.access(program, os.X_OK):
                sys.exit(f"run.py: {program} is missing: build first (make bench)")

    def c_rows(self, *args):
        """Runs competency-bench with args; its JSON lines as dicts."""
        done = subprocess.run(
            [self.bench, *map(str, args)], capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.exit(f"run.py: competency-bench {' '.join(map(str, args))} "
                     f"failed ({done.returncode}):\n{done.stderr}")
        return [json.loads(line) for line in done.stdout.splitlines() if line]

    def side(self, rows, side):
        """The row of one side (ours, libyaml_scan, ...) of a C result."""
        for row in rows:
            if row["side"] == side:
                return row
        raise KeyError(side)

    def file(self, name, *gen_args):
        """A generated file, written once per data folder (gen is
        deterministic, so a file that exists is the right one)."""
        path = os.path.join(self.data, name)
        if not os.path.exists(path):
            partial = path + ".partial"
            subprocess.run([self.gen, *map(str, gen_args), "-o", partial],
                           check=True)
            os.replace(partial, path)
        return path

    def framework(self, elements):
        return self.file(f"framework-{elements}.yaml", "framework",
                         "--elements", elements)

    def profile(self, elements):
        return self.file(f"profile-{elements}.yaml", "profile",
                         "--elements", elements)

    def assessments(self, elements, people, fmt):
        ext = {"yaml": "yaml", "csv": "csv", "matrix": "f64"}[fmt]
        return self.file(f"assessments-{elements}x{people}.{ext}",
                         "assessments", "--elements", elements, "--people",
                         people, "--format", fmt)


def python_median(function, reps):
    """Median and minimum seconds of reps calls of function()."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def yaml_load_all(path):
    """What a scripter does first: PyYAML's C loader, every document."""
    import yaml
    with open(path, encoding="utf-8") as f:
        return list(yaml.load_all(f, Loader=yaml.CLoader))


def load_matrix(path, elements):
    import numpy
    matrix = numpy.fromfile(path, dtype=numpy.float64)
    return matrix.reshape(-1, elements)


# ---- the table ----------------------------------------------------------------


class Table:
    """Rows of the printed table, and the targets' verdicts."""

    def __init__(self):
        self.rows = []
        self.verdicts = []

    def add(self, name, ours, other, ratio, target=None, met=None):
        self.rows.append((name, ours, other, ratio, target or "",
                          "" if met is None else ("pass" if met else "short")))
        if met is not None:
            self.verdicts.append((name, target, met))

    def print(self):
        head = ("row", "libcompetency", "compared with", "ratio", "target",
                "")
        widths = [max(len(str(r[i])) for r in self.rows + [head])
                  for i in range(len(head))]
        line = "  ".join(f"{{:{'<' if i in (0, 2, 4) else '>'}{w}}}"
                         for i, w in enumerate(widths))
        print(line.format(*head))
        print("  ".join("-" * w for w in widths))
        for row in self.rows:
            print(line.format(*row))
        short = [v for v in self.verdicts if not v[2]]
        print()
        print(f"targets: {len(self.verdicts) - len(short)} pass, "
              f"{len(short)} short")
        for name, target, _ in short:
            print(f"  short: {name} ({target})")


def seconds(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} us"


def rate(per_s, unit):
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if per_s >= scale:
            return f"{per_s / scale:.1f} {prefix}{unit}/s"
    return f"{per_s:.0f} {unit}/s"


def size(n):
    for scale, unit in ((1 << 20, "MiB"), (1 << 10, "KiB")):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


# ---- the rows -----------------------------------------------------------------


def framework_rows(h, table, sizes, reps, results):
    """Framework load: ours vs the libyaml event scan (target 1.5x), vs
    libyaml's document API, vs PyYAML's C loader."""
    growth = []
    for elements in sizes:
        path = h.framework(elements)
        rows = h.c_rows("load-framework", path, "--reps", reps)
        ours, scan = h.side(rows, "ours"), h.side(rows, "libyaml_scan")
        doc = h.side(rows, "libyaml_load")
        py, _ = python_median(lambda: yaml_load_all(path), max(3, reps // 2))
        ratio = ours["median_s"] / scan["median_s"]
        name = f"framework load, {elements} elements ({size(ours['bytes'])})"
        table.add(name, seconds(ours["median_s"]),
                  f"libyaml event scan {seconds(scan['median_s'])}",
                  f"{ratio:.2f}x", "<= 1.5x the scan", ratio <= 1.5)
        table.add("  same file", "", f"libyaml yaml_parser_load "
                  f"{seconds(doc['median_s'])}",
                  f"{doc['median_s'] / scan['median_s']:.2f}x scan")
        table.add("  same file", "", f"PyYAML CLoader {seconds(py)}",
                  f"{py / ours['median_s']:.0f}x slower")
        growth.append((elements, ours["median_s"]))
        results["framework_load"].append(
            {"elements": elements, "ours": ours, "scan": scan, "doc": doc,
             "pyyaml_s": py})
    return growth


def assessment_rows(h, table, elements, people, reps, results):
    """Assessment load, YAML and CSV of the same ratings: vs the scan, vs
    PyYAML / the csv module; CSV at least 3x faster than YAML."""
    fw = h.framework(elements)
    yaml_path = h.assessments(elements, people, "yaml")
    csv_path = h.assessments(elements, people, "csv")
    y = h.c_rows("load-assessments", fw, yaml_path, "--reps", reps)
    c = h.c_rows("load-assessments", fw, csv_path, "--scan-file", yaml_path,
                 "--reps", reps)
    y_ours, y_scan = h.side(y, "ours"), h.side(y, "libyaml_scan")
    c_ours, c_pass = h.side(c, "ours"), h.side(c, "byte_pass")
    model = baseline.load_framework(fw)
    py_yaml, _ = python_median(lambda: yaml_load_all(yaml_path), 3)
    py_csv, _ = python_median(
        lambda: baseline.load_assessments_csv(csv_path, model), 3)
    ratings = y_ours["ratings"]
    label = f"{people} people x {elements} elements, {ratings} ratings"
    ratio = y_ours["median_s"] / y_scan["median_s"]
    table.add(f"assessments YAML ({label})",
              rate(ratings / y_ours["median_s"], "ratings"),
              f"libyaml event scan {rate(ratings / y_scan['median_s'], 'ratings')}",
              f"{ratio:.2f}x", "<= 1.5x the scan", ratio <= 1.5)
    table.add("  same file", "", f"PyYAML CLoader {rate(ratings / py_yaml, 'ratings')}",
              f"{py_yaml / y_ours['median_s']:.0f}x slower")
    speedup = y_ours["median_s"] / c_ours["median_s"]
    table.add("assessments CSV, same ratings",
              rate(ratings / c_ours["median_s"], "ratings"),
              f"our YAML load {rate(ratings / y_ours['median_s'], 'ratings')}",
              f"{speedup:.1f}x faster", ">= 3x faster than YAML",
              speedup >= 3)
    table.add("  same file", "",
              f"one pass over its bytes {seconds(c_pass['median_s'])}",
              f"{c_ours['median_s'] / c_pass['median_s']:.0f}x the pass")
    table.add("  same file", "", f"Python csv module {rate(ratings / py_csv, 'ratings')}",
              f"{py_csv / c_ours['median_s']:.0f}x slower")
    results["assessments_load"] = {"yaml": y, "csv": c, "pyyaml_s": py_yaml,
                                   "python_csv_s": py_csv}


def team_rows(h, table, shapes, reps, pure_people, results):
    """Team analysis: the C kernel vs numpy and pure Python (same rules,
    checked equal), the object API's gap reports one person at a time
    (with explanations), the Python batch binding vs C, threads 1 vs
    all."""
    import competency
    import numpy
    cpus = os.cpu_count() or 1
    for people, elements in shapes:
        rows = h.c_rows("team", "--elements", elements, "--people", people,
                        "--threads", f"1,{cpus}", "--reps", reps)
        one = next(r for r in rows if r["threads"] == 1)
        many = next(r for r in rows if r["threads"] == cpus)
        scores = people * elements
        model = baseline.load_framework(h.framework(elements))
        profile = baseline.load_profile(h.profile(elements), model)
        matrix = load_matrix(h.assessments(elements, people, "matrix"),
                             elements)
        np_s, _ = python_median(
            lambda: baseline.team_numpy(model, profile, matrix), 3)
        subset = matrix[:pure_people].tolist()
        pure_s, _ = python_median(
            lambda: baseline.team_pure(model, profile, subset), 1)
        pure_rate = len(subset) * elements / pure_s
        fw = competency.Framework.load(h.framework(elements))
        prof = competency.Profile.load(fw, h.profile(elements))
        py_batch, _ = python_median(
            lambda: prof.analyze_matrix(matrix, threads=1).fits, reps)
        label = f"team, {people} people x {elements} elements"
        c_rate = scores / one["median_s"]
        table.add(label, rate(c_rate, "element-scores"),
                  f"numpy {rate(scores / np_s, 'element-scores')}",
                  f"{np_s / one['median_s']:.1f}x faster", "faster than numpy",
                  one["median_s"] < np_s)
        table.add("  same team", "",
                  f"pure Python {rate(pure_rate, 'element-scores')} "
                  f"({len(subset)} people)",
                  f"{c_rate / pure_rate:.0f}x faster")
        gap_people = min(people, 10000)
        gap = h.c_rows("gap", "--elements", elements, "--people", gap_people,
                       "--reps", max(3, reps // 2))[0]
        table.add(f"  gap reports one by one ({gap_people} people)",
                  rate(gap["element_scores_per_s"], "element-scores"),
                  f"pure Python {rate(pure_rate, 'element-scores')}",
                  f"{gap['element_scores_per_s'] / pure_rate:.1f}x faster")
        if (people, elements) == (100000, 200):
            table.add("  scoring kernel, one core", rate(c_rate, "element-scores"),
                      "", "", ">= 500 M element-scores/s", c_rate >= 500e6)
        overhead = py_batch / one["median_s"]
        table.add("  from Python (batch API)", seconds(py_batch),
                  f"from C {seconds(one['median_s'])}", f"{overhead:.2f}x",
                  "<= 1.5x C", overhead <= 1.5)
        table.add(f"  {cpus} threads", seconds(many["median_s"]),
                  f"1 thread {seconds(one['median_s'])}",
                  f"{one['median_s'] / many['median_s']:.2f}x speed-up",
                  "same bits", bool(many["identical"] and one["identical"]))
        results["team"].append({"people": people, "elements": elements,
                                "c": rows, "numpy_s": np_s,
                                "pure_s_per_score": pure_s / (len(subset) * elements),
                                "python_batch_s": py_batch})


def end_to_end_rows(h, table, elements, people, reps, results):
    """Load + score + gap from files: C (on one thread, then on every
    processor: cf_load_options.threads and cf_score_options.threads) vs
    PyYAML's C loader + Python scoring, which has one thread."""
    fw, prof = h.framework(elements), h.profile(elements)
    people_path = h.assessments(elements, people, "yaml")
    cpus = os.cpu_count() or 1
    runs = {}
    for threads in sorted({1, cpus}):
        runs[threads] = h.side(h.c_rows("end-to-end", fw, prof, people_path,
                                        "--threads", threads, "--reps", reps),
                               "ours")

    def python_job():
        model = baseline.load_framework(fw)
        profile = baseline.load_profile(prof, model)
        rows = baseline.load_assessments_yaml(people_path, model)
        return baseline.team_pure(model, profile, rows)

    py, _ = python_median(python_job, 3)
    name = f"end to end, {people} people x {elements} elements (YAML)"
    for threads, c in runs.items():
        ratio = py / c["median_s"]
        label = name if threads == 1 else f"  same job, {threads} threads"
        last = threads == max(runs)
        table.add(label, seconds(c["median_s"]),
                  f"PyYAML CLoader + Python {seconds(py)}",
                  f"{ratio:.0f}x faster", ">= 30x faster" if last else "",
                  ratio >= 30 if last else None)
    results["end_to_end"] = {"c": runs, "python_s": py}


def memory_rows(h, table, sizes, people_sizes, assess_elements, results):
    """Memory, in a fresh process per measurement. What a loaded object
    keeps is counted exactly by a counting allocator (live bytes): the
    framework target is on that. The peak of the load (the resident set's
    growth, which also holds libyaml's buffers and the heap's slack) is
    shown beside it, per element or rating."""
    growth = []
    for elements in sizes:
        m = h.c_rows("memory", "framework", h.framework(elements))[0]
        ratio = m["live_bytes"] / m["bytes"]
        table.add(f"framework memory, {elements} elements",
                  f"{m['live_bytes'] / elements:.0f} B/element",
                  f"file {size(m['bytes'])}; load peak rss "
                  f"+{m['maxrss_delta_bytes'] / elements:.0f} B/element",
                  f"{ratio:.2f}x file", "<= 2x the file", ratio <= 2)
        growth.append((elements, m["peak_live_bytes"]))
        results["memory_framework"].append(m)
    people_growth = []
    for people in people_sizes:
        path = h.assessments(assess_elements, people, "yaml")
        m = h.c_rows("memory", "assessments", h.framework(assess_elements),
                     path)[0]
        table.add(f"assessment memory, {people} people x {assess_elements}",
                  f"{m['live_bytes'] / m['ratings']:.1f} B/rating",
                  f"{m['ratings']} ratings, file {size(m['bytes'])}; load "
                  f"peak rss +{m['maxrss_delta_bytes'] / m['ratings']:.1f} "
                  "B/rating",
                  f"{m['live_bytes'] / m['bytes']:.2f}x file")
        people_growth.append((people, m["peak_live_bytes"]))
        results["memory_assessments"].append(m)
    return growth, people_growth


def growth_rows(table, what, points, unit, one):
    """Time or memory per unit from each size to the next: 1.0 is linear
    (memory: the library's peak live bytes, exact at every size)."""
    for (n0, v0), (n1, v1) in zip(points, points[1:]):
        per = (v1 / n1) / (v0 / n0) if v0 > 0 else math.nan
        table.add(f"{what} growth, {n0} -> {n1} {unit}", "",
                  f"x{n1 / n0:.0f} size, x{v1 / v0:.1f} {what}",
                  f"{per:.2f} per {one}", "linear (<= 1.5)", per <= 1.5)


# ---- the correctness checks ---------------------------------------------------


def check(h):
    """The C harness's numbers against both baselines, on small sizes."""
    failures = 0
    for people, elements in ((50, 200), (37, 1000)):
        dump = os.path.join(h.data, f"team-{elements}x{people}.json")
        h.c_rows("team", "--elements", elements, "--people", people,
                 "--threads", "1,2", "--reps", 1, "--dump", dump)
        with open(dump, encoding="utf-8") as f:
            c = json.load(f)
        model = baseline.load_framework(h.framework(elements))
        profile = baseline.load_profile(h.profile(elements), model)
        rows = baseline.load_assessments_yaml(
            h.assessments(elements, people, "yaml"), model)
        matrix = load_matrix(h.assessments(elements, people, "matrix"),
                             elements)
        pure = baseline.team_pure(model, profile, rows)
        numpy_result = baseline.team_numpy(model, profile, matrix)
        ours = {
            "fit": [math.nan if v is None else v for v in c["fits"]],
            "ready": c["ready"],
            "achieved": [[math.nan if v is None else v for v in row]
                         for row in c["achieved"]],
            "assessed": [t["assessed"] for t in c["targets"]],
            "meeting": [t["meeting"] for t in c["targets"]],
        }
        for key in ("mean", "min", "max"):
            ours[key] = [math.nan if t[key] is None else t[key]
                         for t in c["targets"]]
        for name, other in (("pure Python", pure), ("numpy", numpy_result)):
            subset = {k: other[k] for k in ours}
            problems = baseline.compare_results(ours, subset)
            status = "same numbers" if not problems else "DIFFERENT"
            print(f"check {people} people x {elements} elements, C vs "
                  f"{name}: {status}")
            for p in problems[:10]:
                print("  " + p)
            failures += bool(problems)
    return failures


# ---- main ---------------------------------------------------------------------


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} " \
           f"{platform.release()}, Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True,
                        help="the CMake build folder (optimised)")
    parser.add_argument("--data", help="folder for generated data "
                        "(default BUILD/bench-data)")
    parser.add_argument("--check", action="store_true",
                        help="only the correctness checks, small sizes")
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes, fewer repetitions")
    parser.add_argument("--json", help="also write every figure here")
    args = parser.parse_args(argv)
    h = Harness(args.build, args.data or os.path.join(args.build, "bench-data"))
    if args.check:
        return 1 if check(h) else 0

    quick = args.quick
    reps = 3 if quick else 7
    sizes = (1000, 10000) if quick else (1000, 10000, 100000)
    results = {"machine": machine(), "framework_load": [], "team": [],
               "memory_framework": [], "memory_assessments": []}
    table = Table()
    print(f"machine: {results['machine']}")
    print("running (a full run takes a few minutes) ...", flush=True)
    if check(h):
        print("run.py: the C numbers differ from the baselines", file=sys.stderr)
        return 1
    load_growth = framework_rows(h, table, sizes, reps, results)
    growth_rows(table, "load time", load_growth, "elements", "element")
    assessment_rows(h, table, 1000, 50 if quick else 200, reps, results)
    shapes = ((1000, 1000), (10000, 200)) if quick else \
        ((10000, 1000), (100000, 200))
    team_rows(h, table, shapes, reps, 200 if quick else 1000, results)
    end_to_end_rows(h, table, 1000, 50 if quick else 200, reps, results)
    people_sizes = (100, 1000) if quick else (100, 1000, 10000)
    mem_growth, people_growth = memory_rows(h, table, sizes, people_sizes,
                                            200, results)
    growth_rows(table, "memory", mem_growth, "elements", "element")
    growth_rows(table, "memory", people_growth, "people", "person")
    print()
    table.print()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
