#!/usr/bin/env python3
"""Python baselines for the benchmarks: what a scripter would write instead
of calling libcompetency.

The benchmarks (bench/run.py) compare the C library with two Python
versions of the same work:

- reading the files as a Python scripter would: PyYAML with its C loader
  (``yaml.load(f, Loader=yaml.CLoader)``) into dicts and lists, the
  standard ``csv`` module for CSV assessments, then a small model built
  from them (:func:`load_framework`, :func:`load_profile`,
  :func:`load_assessments_yaml`, :func:`load_assessments_csv`);
- a team analysis with the scoring rules of the library (docs/format.md,
  "Weights, rollups and scoring"; DESIGN section 4): in pure Python
  (:func:`team_pure`) and with numpy, vectorised across people
  (:func:`team_numpy`).

Both analyses follow the library's rules exactly, with the default
missing-rating policy (unrated children are skipped):

- the elements are scored backwards over the pre-order (children before
  their parent): a rated element's score is its rating; otherwise the
  rollup of its scored children's *normalised* scores (the weighted mean
  sum(w*s)/sum(w), or the min, or the max, in child order); otherwise it
  is unscored (NaN);
- a level v on a scale whose first and last level values are lo and hi
  normalises to (v - lo) / (hi - lo), or 1.0 when hi == lo; a normalised
  score s is lo + s * (hi - lo) in level units (hi when hi == lo);
- a target (element, level L, importance I, critical) with achievement A
  (level units) is *met* when A >= L - 1e-9 * (hi - lo) (1e-9 when the
  scale has one level), *unassessed* when A is NaN, *unmet* otherwise;
- fit = sum(I * share) / sum(I * Ln) over the targets in profile order,
  with share = Ln when met, 0 when unassessed, min(An, Ln) otherwise (An,
  Ln normalised); 1 when the denominator is 0;
- ready: every critical target met;
- per target over the people: how many are assessed, the mean of their
  achievement (summed in person order, divided by the count), the min,
  the max, and how many meet it.

:func:`team_pure` adds in the same order as the C code (children in
order, targets in order, people in order), so its numbers are the
library's, bit for bit on the data tried. :func:`team_numpy` arranges its
sums so that numpy adds in the same order too (reductions over axis 0 of
a C-contiguous array, row by row); numpy does not promise that order, so
compare results with :func:`compare_results` (relative tolerance 1e-9,
NaN equal to NaN) rather than with ==.

The loaders read valid files; they check what they need to (ids exist,
levels are on the element's scale) but are not validators: the C library
is the reference for what a valid file is.

Command line, handy for checks::

    python3 bench/baseline.py FRAMEWORK PROFILE ASSESSMENTS [--csv]

prints the pure-Python team analysis as JSON (NaN as null).
"""

import argparse
import csv
import json
import math
import re
import sys
from typing import NamedTuple

import yaml

try:  # numpy is needed by team_numpy and matrix_from_rows only
    import numpy as np
except ImportError:  # pragma: no cover - reported when those are called
    np = None

NAN = float("nan")

#: The result keys of team_pure and team_numpy.
RESULT_KEYS = ("fit", "ready", "achieved", "assessed", "mean", "min", "max", "meeting")

# A number as docs/format.md "Numbers" writes it: optional sign, decimal
# digits with an optional point, an optional exponent, no leading zeros.
_NUMBER = re.compile(r"[+-]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


class Scale(NamedTuple):
    """A rating scale: its level values (lowest first) and labels."""

    id: str
    #: The level values, lowest first.
    values: tuple
    #: Label -> value.
    labels: dict

    @property
    def lo(self) -> float:
        """The first (lowest) level value."""
        return self.values[0]

    @property
    def hi(self) -> float:
        """The last (highest) level value."""
        return self.values[-1]


class Model:
    """A framework as plain lists indexed by element, in pre-order.

    The element index is the C library's: the file's order, depth first
    (a parent before its children, siblings in file order). For element i:

    - ``ids[i]``: its id; ``index[id]`` is i;
    - ``parent[i]``: its parent's index, -1 for a top-level element;
    - ``children[i]``: its children's indexes, in file order;
    - ``scale[i]``: the id of its effective scale (its own ``scale``, else
      its nearest ancestor's, else the framework's default); ``lo[i]`` and
      ``hi[i]`` that scale's first and last level values;
    - ``weight[i]``: its weight (default 1);
    - ``rollup[i]``: ``"mean"`` (default), ``"min"`` or ``"max"``.

    ``scales`` maps a scale id to its :class:`Scale`.
    """

    def __init__(self, framework_id, scales, default_scale):
        self.id = framework_id
        self.scales = scales
        self.default_scale = default_scale
        self.ids = []
        self.index = {}
        self.parent = []
        self.children = []
        self.scale = []
        self.lo = []
        self.hi = []
        self.weight = []
        self.rollup = []

    def __len__(self):
        """The number of elements."""
        return len(self.ids)

    def element_scale(self, i) -> Scale:
        """The effective scale of element i."""
        return self.scales[self.scale[i]]

    def find(self, element_id, where="") -> int:
        """The index of an element id; ValueError for an unknown one."""
        try:
            return self.index[element_id]
        except (KeyError, TypeError):
            raise ValueError(
                f"{where}unknown element id {element_id!r} in framework {self.id!r}"
            ) from None

    def level(self, i, raw, where="", text_numbers=False) -> float:
        """The level value of a rating or target ``raw`` of element i.

        raw is a number (a level value), a text (a level label; with
        text_numbers, as CSV reads it, a text in number syntax is a value),
        or a mapping with the key ``level``. ValueError when it is not a
        level of the element's scale.
        """
        if isinstance(raw, dict):
            raw = raw.get("level")
        scale = self.element_scale(i)
        if isinstance(raw, str):
            if raw in scale.labels:
                return scale.labels[raw]
            # PyYAML (YAML 1.1) reads 1e3 as text, where the library reads a
            # number; CSV quotes only quote, so "3" is the value 3 there.
            if not (text_numbers or "e" in raw.lower()) or not _NUMBER.fullmatch(raw):
                raise ValueError(
                    f"{where}level {raw!r} is not on scale {scale.id!r} "
                    f"of element {self.ids[i]!r}"
                )
            raw = float(raw)
        value = _number(raw, f"{where}level of {self.ids[i]!r}")
        if value not in scale.values:
            raise ValueError(
                f"{where}level {value:g} is not on scale {scale.id!r} "
                f"of element {self.ids[i]!r}"
            )
        return value


class Target(NamedTuple):
    """A profile's target: element index, level (level units), importance,
    critical."""

    element: int
    level: float
    importance: float = 1.0
    critical: bool = False


class Profile(NamedTuple):
    """A profile: its id and its targets, in file order."""

    id: str
    targets: list


def _number(raw, what) -> float:
    """A YAML number as a float; ValueError for anything else.

    PyYAML (YAML 1.1) reads a number with an exponent and no point (1e3)
    as text, which the library reads as a number: such text is accepted.
    """
    if isinstance(raw, bool):
        raise ValueError(f"{what}: expected a number, got {raw!r}")
    if isinstance(raw, (int, float)):
        return float(raw)
    if isinstance(raw, str) and _NUMBER.fullmatch(raw):
        return float(raw)
    raise ValueError(f"{what}: expected a number, got {raw!r}")


def _yaml_load(path):
    """The only document of a YAML file, with PyYAML's C loader."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CLoader)


# ---------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------


def load_framework(path) -> Model:
    """Loads a framework file (docs/format.md) into a :class:`Model`.

    ``yaml.load(f, Loader=yaml.CLoader)`` reads it into dicts; the
    elements are then walked depth first, in file order, which gives the
    C library's element index (pre-order). The effective scale of an
    element is its own ``scale``, else its nearest ancestor's, else
    ``default_scale`` (the only scale when there is one and no default).
    """
    doc = _yaml_load(path)["framework"]
    scales = {}
    for s in doc["scales"]:
        values, labels = [], {}
        for level in s["levels"]:
            value = _number(level["value"], f"scale {s['id']!r}: level value")
            values.append(value)
            labels[str(level["label"])] = value
        scales[str(s["id"])] = Scale(str(s["id"]), tuple(values), labels)
    default = doc.get("default_scale")
    if default is None:
        if len(scales) != 1:
            raise ValueError("default_scale is required with several scales")
        default = next(iter(scales))
    model = Model(str(doc["id"]), scales, str(default))

    # Depth first without recursion (synthetic trees may be deep): a stack
    # of (element mapping, parent index, parent's effective scale), the
    # siblings pushed in reverse so that they come off in file order.
    stack = [(e, -1, model.default_scale) for e in reversed(doc["elements"])]
    while stack:
        e, parent, inherited = stack.pop()
        i = len(model.ids)
        element_id = str(e["id"])
        if element_id in model.index:
            raise ValueError(f"element id {element_id!r} is given twice")
        scale_id = str(e["scale"]) if e.get("scale") is not None else inherited
        if scale_id not in scales:
            raise ValueError(f"unknown scale {scale_id!r} of element {element_id!r}")
        rollup = e.get("rollup", "mean")
        if rollup not in ("mean", "min", "max"):
            raise ValueError(f"unknown rollup {rollup!r} of element {element_id!r}")
        model.ids.append(element_id)
        model.index[element_id] = i
        model.parent.append(parent)
        model.children.append([])
        model.scale.append(scale_id)
        model.lo.append(scales[scale_id].lo)
        model.hi.append(scales[scale_id].hi)
        model.weight.append(_number(e.get("weight", 1), f"weight of {element_id!r}"))
        model.rollup.append(rollup)
        if parent >= 0:
            model.children[parent].append(i)
        for child in reversed(e.get("children") or ()):
            stack.append((child, i, scale_id))
    return model


def load_profile(path, model: Model) -> Profile:
    """Loads a profile file (docs/format.md, "Profiles") against a model.

    Each target is an element index, a level value (the file may give a
    value or a label, alone or as ``level`` in a mapping), an importance
    (default 1) and whether it is critical (default false), in file order.
    """
    doc = _yaml_load(path)["profile"]
    targets = []
    for element_id, raw in doc["targets"].items():
        i = model.find(element_id, "profile: ")
        importance, critical = 1.0, False
        if isinstance(raw, dict):
            importance = _number(raw.get("importance", 1), f"importance of {element_id!r}")
            critical = raw.get("critical", False)
            if not isinstance(critical, bool):
                raise ValueError(f"critical of {element_id!r} is not a boolean")
        targets.append(Target(i, model.level(i, raw, "profile: "), importance, critical))
    return Profile(str(doc["id"]), targets)


def _row(model, ratings, where, text_numbers):
    """A row of level values indexed by element (NaN unrated)."""
    row = [NAN] * len(model)
    for element_id, raw in ratings:
        i = model.find(element_id, where)
        if row[i] == row[i]:
            raise ValueError(f"{where}element {element_id!r} is rated twice")
        row[i] = model.level(i, raw, where, text_numbers)
    return row


def load_assessments_yaml(path, model: Model) -> list:
    """Loads a YAML assessment file: one document per assessment.

    ``yaml.load_all(f, Loader=yaml.CLoader)``; returns a list of
    ``(subject, row)`` in file order, where row is a list of floats
    indexed by element (NaN where unrated). A rating is a level value, a
    label, or a mapping with ``level`` (and ``note``).
    """
    people = []
    with open(path, encoding="utf-8") as f:
        for number, doc in enumerate(yaml.load_all(f, Loader=yaml.CLoader), 1):
            a = doc["assessment"]
            fw = a.get("framework")
            if fw is not None and str(fw) != model.id:
                raise ValueError(
                    f"{path}: assessment {number} is for framework {fw!r}, "
                    f"not {model.id!r}"
                )
            where = f"{path}: assessment {number}: "
            ratings = (a.get("ratings") or {}).items()
            people.append((str(a["subject"]), _row(model, ratings, where, False)))
    return people


def load_assessments_csv(path, model: Model) -> list:
    """Loads a CSV assessment file (header subject,element,level[,rater,
    role,date,note], one rating per row) with the ``csv`` module.

    As in the library, the rows of one subject with the same rater, role
    and date form one assessment, and the assessments come in the order of
    their first row. Returns a list of ``(subject, row)`` as
    :func:`load_assessments_yaml`. A level in number syntax is a value
    (quotes only quote in CSV), any other text a label.
    """
    groups = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for line, rec in enumerate(csv.DictReader(f), 2):
            key = (rec["subject"], rec.get("rater", ""), rec.get("role", ""), rec.get("date", ""))
            groups.setdefault(key, []).append((rec["element"], rec["level"], line))
    people = []
    for (subject, _, _, _), ratings in groups.items():
        row = [NAN] * len(model)
        for element_id, raw, line in ratings:
            where = f"{path}:{line}: "
            i = model.find(element_id, where)
            if row[i] == row[i]:
                raise ValueError(f"{where}element {element_id!r} is rated twice")
            row[i] = model.level(i, raw, where, text_numbers=True)
        people.append((subject, row))
    return people


def load_assessments(path, model: Model) -> list:
    """:func:`load_assessments_csv` for a ``.csv`` name (any case), else
    :func:`load_assessments_yaml`, as the library's CF_FORMAT_AUTO."""
    if str(path).lower().endswith(".csv"):
        return load_assessments_csv(path, model)
    return load_assessments_yaml(path, model)


def _levels(rows):
    """The level rows of rows: (subject, row) pairs or plain rows."""
    return [r[1] if isinstance(r, tuple) and len(r) == 2 and isinstance(r[0], str) else r
            for r in rows]


def _targets(profile):
    """The targets of a Profile, or a list of targets as is."""
    return getattr(profile, "targets", profile)


# ---------------------------------------------------------------------------
# Pure Python
# ---------------------------------------------------------------------------


def score_pure(model: Model, levels) -> tuple:
    """One person's scores: ``(value, normalized)``, two lists indexed by
    element (NaN where unscored), as the library's backward pass over the
    pre-order (lib/score.c) with the default policy (skip unrated)."""
    n = len(model)
    value = [NAN] * n
    norm = [NAN] * n
    children, weight, rollup = model.children, model.weight, model.rollup
    los, his = model.lo, model.hi
    for i in range(n - 1, -1, -1):
        lo, hi = los[i], his[i]
        v = levels[i]
        if v == v:  # rated
            value[i] = v
            norm[i] = (v - lo) / (hi - lo) if hi > lo else 1.0
            continue
        kids = children[i]
        if not kids:
            continue
        if rollup[i] == "mean":
            weighted = weights = 0.0
            scored = False
            for c in kids:
                s = norm[c]
                if s != s:  # unscored child: skipped
                    continue
                w = weight[c]
                weighted += w * s
                weights += w
                scored = True
            if not scored:
                continue
            s = weighted / weights
        else:
            pick_min = rollup[i] == "min"
            s = NAN
            for c in kids:
                x = norm[c]
                if x != x:
                    continue
                if s != s or (x < s if pick_min else x > s):
                    s = x
            if s != s:
                continue
        norm[i] = s
        value[i] = lo + s * (hi - lo) if hi > lo else hi
    return value, norm


def _target_constants(model, targets):
    """Per target: (element, L, Ln, I, critical, tolerance)."""
    out = []
    for t in targets:
        lo, hi = model.lo[t.element], model.hi[t.element]
        ln = (t.level - lo) / (hi - lo) if hi > lo else 1.0
        tolerance = 1e-9 * (hi - lo if hi > lo else 1)
        out.append((t.element, t.level, ln, t.importance, t.critical, tolerance))
    return out


def team_pure(model: Model, profile, rows) -> dict:
    """The team analysis in pure Python (no numpy), with the library's rules.

    profile: a :class:`Profile` (or its list of :class:`Target`); rows: what
    the loaders return (``(subject, row)`` pairs) or plain rows of levels.
    Returns a dict of lists: ``fit`` and ``ready`` per person; ``achieved``
    per person per target (level units, NaN unassessed); per target
    ``assessed``, ``mean``, ``min``, ``max`` (NaN when nobody is assessed)
    and ``meeting``.
    """
    consts = _target_constants(model, _targets(profile))
    required = 0.0
    for _, _, ln, importance, _, _ in consts:
        required += importance * ln
    fits, ready, achieved_rows, norm_rows = [], [], [], []
    for levels in _levels(rows):
        value, norm = score_pure(model, levels)
        numerator = 0.0
        critical_met = True
        achieved = []
        for e, level, ln, importance, critical, tolerance in consts:
            a = value[e]
            achieved.append(a)
            if a != a:  # unassessed
                met, share = False, 0.0
            elif a >= level - tolerance:
                met, share = True, ln
            else:
                an = norm[e]
                met, share = False, an if an < ln else ln
            numerator += importance * share
            if critical and not met:
                critical_met = False
        fits.append(numerator / required if required > 0 else 1.0)
        ready.append(critical_met)
        achieved_rows.append(achieved)
        norm_rows.append(norm)

    assessed, mean, lows, highs, meeting = [], [], [], [], []
    for t, (e, level, _, _, _, tolerance) in enumerate(consts):
        count = meets = 0
        total, lo, hi = 0.0, NAN, NAN
        for achieved in achieved_rows:
            a = achieved[t]
            if a != a:
                continue
            if a >= level - tolerance:
                meets += 1
            count += 1
            total += a
            if lo != lo or a < lo:
                lo = a
            if hi != hi or a > hi:
                hi = a
        assessed.append(count)
        mean.append(total / count if count else NAN)
        lows.append(lo)
        highs.append(hi)
        meeting.append(meets)
    return {
        "fit": fits,
        "ready": ready,
        "achieved": achieved_rows,
        "assessed": assessed,
        "mean": mean,
        "min": lows,
        "max": highs,
        "meeting": meeting,
    }


# ---------------------------------------------------------------------------
# numpy
# ---------------------------------------------------------------------------


def _need_numpy():
    if np is None:
        raise RuntimeError("numpy is not installed (Debian: apt-get install python3-numpy)")


def matrix_from_rows(rows):
    """A float64 numpy matrix, people x elements (NaN unrated), from what
    the loaders return (``(subject, row)`` pairs) or from plain rows."""
    _need_numpy()
    return np.array(_levels(rows), dtype=np.float64, ndmin=2)


def score_numpy(model: Model, matrix) -> tuple:
    """Everyone's scores at once: ``(value, normalized)``, two float64
    arrays elements x people (NaN unscored).

    The elements are walked backwards over the pre-order in Python; each
    step is vector operations across the people (a row of the transposed,
    contiguous matrix).
    """
    _need_numpy()
    levels = np.ascontiguousarray(np.asarray(matrix, dtype=np.float64).T)
    n, people = levels.shape
    if n != len(model):
        raise ValueError(f"the matrix has {n} elements, the framework {len(model)}")
    value = np.full((n, people), np.nan)
    norm = np.full((n, people), np.nan)
    weight = np.asarray(model.weight, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(n - 1, -1, -1):
            lo, hi = model.lo[i], model.hi[i]
            col = levels[i]
            rated = ~np.isnan(col)
            own = (col - lo) / (hi - lo) if hi > lo else np.where(rated, 1.0, np.nan)
            kids = model.children[i]
            if not kids:
                value[i] = col
                norm[i] = own
                continue
            s = norm[kids]  # children x people, in child order
            if model.rollup[i] == "mean":
                scored = ~np.isnan(s)
                w = weight[kids][:, None]
                # Rows are added in child order (numpy reduces axis 0 row
                # by row), as the C code adds child by child.
                derived = (np.where(scored, w * s, 0.0).sum(axis=0)
                           / np.where(scored, w, 0.0).sum(axis=0))  # 0/0: NaN
            elif model.rollup[i] == "min":
                derived = np.fmin.reduce(s, axis=0)  # NaN only when all are
            else:
                derived = np.fmax.reduce(s, axis=0)
            if hi > lo:
                dvalue = lo + derived * (hi - lo)
            else:
                dvalue = np.where(np.isnan(derived), np.nan, hi)
            value[i] = np.where(rated, col, dvalue)
            norm[i] = np.where(rated, own, derived)
    return value, norm


def team_numpy(model: Model, profile, matrix) -> dict:
    """The team analysis with numpy, on a float64 matrix people x elements
    (NaN unrated; see :func:`matrix_from_rows`).

    The same rules and the same result keys as :func:`team_pure`, as numpy
    arrays: ``fit`` and ``ready`` per person, ``achieved`` people x
    targets, the rest per target.
    """
    _need_numpy()
    value, norm = score_numpy(model, matrix)
    consts = _target_constants(model, _targets(profile))
    people = value.shape[1]
    if not consts:
        empty = np.zeros(0)
        return {"fit": np.ones(people), "ready": np.ones(people, dtype=bool),
                "achieved": np.zeros((people, 0)), "assessed": empty.astype(np.int64),
                "mean": empty, "min": empty, "max": empty, "meeting": empty.astype(np.int64)}
    elements = [c[0] for c in consts]
    level = np.array([c[1] for c in consts])[:, None]
    ln = np.array([c[2] for c in consts])[:, None]
    importance = np.array([c[3] for c in consts])[:, None]
    critical = np.array([c[4] for c in consts], dtype=bool)
    tolerance = np.array([c[5] for c in consts])[:, None]

    a = value[elements]  # targets x people
    an = norm[elements]
    assessed_mask = ~np.isnan(a)
    with np.errstate(invalid="ignore"):
        met = a >= level - tolerance  # False where NaN
    share = np.where(met, ln, np.where(assessed_mask, np.minimum(an, ln), 0.0))
    required = 0.0
    for c in consts:  # a scalar, summed in profile order as the C code
        required += c[3] * c[2]
    numerator = (importance * share).sum(axis=0)
    fit = numerator / required if required > 0 else np.ones(people)
    ready = met[critical].all(axis=0)

    assessed = assessed_mask.sum(axis=1)
    # Summed over axis 0 of a people x targets array: person by person, in
    # person order, as the C code (a sum along a row would be pairwise).
    achieved = np.ascontiguousarray(np.where(assessed_mask, a, 0.0).T)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = achieved.sum(axis=0) / assessed
    return {
        "fit": fit,
        "ready": ready,
        "achieved": a.T,
        "assessed": assessed,
        "mean": np.where(assessed > 0, mean, np.nan),
        "min": np.fmin.reduce(a, axis=1),
        "max": np.fmax.reduce(a, axis=1),
        "meeting": met.sum(axis=1),
    }


# ---------------------------------------------------------------------------
# Comparing results, JSON
# ---------------------------------------------------------------------------


def _flat(x):
    """A result value (list, nested list or numpy array) as a flat list of
    Python numbers (bools as 0/1), with its shape for messages."""
    if hasattr(x, "tolist"):
        x = x.tolist()
    out = []
    stack = [x]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        else:
            out.append(float(item))
    return out


def compare_results(a: dict, b: dict, rel: float = 1e-9, abs_tol: float = 1e-12,
                    keys=RESULT_KEYS) -> list:
    """The differences between two team results, as readable lines; empty
    when they agree.

    Numbers agree when within a relative tolerance ``rel`` (or ``abs_tol``
    of each other, for numbers near 0); NaN equals NaN and nothing else.
    Shapes must agree (``achieved`` is compared flattened, people by
    target).
    """
    problems = []
    for key in keys:
        if key not in a or key not in b:
            problems.append(f"{key}: missing from {'the first' if key not in a else 'the second'}")
            continue
        x, y = _flat(a[key]), _flat(b[key])
        if len(x) != len(y):
            problems.append(f"{key}: {len(x)} numbers against {len(y)}")
            continue
        for k, (p, q) in enumerate(zip(x, y)):
            if math.isnan(p) or math.isnan(q):
                same = math.isnan(p) and math.isnan(q)
            else:
                same = math.isclose(p, q, rel_tol=rel, abs_tol=abs_tol)
            if not same:
                problems.append(f"{key}[{k}]: {p!r} != {q!r}")
    return problems


def results_equal(a: dict, b: dict, rel: float = 1e-9) -> bool:
    """Whether two team results agree (see :func:`compare_results`)."""
    return not compare_results(a, b, rel)


def to_jsonable(x):
    """A result (or part of one) with numpy values as Python ones and NaN
    as None, for json.dumps."""
    if hasattr(x, "tolist"):
        x = x.tolist()
    if isinstance(x, dict):
        return {k: to_jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def main(argv=None) -> int:
    """The command line: the pure-Python team analysis as JSON."""
    parser = argparse.ArgumentParser(
        description="Team analysis of a framework, profile and assessment file "
        "in pure Python (the benchmarks' baseline), printed as JSON with NaN as null.")
    parser.add_argument("framework")
    parser.add_argument("profile")
    parser.add_argument("assessments")
    parser.add_argument("--csv", action="store_true",
                        help="read the assessments as CSV (default: YAML)")
    args = parser.parse_args(argv)
    model = load_framework(args.framework)
    profile = load_profile(args.profile, model)
    load = load_assessments_csv if args.csv else load_assessments_yaml
    rows = load(args.assessments, model)
    result = team_pure(model, profile, rows)
    out = {"framework": model.id, "profile": profile.id,
           "subjects": [subject for subject, _ in rows],
           "targets": [model.ids[t.element] for t in profile.targets]}
    out.update(result)
    json.dump(to_jsonable(out), sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
