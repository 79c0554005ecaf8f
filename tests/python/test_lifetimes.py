"""Lifetimes: objects dropped in any order, and no memory growth.

Every object of the binding holds C references to what it points into (an
element its framework, a report its assessments and profile), so a script
may drop the framework first and keep using an element or a report. The
memory test builds and drops 100,000 objects and checks that neither
Python's memory (tracemalloc) nor the process's (RSS, which counts the C
library's allocations) grows.
"""

import gc
import itertools
import os
import random
import tracemalloc
import unittest

import competency
from support import SMALL

PAGE = os.sysconf("SC_PAGE_SIZE")
SANITIZED = os.environ.get("CF_SANITIZE") == "1"


def rss():
    """The resident set size of this process, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def build():
    """One of every kind of object, by name."""
    fw = competency.Framework.loads(SMALL)
    before = competency.Assessment(fw, "p", {"A.1": 1, "B": 1}, role="manager")
    self_rating = competency.Assessment(fw, "p", {"A.1": 3, "A.2": "High"}, role="self")
    after = competency.Assessment(fw, "p", {"A.1": 2, "A.2": 3, "B": 2}, role="manager")
    other = competency.Assessment(fw, "q", {"A": 3})
    profile = competency.Profile(fw, "role", {"A": 2, "B": (2, 2.0, True)})
    team = competency.TeamReport([after, other], profile)
    consolidation = competency.Consolidation([after, self_rating])
    return {
        "framework": fw,
        "element": fw["A.2"],
        "scale": fw.default_scale,
        "level": fw.default_scale["Mid"],
        "before": before,
        "after": after,
        "profile": profile,
        "scores": competency.Scores(after),
        "gap": competency.GapReport(after, profile),
        "team": team,
        "person": team.people[1],
        "consolidation": consolidation,
        "merged": consolidation.assessment,
        "progress": competency.ProgressReport(before, after, profile),
    }


def use(name, obj):
    """Reads an object through the C library (crashes if it dangles)."""
    if name == "framework":
        return [el.id for el in obj]
    if name == "element":
        return (obj.title, obj.parent.id, obj.framework.id, obj.scale.id)
    if name == "scale":
        return [level.label for level in obj]
    if name == "level":
        return (obj.value, obj.label, obj.scale.id)
    if name in ("before", "after", "merged"):
        return (obj.subject, obj.ratings, obj.framework.id)
    if name == "profile":
        return [(t.element.id, t.level) for t in obj]
    if name == "person":
        return (obj.fit, obj.assessment.subject, obj.to_dict())
    return (obj.to_dict(), obj.render("text"), repr(obj))


class DropOrderTest(unittest.TestCase):
    def check_order(self, order):
        objects = build()
        expected = {name: use(name, obj) for name, obj in objects.items()}
        for name in order:
            del objects[name]
            for other, obj in objects.items():
                self.assertEqual(use(other, obj), expected[other], (order, other))

    def test_every_order_of_the_core_objects(self):
        core = ["framework", "element", "after", "profile", "gap", "team"]
        for order in itertools.permutations(core):
            self.check_order(list(order))

    def test_random_orders_of_everything(self):
        names = list(build())
        rng = random.Random(5)
        for _ in range(200):
            rng.shuffle(names)
            self.check_order(list(names))

    def test_a_report_outlives_everything(self):
        fw = competency.Framework.loads(SMALL)
        a = competency.Assessment(fw, "p", {"A.1": 2})
        p = competency.Profile(fw, "r", {"A": 3})
        team = competency.TeamReport([a], p)
        person = team.people[0]
        element = person.targets[0].element
        del fw, a, p, team
        # A = A.1's 2 on a 1..3 scale, 0.5 normalised, for a required 3 (1).
        self.assertEqual(person.fit, 0.5)
        self.assertEqual(person.profile.framework.id, "tiny")
        self.assertEqual(element.framework["A.1"].title, "First skill")


class MemoryTest(unittest.TestCase):
    OBJECTS = 100_000

    def churn(self, count):
        """Builds and drops count objects, in varying orders; returns how
        many it made."""
        made = 0
        i = 0
        while made < count:
            fw = competency.Framework.loads(SMALL)
            el = fw["A.2"]
            level = el.scale["High"]
            a = competency.Assessment(
                fw, "p", {"A.1": 1, "A.2": level, "B": 2}, role="self"
            )
            b = competency.Assessment(fw, "p", {"A.1": 3, "B": 1}, role="manager")
            if i % 3 == 0:
                del fw
            p = competency.Profile(el.framework, "r", {"A": 2, "B": (3, 2, True)})
            gap = competency.GapReport(a, p)
            team = competency.TeamReport(
                [a, competency.Assessment(p.framework, "q", {"B": 3})], p
            )
            person = team.people[i % 2]
            if i % 2:
                del team, p
            scores = competency.Scores(b)
            merged = competency.Consolidation([a, b]).assessment
            progress = competency.ProgressReport(b, a, gap.profile)
            if i % 3 == 1:
                del a, b
            person.to_dict()
            progress.to_json()
            scores.render("text")
            merged.ratings
            del el, level, gap, person, scores, merged, progress
            # Frameworks, elements, scales and levels (also those made
            # inside the calls above are not counted), assessments,
            # profiles and reports: at least 16 objects an iteration.
            made += 16
            i += 1
        return made

    def test_building_and_dropping_does_not_grow(self):
        gc.collect()
        gc.disable()  # nothing must depend on the cycle collector
        tracemalloc.start()
        try:
            self.churn(self.OBJECTS // 10)  # warm up caches and free lists
            traced_before, rss_before = tracemalloc.get_traced_memory()[0], rss()
            made = self.churn(self.OBJECTS)
            traced_after, rss_after = tracemalloc.get_traced_memory()[0], rss()
        finally:
            tracemalloc.stop()
            gc.enable()
        self.assertGreaterEqual(made, self.OBJECTS)
        # Python objects: a few free-list and cache entries at most.
        self.assertLess(traced_after - traced_before, 256 * 1024)
        if SANITIZED:
            # AddressSanitizer keeps freed memory in quarantine, so RSS grows
            # by design; leaks of C memory are caught by the RSS check of the
            # ordinary build (one leaked framework is kilobytes: 100,000
            # objects would leak tens of megabytes).
            return
        self.assertLess(rss_after - rss_before, 4 * 1024 * 1024)


if __name__ == "__main__":
    unittest.main()
