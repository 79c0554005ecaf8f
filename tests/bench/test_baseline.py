"""Correctness of the benchmarks' Python baselines (bench/baseline.py).

The benchmarks time the C library against two Python versions of a team
analysis; the timings mean something only if all three compute the same
thing. Checked here, on the shipped data and on synthetic data:

(a) team_pure equals team_numpy;
(b) both equal the C library's team analysis, through the Python binding
    (competency.TeamReport) and through `competency team --format json`;
(c) the YAML and the CSV assessment loaders give the same rows.

Plus one small case worked out by hand (HandChecked), and checks that the
comparisons do notice a difference (ComparisonsCanFail).

Where things are found (the convention of tests/python and tests/cli):

- CF_SOURCE_DIR: the source tree (default: two levels above this file);
  bench/baseline.py is imported from it;
- CF_BUILD_DIR: the CMake build directory (default: the source tree's
  build/). The binding is imported from CF_BUILD_DIR/bindings/python
  unless PYTHONPATH already provides `competency`; the command-line tool
  is COMPETENCY_BIN or CF_BUILD_DIR/competency; the synthetic data
  generator is CF_BENCH_GEN or CF_BUILD_DIR/bench/gen.

When CF_BUILD_DIR is set (as ctest does), a missing binding is a failure;
without it the checks against the C library are skipped. The checks on
the generator's data run when the generator exists; the synthetic data
written by this test itself (SyntheticData) always run.

Needs PyYAML (with its C loader) and numpy: Debian's python3-yaml and
python3-numpy, for /usr/bin/python3.
"""

import copy
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import yaml

SOURCE_DIR = Path(os.environ.get("CF_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BUILD_DIR = Path(os.environ.get("CF_BUILD_DIR") or SOURCE_DIR / "build")
UNDER_CTEST = bool(os.environ.get("CF_BUILD_DIR"))

sys.path.insert(0, str(SOURCE_DIR / "bench"))
import baseline  # noqa: E402  (bench/baseline.py)

try:
    import competency
except ImportError:
    sys.path.insert(0, str(BUILD_DIR / "bindings" / "python"))
    try:
        import competency
    except ImportError:
        competency = None

CLI = Path(os.environ.get("COMPETENCY_BIN") or BUILD_DIR / "competency")
GEN = Path(os.environ.get("CF_BENCH_GEN") or BUILD_DIR / "bench" / "gen")

SOLS = SOURCE_DIR / "frameworks" / "sols-community-relations.yaml"
PROFILES = sorted((SOURCE_DIR / "examples" / "profiles").glob("*.yaml"))
MANAGERS = sorted((SOURCE_DIR / "examples" / "assessments").glob("*-manager.yaml"))
TEAM_CSV = SOURCE_DIR / "examples" / "assessments" / "team.csv"
DIGITAL = SOURCE_DIR / "examples" / "frameworks" / "digital-services.yaml"
DIGITAL_PROFILE = SOURCE_DIR / "examples" / "frameworks" / "digital-services-profile.yaml"
DIGITAL_PEOPLE = sorted(
    p for p in (SOURCE_DIR / "examples" / "frameworks").glob("digital-services-*.yaml")
    if p != DIGITAL_PROFILE
)


def needs_binding(test):
    """Skips a check against the C library when the binding is not built,
    outside ctest only: under ctest (CF_BUILD_DIR set) it must be there."""
    return unittest.skipIf(
        competency is None and not UNDER_CTEST,
        "the competency package is not built (set CF_BUILD_DIR or PYTHONPATH)",
    )(test)


# ---------------------------------------------------------------------------
# The three computations on files
# ---------------------------------------------------------------------------


def python_team(framework, profile, assessment_files):
    """(subjects, team_pure result, team_numpy result) for files."""
    model = baseline.load_framework(framework)
    prof = baseline.load_profile(profile, model)
    rows = []
    for path in assessment_files:
        rows.extend(baseline.load_assessments(path, model))
    pure = baseline.team_pure(model, prof, rows)
    vectorised = baseline.team_numpy(model, prof, baseline.matrix_from_rows(rows))
    return [s for s, _ in rows], pure, vectorised


def _number(x):
    """A binding number (None when NaN) back as a float."""
    return math.nan if x is None else float(x)


def binding_team(framework, profile, assessment_files):
    """(subjects, result) of the C library's cf_team_analyze, through the
    binding: per target its assessed/mean/min/max/meeting, per person the
    fit, readiness and achievements of the gap reports."""
    if competency is None:
        raise AssertionError(
            f"cannot import the competency package from {BUILD_DIR / 'bindings' / 'python'}"
        )
    fw = competency.Framework.load(framework)
    prof = competency.Profile.load(fw, profile)
    people = []
    for path in assessment_files:
        people.extend(competency.Assessment.load(fw, path))
    report = competency.TeamReport(people, prof)
    gaps = report.people
    targets = report.targets
    return [g.subject for g in gaps], {
        "fit": [g.fit for g in gaps],
        "ready": [g.ready for g in gaps],
        "achieved": [[_number(t.achieved) for t in g.targets] for g in gaps],
        "assessed": [t.assessed for t in targets],
        "mean": [_number(t.mean) for t in targets],
        "min": [_number(t.min) for t in targets],
        "max": [_number(t.max) for t in targets],
        "meeting": [t.meeting for t in targets],
    }


#: What `competency team --format json` reports (no per-person achievement).
CLI_KEYS = ("fit", "ready", "assessed", "mean", "min", "max", "meeting")


def cli_team(framework, profile, assessment_files):
    """(subjects, result) from `competency team --format json`
    (docs/reports.md, "team"): everything but ``achieved``."""
    out = subprocess.run(
        [str(CLI), "team", "--format", "json", str(framework), str(profile),
         *map(str, assessment_files)],
        check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(out)
    people, targets = report["people"], report["targets"]
    return [p["subject"] for p in people], {
        "fit": [p["fit"] for p in people],
        "ready": [p["ready"] for p in people],
        "assessed": [t["assessed"] for t in targets],
        "mean": [_number(t["mean"]) for t in targets],
        "min": [_number(t["min"]) for t in targets],
        "max": [_number(t["max"]) for t in targets],
        "meeting": [t["meeting"] for t in targets],
    }


class Checks(unittest.TestCase):
    """The three checks, shared by the test classes."""

    maxDiff = None

    def assertSameResult(self, first, second, what, keys=baseline.RESULT_KEYS):
        problems = baseline.compare_results(first, second, keys=keys)
        self.assertEqual(problems[:20], [], f"{what}: {len(problems)} differences")

    def check_python_and_c(self, framework, profile, assessment_files, cli=True):
        """(a) pure == numpy; (b) both == the C library (binding, and the
        CLI when it is built and cli is true)."""
        files = list(assessment_files)
        subjects, pure, vectorised = python_team(framework, profile, files)
        self.assertTrue(subjects, "no people loaded")
        self.assertSameResult(pure, vectorised, "team_pure against team_numpy")
        if competency is not None or UNDER_CTEST:
            c_subjects, c_result = binding_team(framework, profile, files)
            self.assertEqual(subjects, c_subjects)
            self.assertSameResult(pure, c_result, "team_pure against the C library")
            self.assertSameResult(vectorised, c_result, "team_numpy against the C library")
        if cli and CLI.exists():
            c_subjects, c_result = cli_team(framework, profile, files)
            self.assertEqual(subjects, c_subjects)
            self.assertSameResult(pure, c_result, "team_pure against the CLI", CLI_KEYS)
        return pure

    def check_loaders_agree(self, framework, yaml_files, csv_file):
        """(c) the YAML and CSV loaders give the same subjects and rows."""
        model = baseline.load_framework(framework)
        from_yaml = []
        for path in yaml_files:
            from_yaml.extend(baseline.load_assessments_yaml(path, model))
        from_csv = baseline.load_assessments_csv(csv_file, model)
        by_subject = dict(from_csv)
        self.assertEqual(len(by_subject), len(from_csv), "a subject twice in the CSV")
        self.assertEqual(sorted(s for s, _ in from_yaml), sorted(by_subject))
        for subject, row in from_yaml:
            self.assertEqual(len(row), len(model))
            problems = baseline.compare_results(
                {"row": row}, {"row": by_subject[subject]}, rel=0, abs_tol=0, keys=("row",))
            self.assertEqual(problems, [], f"the rows of {subject!r} differ")
        self.assertTrue(any(not math.isnan(x) for _, row in from_yaml for x in row),
                        "nothing rated")


# ---------------------------------------------------------------------------
# One case worked out by hand
# ---------------------------------------------------------------------------

# Scale `five` (1..5, the default: lo 1, hi 5) and scale `freq` (0..3),
# which Q names and its children X and Y inherit.
TINY_FRAMEWORK = """\
framework:
  id: tiny
  title: Tiny
  scales:
    - id: five
      levels: [{value: 1, label: One}, {value: 2, label: Two}, {value: 3, label: Three},
               {value: 4, label: Four}, {value: 5, label: Five}]
      proficient: 3
    - id: freq
      levels: [{value: 0, label: Never}, {value: 1, label: Rarely},
               {value: 2, label: Often}, {value: 3, label: Always}]
      proficient: 2
  default_scale: five
  elements:
    - id: P
      title: Parent with a weighted mean
      children:
        - {id: A, title: First child, weight: 2}
        - {id: B, title: Second child}
        - {id: C, title: Third child}
    - id: Q
      title: Parent with a max on the freq scale
      scale: freq
      rollup: max
      children:
        - {id: X, title: Practice x}
        - {id: Y, title: Practice y}
"""

TINY_PROFILE = """\
profile:
  id: tiny-role
  targets:
    P: 4
    B: {level: Three, importance: 2, critical: true}
    Q: Often
"""

TINY_YAML = """\
assessment: {subject: Ann, ratings: {A: 5, B: Three, C: 2, X: 1, Y: Always}}
---
assessment: {subject: Bo, ratings: {C: {level: 5, note: only this}, X: 2}}
"""

TINY_CSV = """\
subject,element,level,rater
Ann,A,5,
Ann,B,Three,
Bo,C,"5",
Ann,C,2,
Ann,X,1,
Bo,X,2,
Ann,Y,Always,
"""

# Worked out by hand. Normalised: (v - 1) / 4 on `five`, v / 3 on `freq`.
#
# Ann: A 5 -> 1, B 3 -> 0.5, C 2 -> 0.25, X 1 -> 1/3, Y 3 -> 1.
#   P (mean, weights 2, 1, 1) = (2*1 + 0.5 + 0.25) / 4 = 0.6875 -> 1 + 4*0.6875 = 3.75
#   Q (max) = max(1/3, 1) = 1 -> 3.
#   Targets: P 4 (Ln 0.75): unmet, share min(0.6875, 0.75) = 0.6875, I 1;
#            B 3 (Ln 0.5): met, share 0.5, I 2, critical;
#            Q 2 (Ln 2/3): met, share 2/3, I 1.
#   fit = (0.6875 + 2*0.5 + 2/3) / (0.75 + 2*0.5 + 2/3)
#       = (56.5/24) / (58/24) = 113/116; ready (B met).
# Bo: C 5 -> 1, X 2 -> 2/3; A, B, Y unrated (skipped).
#   P = 1 (C alone) -> 5: met, share 0.75.  B: unassessed, share 0: not ready.
#   Q = 2/3 -> 0 + 3 * (2/3) = 2 (perhaps a rounding step off: met by the
#   1e-9 tolerance), share 2/3.
#   fit = (0.75 + 0 + 2/3) / (58/24) = (34/24) / (58/24) = 17/29.
# Team: P assessed 2, mean (3.75 + 5)/2 = 4.375, min 3.75, max 5, 1 meets;
#       B assessed 1 (Ann, 3), 1 meets; Q assessed 2, mean 2.5, min 2, max 3,
#       2 meet.
TINY_EXPECTED = {
    "fit": [113 / 116, 17 / 29],
    "ready": [True, False],
    "achieved": [[3.75, 3, 3], [5, math.nan, 2]],
    "assessed": [2, 1, 2],
    "mean": [4.375, 3, 2.5],
    "min": [3.75, 3, 2],
    "max": [5, 3, 3],
    "meeting": [1, 1, 2],
}


class HandChecked(Checks):
    """The tiny framework above: a 3-child weighted mean and a max on an
    inherited scale, against numbers worked out by hand."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = Path(self.dir.name)
        self.files = {}
        for name, text in (("framework.yaml", TINY_FRAMEWORK), ("profile.yaml", TINY_PROFILE),
                           ("team.yaml", TINY_YAML), ("team.csv", TINY_CSV)):
            (d / name).write_text(text, encoding="utf-8")
            self.files[name] = d / name

    def tearDown(self):
        self.dir.cleanup()

    def test_model(self):
        model = baseline.load_framework(self.files["framework.yaml"])
        self.assertEqual(model.ids, ["P", "A", "B", "C", "Q", "X", "Y"])
        self.assertEqual(model.parent, [-1, 0, 0, 0, -1, 4, 4])
        self.assertEqual(model.children[0], [1, 2, 3])
        self.assertEqual(model.scale, ["five"] * 4 + ["freq"] * 3)
        self.assertEqual((model.lo[5], model.hi[5]), (0, 3))
        self.assertEqual(model.weight[:4], [1, 2, 1, 1])
        self.assertEqual(model.rollup[0], "mean")
        self.assertEqual(model.rollup[4], "max")
        prof = baseline.load_profile(self.files["profile.yaml"], model)
        self.assertEqual(prof.targets, [baseline.Target(0, 4, 1, False),
                                        baseline.Target(2, 3, 2, True),
                                        baseline.Target(4, 2, 1, False)])

    def test_by_hand(self):
        for name in ("team.yaml", "team.csv"):
            _, pure, vectorised = python_team(
                self.files["framework.yaml"], self.files["profile.yaml"], [self.files[name]])
            self.assertSameResult(pure, TINY_EXPECTED, f"team_pure ({name}) against the hand")
            self.assertSameResult(vectorised, TINY_EXPECTED,
                                  f"team_numpy ({name}) against the hand")

    @needs_binding
    def test_c_library(self):
        pure = self.check_python_and_c(
            self.files["framework.yaml"], self.files["profile.yaml"], [self.files["team.yaml"]])
        self.assertSameResult(pure, TINY_EXPECTED, "the C library against the hand")

    def test_loaders(self):
        self.check_loaders_agree(self.files["framework.yaml"], [self.files["team.yaml"]],
                                 self.files["team.csv"])


# The tolerance of "met": on a scale from 0 to 1.5, the level 0.9
# normalises to 0.9 / 1.5 = 0.6, which denormalises to 0 + 0.6 * 1.5 =
# 0.8999999999999999, a rounding step below 0.9. So R, derived from its
# only child R.1 rated 0.9, achieves 0.8999999999999999 and still meets a
# target of 0.9: A >= L - 1e-9 * (hi - lo). Fit 1, ready, one meets R.
STEPS_FRAMEWORK = """\
framework:
  id: steps
  title: Steps
  scales:
    - id: steps
      levels: [{value: 0, label: s0}, {value: 0.3, label: s1}, {value: 0.6, label: s2},
               {value: 0.9, label: s3}, {value: 1.2, label: s4}, {value: 1.5, label: s5}]
      proficient: 0.9
  elements:
    - {id: R, title: Derived, children: [{id: R.1, title: Rated}]}
"""
STEPS_PROFILE = "profile: {id: steps-role, targets: {R: {level: 0.9, critical: true}}}\n"
STEPS_YAML = "assessment: {subject: Cy, ratings: {R.1: 0.9}}\n"
STEPS_EXPECTED = {
    "fit": [1.0], "ready": [True], "achieved": [[0.8999999999999999]],
    "assessed": [1], "mean": [0.8999999999999999], "min": [0.8999999999999999],
    "max": [0.8999999999999999], "meeting": [1],
}


class Tolerance(Checks):
    """A target met only thanks to the tolerance of cfi_meets."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = Path(self.dir.name)
        self.files = []
        for name, text in (("framework.yaml", STEPS_FRAMEWORK), ("profile.yaml", STEPS_PROFILE),
                           ("team.yaml", STEPS_YAML)):
            (d / name).write_text(text, encoding="utf-8")
            self.files.append(d / name)

    def tearDown(self):
        self.dir.cleanup()

    def test_met_within_tolerance(self):
        framework, profile, team = self.files
        _, pure, vectorised = python_team(framework, profile, [team])
        self.assertLess(pure["achieved"][0][0], 0.9)
        self.assertSameResult(pure, STEPS_EXPECTED, "team_pure")
        self.assertSameResult(vectorised, STEPS_EXPECTED, "team_numpy")

    @needs_binding
    def test_c_library(self):
        framework, profile, team = self.files
        pure = self.check_python_and_c(framework, profile, [team])
        self.assertSameResult(pure, STEPS_EXPECTED, "the C library")


class ComparisonsCanFail(Checks):
    """The comparisons notice a wrong number, a NaN for a number, a wrong
    flag or count, a wrong shape, and a row read differently."""

    def test_compare_results(self):
        self.assertEqual(baseline.compare_results(TINY_EXPECTED, TINY_EXPECTED), [])
        for key, change in (
            ("fit", lambda r: r["fit"].__setitem__(0, r["fit"][0] * (1 + 1e-7))),
            ("ready", lambda r: r["ready"].__setitem__(1, True)),
            ("achieved", lambda r: r["achieved"][1].__setitem__(1, 3.0)),
            ("achieved", lambda r: r["achieved"][0].__setitem__(0, math.nan)),
            ("assessed", lambda r: r["assessed"].__setitem__(2, 1)),
            ("mean", lambda r: r["mean"].__setitem__(0, 4.375 + 1e-6)),
            ("min", lambda r: r["min"].pop()),
            ("meeting", lambda r: r["meeting"].__setitem__(0, 2)),
        ):
            wrong = copy.deepcopy(TINY_EXPECTED)
            change(wrong)
            problems = baseline.compare_results(TINY_EXPECTED, wrong)
            self.assertTrue(problems and all(p.startswith(key) for p in problems),
                            f"a change of {key} gave {problems}")
        # Within the tolerance: equal.
        close = dict(TINY_EXPECTED, fit=[x * (1 + 1e-12) for x in TINY_EXPECTED["fit"]])
        self.assertTrue(baseline.results_equal(TINY_EXPECTED, close))

    def test_numpy_result_compares(self):
        import numpy as np
        arrays = {k: np.array(v, dtype=float) for k, v in TINY_EXPECTED.items()}
        self.assertEqual(baseline.compare_results(TINY_EXPECTED, arrays), [])
        arrays["max"][0] = 4
        self.assertEqual(len(baseline.compare_results(TINY_EXPECTED, arrays)), 1)

    def test_loaders_differ(self):
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            (d / "f.yaml").write_text(TINY_FRAMEWORK, encoding="utf-8")
            (d / "a.yaml").write_text(TINY_YAML, encoding="utf-8")
            (d / "a.csv").write_text(TINY_CSV.replace("Bo,X,2,", "Bo,X,3,"), encoding="utf-8")
            with self.assertRaises(AssertionError):
                self.check_loaders_agree(d / "f.yaml", [d / "a.yaml"], d / "a.csv")


# ---------------------------------------------------------------------------
# The shipped data
# ---------------------------------------------------------------------------


class ShippedData(Checks):
    """The SOLS framework with both example profiles and the sample team,
    and the digital-services example (two scales, min and max rollups,
    weights) with its profile and people."""

    def test_files_are_there(self):
        self.assertTrue(SOLS.exists() and DIGITAL.exists(), SOURCE_DIR)
        self.assertEqual(len(MANAGERS), 6)
        self.assertEqual(len(PROFILES), 2)
        self.assertEqual(len(DIGITAL_PEOPLE), 2)

    @needs_binding
    def test_sols_team(self):
        for profile in PROFILES:
            with self.subTest(profile=profile.name):
                pure = self.check_python_and_c(SOLS, profile, MANAGERS)
                self.assertEqual(len(pure["fit"]), 6)
                self.check_python_and_c(SOLS, profile, [TEAM_CSV])

    def test_sols_branch_manager_as_documented(self):
        # examples/assessments/README.md: Harriet Quill is the only one
        # ready, with a fit of 97%; CR.1 is met by one person (Omar).
        subjects, pure, _ = python_team(SOLS, SOURCE_DIR / "examples" / "profiles" /
                                        "branch-manager.yaml", MANAGERS)
        harriet = subjects.index("Harriet Quill")
        self.assertEqual(round(100 * pure["fit"][harriet]), 97)
        self.assertEqual([s for s, r in zip(subjects, pure["ready"]) if r], ["Harriet Quill"])
        self.assertEqual(pure["meeting"][0], 1)

    def test_sols_loaders(self):
        self.check_loaders_agree(SOLS, MANAGERS, TEAM_CSV)

    @needs_binding
    def test_digital_services_team(self):
        # A team report takes one assessment per person, and Ines
        # Bitwright's file holds two (by her manager, then by herself):
        # one team of Cal with each of them, from the documents as written.
        documents = []
        for path in DIGITAL_PEOPLE:
            text = path.read_text(encoding="utf-8")
            documents.append(text.split("\n---\n"))
        self.assertEqual([len(d) for d in documents], [1, 2])
        with tempfile.TemporaryDirectory() as d:
            for k, second in enumerate(documents[1]):
                team = Path(d) / f"team-{k}.yaml"
                team.write_text(documents[0][0] + "\n---\n" + second, encoding="utf-8")
                with self.subTest(ines=k):
                    pure = self.check_python_and_c(DIGITAL, DIGITAL_PROFILE, [team])
                    self.assertEqual(len(pure["fit"]), 2)


# ---------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------

# Scales of the synthetic frameworks: the default 1..5, one from 0 with
# values that are not whole numbers, and one of a single level (hi == lo).
SYNTH_SCALES = {
    "five": [1, 2, 3, 4, 5],
    "halves": [0, 0.5, 1, 1.5],
    "single": [2],
}


def write_synthetic(d, elements, people, seed=7):
    """Writes a random framework of `elements` elements (mixed rollups,
    weights and scales, leaves at several depths), a profile and the
    ratings of `people` people as YAML and as CSV into directory d.
    Returns the four paths."""
    rng = random.Random(seed)
    nodes = []  # dicts in creation order; children appended to parents
    roots = []
    for i in range(elements):
        node = {"id": f"S{i}", "title": f"Synthetic element {i}"}
        if rng.random() < 0.4:
            node["weight"] = rng.choice([0.25, 0.5, 2, 3])
        if rng.random() < 0.3:
            node["rollup"] = rng.choice(["min", "max", "mean"])
        if rng.random() < 0.05:
            node["scale"] = rng.choice(list(SYNTH_SCALES))
        if i < 4 or rng.random() < 0.02:
            roots.append(node)
        else:  # a parent among the earlier elements, recent ones more often
            parent = nodes[max(0, i - 1 - int(rng.expovariate(0.05)))]
            parent.setdefault("children", []).append(node)
        nodes.append(node)
    scales = [{"id": s, "levels": [{"value": v, "label": f"{s}-{k}"} for k, v in enumerate(vals)],
               "proficient": vals[-1]} for s, vals in SYNTH_SCALES.items()]
    framework = {"framework": {"id": "synthetic", "title": "Synthetic", "scales": scales,
                               "default_scale": "five", "elements": roots}}
    fw_path = d / "framework.yaml"
    fw_path.write_text(yaml.safe_dump(framework, sort_keys=False), encoding="utf-8")

    # The effective scales, to pick levels on them.
    scale_of = {}
    stack = [(n, "five") for n in roots]
    while stack:
        node, inherited = stack.pop()
        scale_of[node["id"]] = node.get("scale", inherited)
        stack.extend((c, scale_of[node["id"]]) for c in node.get("children", ()))

    def level(element_id):
        """A random level: its value, or now and then its label."""
        values = SYNTH_SCALES[scale_of[element_id]]
        k = rng.randrange(len(values))
        return f"{scale_of[element_id]}-{k}" if rng.random() < 0.1 else values[k]

    targets = {}
    for node in rng.sample(nodes, min(25, elements)):
        target = {"level": level(node["id"])}
        if rng.random() < 0.5:
            target["importance"] = rng.choice([0.5, 2, 3])
        if rng.random() < 0.2:
            target["critical"] = True
        targets[node["id"]] = target
    profile_path = d / "profile.yaml"
    profile_path.write_text(
        yaml.safe_dump({"profile": {"id": "synthetic-role", "targets": targets}}, sort_keys=False),
        encoding="utf-8")

    docs, rows = [], []
    for p in range(people):
        subject = f"Person {p:04d}"
        density = rng.choice([0.1, 0.5, 0.9])
        ratings = {}
        for node in nodes:
            if rng.random() < (density if "children" not in node else 0.05):
                ratings[node["id"]] = level(node["id"])
        docs.append({"assessment": {"subject": subject, "ratings": ratings}})
        # The CSV in another row order: by element id, not by person.
        rows.extend((subject, e, lv) for e, lv in ratings.items())
    rows.sort(key=lambda r: (r[1], r[0]))
    yaml_path = d / "team.yaml"
    yaml_path.write_text(yaml.safe_dump_all(docs, sort_keys=False), encoding="utf-8")
    csv_path = d / "team.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["subject", "element", "level"])
        out.writerows(rows)
    return fw_path, profile_path, yaml_path, csv_path


class SyntheticData(Checks):
    """A random 200-element framework with 50 people, written by this test."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.paths = write_synthetic(Path(cls.dir.name), 200, 50)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    @needs_binding
    def test_team(self):
        fw, profile, team_yaml, _ = self.paths
        pure = self.check_python_and_c(fw, profile, [team_yaml])
        # The data exercise every status: met, unmet and unassessed.
        self.assertTrue(any(m > 0 for m in pure["meeting"]))
        self.assertTrue(any(a < 50 for a in pure["assessed"]))
        self.assertTrue(any(0 < f < 1 for f in pure["fit"]))

    def test_pure_equals_numpy(self):
        fw, profile, team_yaml, _ = self.paths
        _, pure, vectorised = python_team(fw, profile, [team_yaml])
        self.assertSameResult(pure, vectorised, "team_pure against team_numpy")

    def test_loaders(self):
        fw, _, team_yaml, team_csv = self.paths
        self.check_loaders_agree(fw, [team_yaml], team_csv)


@unittest.skipUnless(GEN.exists(), f"the generator {GEN.name} is not built")
class GeneratedData(Checks):
    """The benchmarks' own synthetic data (bench/gen): 200 elements, 50
    people, assessments as YAML and as CSV."""

    ELEMENTS, PEOPLE = 200, 50

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        d = Path(cls.dir.name)
        n = str(cls.ELEMENTS)
        cls.framework, cls.profile = d / "framework.yaml", d / "profile.yaml"
        cls.team_yaml, cls.team_csv = d / "team.yaml", d / "team.csv"
        for args in (["framework", "--elements", n, "-o", cls.framework],
                     ["profile", "--elements", n, "-o", cls.profile],
                     ["assessments", "--elements", n, "--people", str(cls.PEOPLE),
                      "--format", "yaml", "-o", cls.team_yaml],
                     ["assessments", "--elements", n, "--people", str(cls.PEOPLE),
                      "--format", "csv", "-o", cls.team_csv]):
            subprocess.run([str(GEN), *map(str, args)], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_framework(self):
        model = baseline.load_framework(self.framework)
        self.assertEqual(model.id, f"bench-{self.ELEMENTS}")
        self.assertEqual(len(model), self.ELEMENTS)

    def test_team_yaml(self):
        pure = self.check_python_and_c(self.framework, self.profile, [self.team_yaml])
        self.assertEqual(len(pure["fit"]), self.PEOPLE)

    def test_team_csv(self):
        self.check_python_and_c(self.framework, self.profile, [self.team_csv])

    def test_loaders(self):
        self.check_loaders_agree(self.framework, [self.team_yaml], self.team_csv)


if __name__ == "__main__":
    unittest.main()
