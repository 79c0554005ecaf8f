"""The dense team analysis from Python: Profile.analyze_matrix (TeamMatrix),
Framework.score_matrix and Assessment.levels, against the object API's
TeamReport and Scores, on a case worked out by hand, and on bad input."""

import array
import gc
import math
import random
import struct
import unittest

import competency

from support import PROFILE, SMALL, TEAM, sols

NAN = float("nan")

try:  # numpy is optional: the binding does not need it
    import numpy
except ImportError:  # pragma: no cover - depends on the machine
    numpy = None


def same_doubles(test, got, expected, msg=None):
    """got and expected hold the same doubles, NaN where the other has NaN
    (compared as bytes: exact, and NaN equal to NaN)."""
    got = array.array("d", got)
    expected = array.array("d", expected)
    test.assertEqual(len(got), len(expected), msg)
    test.assertEqual(got.tobytes(), expected.tobytes(), msg)


class SampleTeamTest(unittest.TestCase):
    """The six sample managers as a matrix give exactly the numbers of the
    object API's TeamReport on the same people in the same order."""

    @classmethod
    def setUpClass(cls):
        cls.fw = sols()
        cls.profile = competency.Profile.load(cls.fw, PROFILE)
        cls.people = [competency.Assessment.load(cls.fw, path)[0] for path in TEAM]
        assert len(cls.people) == 6
        cls.team = competency.TeamReport(cls.people, cls.profile)
        cls.levels = array.array("d")
        for a in cls.people:
            cls.levels.extend(a.levels)
        cls.matrix = cls.profile.analyze_matrix(cls.levels)

    def test_assessment_levels_is_its_dense_row(self):
        for a in self.people:
            levels = a.levels
            self.assertIsInstance(levels, array.array)
            self.assertEqual(levels.typecode, "d")
            self.assertEqual(len(levels), len(self.fw))
            for element in self.fw:
                rating = a.ratings.get(element.id)
                if rating is None:
                    self.assertTrue(math.isnan(levels[element.index]))
                else:
                    self.assertEqual(levels[element.index], rating)

    def test_people_and_targets(self):
        m = self.matrix
        self.assertEqual(len(m), 6)
        self.assertEqual(m.people, 6)
        self.assertEqual(m.profile, self.profile)
        self.assertEqual(len(m.targets), len(self.profile))

    def test_fits_and_readiness_equal_the_team_report(self):
        m = self.matrix
        fits = m.fits
        self.assertIsInstance(fits, array.array)
        same_doubles(self, fits, [g.fit for g in self.team.people])
        self.assertEqual(m.readiness, [g.ready for g in self.team.people])
        for i, g in enumerate(self.team.people):
            self.assertEqual(m.fit(i), g.fit)
            self.assertEqual(m.ready(i), g.ready)
        # Harriet Quill (row 0) is the only ready one of the six, at 0.9657...
        self.assertEqual(m.readiness, [True] + [False] * 5)

    def test_achieved_and_status_equal_each_gap_report(self):
        m = self.matrix
        count = len(self.profile)
        expected = array.array("d")
        for i, g in enumerate(self.team.people):
            for t, target in enumerate(g.targets):
                achieved = NAN if target.achieved is None else target.achieved
                expected.append(achieved)
                self.assertEqual(m.status(i, t), target.status, (i, t))
                self.assertEqual(m.status(i, target.element.id), target.status)
                self.assertEqual(m.achieved_at(i, t), target.achieved, (i, t))
        same_doubles(self, m.achieved, expected)
        view = m.achieved_matrix()
        self.assertEqual(view.format, "d")
        self.assertEqual(view.shape, (6, count))
        self.assertTrue(view.readonly)
        same_doubles(self, array.array("d", view.tobytes()), expected)
        for i in range(6):
            same_doubles(self, m.achieved_row(i), expected[i * count : (i + 1) * count])
        # Some target is unassessed for someone (CR.6.3 is assessed for 4).
        self.assertTrue(any(math.isnan(x) for x in expected))

    def test_targets_equal_the_team_report(self):
        self.assertEqual(self.matrix.targets, self.team.targets)
        self.assertEqual(self.matrix.target("CR.6.3"), self.team.targets[-1])
        # From the object API's JSON: CR.1 is met by one person only.
        first = self.matrix.targets[0]
        self.assertEqual(first.element.id, "CR.1")
        self.assertEqual(first.meeting, 1)
        self.assertTrue(first.single_point_of_failure)

    def test_ranking_is_the_team_reports_as_rows(self):
        rows = [self.people.index(g.assessment) for g in self.team.ranking]
        self.assertEqual(self.matrix.ranking, rows)
        # Fits 0.966, 0.626, 0.6, 0.229, 0.606, 0.857 by row: best first.
        self.assertEqual(rows, [0, 5, 1, 4, 2, 3])

    def test_to_dict_shares_the_team_reports_keys(self):
        got = self.matrix.to_dict()
        team = self.team.to_dict()
        self.assertEqual(got["report"], "team_matrix")
        for key in ("framework", "profile"):
            self.assertEqual(got[key], team[key])
        self.assertEqual(got["targets"], team["targets"])
        self.assertEqual(got["ranking"], self.matrix.ranking)
        self.assertEqual([p["fit"] for p in got["people"]], list(self.matrix.fits))
        self.assertEqual(got["people"][0]["row"], 0)

    def test_score_matrix_equals_scores(self):
        view = self.fw.score_matrix(self.levels)
        self.assertEqual(view.shape, (6, len(self.fw)))
        for i, a in enumerate(self.people):
            scores = competency.Scores(a)
            for element in self.fw:
                normalized = scores[element].normalized
                got = view[i, element.index]
                if normalized is None:
                    self.assertTrue(math.isnan(got), (i, element.id))
                else:
                    self.assertEqual(got, normalized, (i, element.id))

    def test_missing_zero_reaches_c(self):
        zero = self.profile.analyze_matrix(self.levels, missing="zero")
        team = competency.TeamReport(self.people, self.profile, missing="zero")
        same_doubles(self, zero.fits, [g.fit for g in team.people])
        self.assertNotEqual(zero.fits.tobytes(), self.matrix.fits.tobytes())

    def test_other_buffers_give_the_same(self):
        n = len(self.fw)
        same_doubles(
            self,
            self.profile.analyze_matrix(memoryview(self.levels), 6).fits,
            self.matrix.fits,
        )
        as_bytes = bytearray(self.levels.tobytes())
        shaped = memoryview(as_bytes).cast("d", (6, n))
        same_doubles(self, self.profile.analyze_matrix(shaped).fits, self.matrix.fits)
        rows = [[None if math.isnan(x) else x for x in a.levels] for a in self.people]
        same_doubles(self, competency.team_matrix(self.profile, rows).fits, self.matrix.fits)

    @unittest.skipIf(numpy is None, "numpy is not installed")
    def test_numpy(self):
        n = len(self.fw)
        levels = numpy.array(self.levels, dtype=numpy.float64).reshape(6, n)
        m = self.profile.analyze_matrix(levels)
        numpy.testing.assert_array_equal(numpy.asarray(m.fits), numpy.asarray(self.matrix.fits))
        achieved = numpy.asarray(m.achieved_matrix())
        self.assertEqual(achieved.shape, (6, len(self.profile)))
        with self.assertRaises(TypeError):
            self.profile.analyze_matrix(levels.astype(numpy.float32))
        with self.assertRaises(ValueError):
            self.profile.analyze_matrix(numpy.asfortranarray(levels))


class HandWorkedTest(unittest.TestCase):
    """The small framework of support.py: A (A.1, A.2 of weight 2) and B,
    on one scale 1..3, normalised (level - 1) / 2. The profile wants A at
    2 (Ln 0.5, importance 1) and B at 3 (Ln 1, importance 2, critical).
    fit = sum(I * min(An, Ln)) / sum(I * Ln), sum(I * Ln) = 0.5 + 2 = 2.5.

    Columns A, A.1, A.2, B (pre-order):
      row 0: A.1 3, B 2: A = 3 (A.2 skipped), An 1 -> 0.5; B An 0.5 -> 0.5
             fit (0.5 + 2 * 0.5) / 2.5 = 0.6; B unmet: not ready.
      row 1: A 1 (overrides its rollup), A.1 3: A An 0 -> 0, B unassessed
             fit 0; A unmet, B unassessed.
      row 2: A.1 1, A.2 3, B 3: A = (1 + 2 * 3) / 3 = 7/3, An 2/3 -> 0.5;
             B An 1 -> 1; fit (0.5 + 2) / 2.5 = 1; ready.
    Per target: A achieved 3, 1, 7/3: assessed 3, mean 19/9, min 1, max 3,
    meeting 2 (rows 0 and 2); B achieved 2, -, 3: assessed 2, mean 2.5,
    min 2, max 3, meeting 1: a single point of failure. Ranking 2, 0, 1.
    """

    ROWS = [
        [NAN, 3, NAN, 2],
        [1, 3, NAN, NAN],
        [NAN, 1, 3, 3],
    ]

    def setUp(self):
        self.fw = competency.Framework.loads(SMALL)
        self.profile = competency.Profile(
            self.fw,
            "tiny-role",
            {"A": (2, 1), "B": {"level": 3, "importance": 2, "critical": True}},
        )
        self.levels = array.array("d", [x for row in self.ROWS for x in row])

    def test_fits_readiness_status(self):
        m = self.profile.analyze_matrix(self.levels, 3)
        self.assertEqual(len(m), 3)
        for got, expected in zip(m.fits, [0.6, 0.0, 1.0]):
            self.assertAlmostEqual(got, expected, places=12)
        self.assertEqual(m.readiness, [False, False, True])
        self.assertEqual(
            [[m.status(i, t) for t in range(2)] for i in range(3)],
            [["met", "unmet"], ["unmet", "unassessed"], ["met", "met"]],
        )
        self.assertEqual(m.ranking, [2, 0, 1])

    def test_achieved(self):
        m = self.profile.analyze_matrix(self.levels)
        got = m.achieved_matrix().tolist()
        self.assertEqual(got[0], [3.0, 2.0])
        self.assertEqual(got[1][0], 1.0)
        self.assertTrue(math.isnan(got[1][1]))
        self.assertAlmostEqual(got[2][0], 7 / 3, places=12)
        self.assertEqual(got[2][1], 3.0)
        self.assertIsNone(m.achieved_at(1, "B"))
        self.assertEqual(m.achieved_at(-1, -1), 3.0)

    def test_targets(self):
        a, b = self.profile.analyze_matrix(self.levels).targets
        self.assertEqual((a.element.id, a.assessed, a.min, a.max, a.meeting), ("A", 3, 1, 3, 2))
        self.assertAlmostEqual(a.mean, 19 / 9, places=12)
        self.assertFalse(a.single_point_of_failure)
        self.assertEqual(
            tuple(b)[1:], (2, 2.5, 2.0, 3.0, 1, True)
        )

    def test_missing_zero(self):
        # Row 0 with A.2 at the bottom (1): A = (3 + 2 * 1) / 3 = 5/3, An 1/3
        # < 0.5, unmet: fit (1/3 + 2 * 0.5) / 2.5 = 8/15.
        m = self.profile.analyze_matrix(self.levels, missing="zero")
        self.assertAlmostEqual(m.fit(0), 8 / 15, places=12)
        self.assertEqual(m.status(0, "A"), "unmet")

    def test_score_matrix(self):
        view = self.fw.score_matrix(self.levels)
        self.assertEqual(view.shape, (3, 4))
        rows = view.tolist()
        # Row 0: A derived from A.1 only (1), A.1 1, A.2 unscored, B 0.5.
        self.assertEqual([rows[0][i] for i in (0, 1, 3)], [1.0, 1.0, 0.5])
        self.assertTrue(math.isnan(rows[0][2]))
        # Row 1: A rated 1 overrides its rollup: 0.
        self.assertEqual(rows[1][0], 0.0)
        # Row 2: A = 7/3: (7/3 - 1) / 2 = 2/3.
        self.assertAlmostEqual(rows[2][0], 2 / 3, places=12)
        self.assertEqual(self.fw.score_matrix(array.array("d")).tolist(), [])

    def test_the_report_outlives_its_inputs(self):
        m = self.profile.analyze_matrix(self.levels)
        del self.profile, self.fw
        self.levels.extend([0.0] * 4)  # the buffer was released: resizable
        gc.collect()
        self.assertEqual(m.targets[1].element.id, "B")
        self.assertEqual(m.profile.framework.id, "tiny")
        self.assertEqual(m.ranking, [2, 0, 1])


class ThreadsTest(unittest.TestCase):
    def test_two_threads_give_the_same_to_the_bit(self):
        fw = sols()
        profile = competency.Profile.load(fw, PROFILE)
        rng = random.Random(20261129)
        values = [[level.value for level in element.scale] for element in fw]
        people = 700
        levels = array.array("d")
        for _ in range(people):
            for choices in values:
                levels.append(rng.choice(choices) if rng.random() < 0.6 else NAN)
        one = profile.analyze_matrix(levels, threads=1)
        for threads in (2, 0):
            other = profile.analyze_matrix(levels, people, threads=threads)
            self.assertEqual(other.fits.tobytes(), one.fits.tobytes(), threads)
            self.assertEqual(other.achieved.tobytes(), one.achieved.tobytes())
            self.assertEqual(other.readiness, one.readiness)
            self.assertEqual(other.ranking, one.ranking)
            self.assertEqual(str(other.targets), str(one.targets))
            self.assertEqual(
                fw.score_matrix(levels, threads=threads).tobytes(),
                fw.score_matrix(levels).tobytes(),
            )
        # A few rows checked against the object API.
        for i in (0, 1, people - 1):
            row = levels[i * len(fw) : (i + 1) * len(fw)]
            ratings = {
                fw[e].id: x for e, x in enumerate(row) if not math.isnan(x)
            }
            a = competency.Assessment(fw, f"row {i}", ratings)
            self.assertEqual(competency.GapReport(a, profile).fit, one.fit(i))


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.fw = competency.Framework.loads(SMALL)
        self.profile = competency.Profile(self.fw, "tiny-role", {"A": 2, "B": 3})

    def assertReleased(self, levels):
        levels.append(0.0)  # BufferError if the binding still held it
        levels.pop()

    def test_wrong_format(self):
        for levels in (
            array.array("f", [1.0] * 8),
            array.array("q", [1] * 8),
            bytes(64),
            memoryview(struct.pack(">8d", *[1.0] * 8)).cast("B"),
        ):
            with self.subTest(levels=type(levels).__name__):
                with self.assertRaisesRegex(TypeError, "float64"):
                    self.profile.analyze_matrix(levels)
                with self.assertRaisesRegex(TypeError, "float64"):
                    self.fw.score_matrix(levels)
        floats = array.array("f", [1.0] * 8)
        with self.assertRaises(TypeError):
            self.profile.analyze_matrix(floats)
        floats.append(1.0)  # released after the error too

    def test_not_a_buffer(self):
        with self.assertRaisesRegex(TypeError, "must not be None"):
            self.profile.analyze_matrix(None)
        with self.assertRaisesRegex(TypeError, "float64"):
            self.profile.analyze_matrix(3.0)
        with self.assertRaisesRegex(TypeError, "not str"):
            self.profile.analyze_matrix("1 2 3 4")
        with self.assertRaisesRegex(TypeError, "competency.Profile"):
            competency.TeamMatrix(None, array.array("d", [1.0] * 4))

    def test_not_contiguous(self):
        levels = array.array("d", [1.0] * 8)
        with self.assertRaisesRegex(ValueError, "C-contiguous"):
            self.profile.analyze_matrix(memoryview(levels)[::2])
        self.assertReleased(levels)

    def test_wrong_length(self):
        levels = array.array("d", [1.0] * 9)  # 9 is not a multiple of 4
        with self.assertRaises(competency.Error) as caught:
            self.profile.analyze_matrix(levels)
        self.assertEqual(caught.exception.code, "CF_EARG")
        self.assertIn("9", str(caught.exception))
        self.assertIn("4", str(caught.exception))
        self.assertReleased(levels)
        with self.assertRaisesRegex(competency.Error, "not 3 people x 4"):
            self.profile.analyze_matrix(array.array("d", [1.0] * 8), 3)
        with self.assertRaisesRegex(competency.Error, "empty"):
            self.profile.analyze_matrix(array.array("d"))
        with self.assertRaisesRegex(competency.Error, "row 1 has 3 levels"):
            self.profile.analyze_matrix([[1, 2, 3, 1], [1, 2, 3]])
        with self.assertRaises(ValueError):  # Error is a ValueError
            self.fw.score_matrix(array.array("d", [1.0] * 5))

    def test_level_outside_its_scale(self):
        levels = array.array("d", [NAN] * 12)
        levels[2 * 4 + 3] = 7  # row 2, element B: the scale runs 1 to 3
        for call in (self.profile.analyze_matrix, self.fw.score_matrix):
            with self.assertRaises(competency.Error) as caught:
                call(levels)
            error = caught.exception
            self.assertEqual(error.code, "CF_EINVALID")
            self.assertIn("row 2", error.message)
            self.assertIn("'B'", error.message)
            self.assertReleased(levels)
        levels[2 * 4 + 3] = math.inf
        with self.assertRaisesRegex(competency.Error, "row 2"):
            self.profile.analyze_matrix(levels)

    def test_bad_arguments(self):
        levels = array.array("d", [NAN] * 4)
        for people in (0, -1, 1.0, True, "1"):
            with self.assertRaisesRegex(competency.Error, "people"):
                self.profile.analyze_matrix(levels, people)
        for threads in (-1, 1.5, None):
            with self.assertRaisesRegex(competency.Error, "threads"):
                self.profile.analyze_matrix(levels, threads=threads)
        with self.assertRaisesRegex(competency.Error, "missing"):
            self.profile.analyze_matrix(levels, missing="ignore")

    def test_indexes(self):
        m = self.profile.analyze_matrix(array.array("d", [NAN, 2, 2, 3]))
        with self.assertRaises(IndexError):
            m.fit(1)
        with self.assertRaises(IndexError):
            m.status(0, 2)
        with self.assertRaises(KeyError):
            m.status(0, "A.1")
        with self.assertRaises(TypeError):
            m.ready("0")


if __name__ == "__main__":
    unittest.main()
