"""competency.Error: every attribute, its text, and the bad-input corpora."""

import pickle
import unittest

import competency
from support import BAD, SMALL, SOURCE_DIR, sols

LEVELS = "(its levels: 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced)"
UNKNOWN_CR9 = (
    "unknown element id 'CR.9' in framework 'sols-community-relations' "
    "(did you mean 'CR.1'?)"
)


def read_expected(path):
    """The rows of an EXPECTED file: name, code, line, column, message."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, code, row, column, message = line.split("\t")
        rows.append((name, code, int(row), int(column), message))
    return rows


class ErrorClassTest(unittest.TestCase):
    def test_is_a_value_error(self):
        self.assertTrue(issubclass(competency.Error, ValueError))

    def test_text_forms(self):
        e = competency.Error(
            "bad", code="CF_EINVALID", source="f.yaml", line=3, column=7, offset=40
        )
        self.assertEqual(str(e), "f.yaml:3:7: bad")
        self.assertEqual(
            (e.message, e.code, e.source, e.line, e.column, e.offset),
            ("bad", "CF_EINVALID", "f.yaml", 3, 7, 40),
        )
        self.assertEqual(
            str(competency.Error("gone", code="CF_EIO", source="f.yaml")),
            "f.yaml: gone",
        )
        self.assertEqual(str(competency.Error("no", code="CF_EARG")), "no")

    def test_pickles(self):
        e = competency.Error(
            "bad", code="CF_ESYNTAX", source="s", line=1, column=2, offset=3
        )
        copy = pickle.loads(pickle.dumps(e))
        self.assertEqual((str(copy), copy.code, copy.offset), (str(e), e.code, 3))

    def test_repr(self):
        e = competency.Error("bad", code="CF_EARG")
        self.assertEqual(
            repr(e), "Error('bad', code='CF_EARG', source='', line=0, column=0)"
        )


class FrameworkErrorTest(unittest.TestCase):
    def test_unknown_key_element(self):
        path = BAD / "unknown-key-element.yaml"
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.load(path)
        e = caught.exception
        self.assertEqual(e.code, "CF_EINVALID")
        self.assertEqual(e.source, str(path))
        self.assertEqual((e.line, e.column), (16, 11))
        self.assertEqual(
            e.message, "unknown key 'titel' in element 'CR.1' (did you mean 'title'?)"
        )
        self.assertEqual(str(e), f"{path}:16:11: {e.message}")
        # The offset is the byte offset of line 16, column 11.
        text = path.read_bytes()
        line_start = len(b"".join(text.splitlines(keepends=True)[:15]))
        self.assertEqual(e.offset, line_start + 10)
        self.assertIsInstance(e, ValueError)

    def test_every_bad_framework(self):
        """Each file of tests/data/bad fails as tests/data/bad/EXPECTED says."""
        rows = read_expected(BAD / "EXPECTED")
        self.assertGreater(len(rows), 50)
        for name, code, line, column, message in rows:
            with self.subTest(name=name):
                path = BAD / name
                with self.assertRaises(competency.Error) as caught:
                    competency.Framework.load(path)
                e = caught.exception
                self.assertEqual((e.code, e.line, e.column), (code, line, column))
                self.assertIn(message, e.message)
                self.assertEqual(e.source, str(path))
                self.assertEqual(str(e), f"{path}:{line}:{column}: {e.message}")

    def test_source_name_of_a_text(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.loads("framework: [", source="typed.yaml")
        e = caught.exception
        self.assertEqual((e.code, e.source), ("CF_ESYNTAX", "typed.yaml"))
        self.assertTrue(str(e).startswith(f"typed.yaml:{e.line}:{e.column}: "))
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.loads("")
        self.assertEqual(caught.exception.source, "<string>")

    def test_invalid_utf8_bytes(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.loads(b"framework:\n  id: \xff\n")
        self.assertEqual(caught.exception.code, "CF_ESYNTAX")

    def test_unreadable_file(self):
        path = SOURCE_DIR / "no-such-file.yaml"
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.load(path)
        e = caught.exception
        self.assertEqual((e.code, e.line, e.column, e.offset), ("CF_EIO", 0, 0, 0))
        self.assertEqual(str(e), f"{path}: {e.message}")

    def test_limit(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.load(BAD / "billion-laughs.yaml")
        self.assertEqual(caught.exception.code, "CF_ELIMIT")


class AssessmentErrorTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_unknown_element_suggests(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Assessment(self.fw, "jdoe", {"CR.9": 2})
        e = caught.exception
        self.assertEqual(e.code, "CF_EINVALID")
        self.assertEqual(e.message, "rating 1 of 1: " + UNKNOWN_CR9)
        self.assertEqual((e.source, e.line, e.column), ("", 0, 0))
        self.assertEqual(str(e), e.message)

    def test_batch_is_all_or_nothing(self):
        a = competency.Assessment(self.fw, "jdoe")
        with self.assertRaises(competency.Error) as caught:
            a.rate_many({"CR.1.1": 3, "CR.1.2": 2, "CR.1.3": 7})
        self.assertEqual(
            caught.exception.message,
            "rating 3 of 3: level 7 is not on scale 'proficiency' of element 'CR.1.3' "
            + LEVELS,
        )
        self.assertEqual(a.ratings, {})
        with self.assertRaises(competency.Error) as caught:
            a.rate_many([("CR.1.1", 3), ("CR.1.2", "Expert")])
        self.assertEqual(
            caught.exception.message,
            "rating 2 of 2: level 'Expert' is not on scale 'proficiency' of element 'CR.1.2' "
            + LEVELS,
        )
        self.assertEqual(a.ratings, {})
        with self.assertRaises(competency.Error) as caught:
            a.rate_many([("CR.1.1", 3), ("CR.1.1", 2)])
        self.assertIn(
            "rating 2 of 2: element 'CR.1.1' is already rated", caught.exception.message
        )
        self.assertEqual(a.rated_count, 0)

    def test_rated_twice(self):
        a = competency.Assessment(self.fw, "jdoe", {"CR.2": 3})
        with self.assertRaises(competency.Error) as caught:
            a.rate("CR.2", 2)
        self.assertEqual(caught.exception.message, "element 'CR.2' is already rated")

    def test_bad_subject_and_date(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Assessment(self.fw, "")
        self.assertEqual(caught.exception.code, "CF_EARG")
        with self.assertRaises(competency.Error) as caught:
            competency.Assessment(self.fw, "jdoe", date="2026-02-30")
        self.assertEqual(
            caught.exception.message,
            "invalid date '2026-02-30': the day must be 01 to 28 in February 2026",
        )

    def test_bad_level_types(self):
        with self.assertRaises(TypeError):
            competency.Assessment(self.fw, "jdoe", {"CR.2": None})
        with self.assertRaises(TypeError):
            competency.Assessment(self.fw, "jdoe", {"CR.2": True})
        with self.assertRaises(TypeError):
            competency.Assessment(self.fw, "jdoe", {42: 3})

    def test_bad_files(self):
        bad = SOURCE_DIR / "tests" / "data" / "assessments" / "bad"
        cases = [
            ("unknown-element.yaml", 5, 5, UNKNOWN_CR9),
            (
                "level-off-scale.yaml",
                4,
                13,
                "level 5 is not on scale 'proficiency' of element 'CR.1.1' " + LEVELS,
            ),
            (
                "rated-twice.csv",
                5,
                6,
                "in field 'element': element 'CR.1' is rated twice for subject 'jdoe' "
                "(first at line 2)",
            ),
        ]
        for name, line, column, message in cases:
            with self.subTest(name=name):
                with self.assertRaises(competency.Error) as caught:
                    competency.Assessment.load(self.fw, bad / name)
                e = caught.exception
                self.assertEqual(
                    (e.code, e.line, e.column, e.message),
                    ("CF_EINVALID", line, column, message),
                )
                self.assertEqual(str(e), f"{bad / name}:{line}:{column}: {message}")

    def test_bad_format_name(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Assessment.load(self.fw, "x.yaml", format="xml")
        self.assertEqual(caught.exception.code, "CF_EARG")


class ProfileErrorTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_every_bad_profile(self):
        bad = SOURCE_DIR / "tests" / "data" / "profiles" / "bad"
        rows = read_expected(bad / "EXPECTED")
        self.assertGreater(len(rows), 20)
        for name, code, line, column, message in rows:
            with self.subTest(name=name):
                with self.assertRaises(competency.Error) as caught:
                    competency.Profile.load(self.fw, bad / name)
                e = caught.exception
                self.assertEqual(
                    (e.code, e.line, e.column, e.message), (code, line, column, message)
                )

    def test_targets_from_python(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Profile(self.fw, "p", {"CR.1": 9})
        self.assertEqual(
            caught.exception.message,
            "level 9 is not on scale 'proficiency' of element 'CR.1' " + LEVELS,
        )
        with self.assertRaises(competency.Error) as caught:
            competency.Profile(self.fw, "p", {"CR.1": "Expert"})
        self.assertEqual(
            caught.exception.message,
            "level 'Expert' is not on scale 'proficiency' of element 'CR.1' " + LEVELS,
        )
        self.assertEqual(caught.exception.source, "")
        with self.assertRaises(competency.Error) as caught:
            competency.Profile(self.fw, "p", {"CR.1": (3, 0)})
        self.assertIn(
            "importance must be a positive finite number", caught.exception.message
        )
        with self.assertRaises(competency.Error) as caught:
            competency.Profile(self.fw, "bad id")
        self.assertIn("malformed profile id 'bad id'", caught.exception.message)
        with self.assertRaises(competency.Error):
            competency.Profile(self.fw, "p", {"CR.1": {"levl": 3}})


class ReportErrorTest(unittest.TestCase):
    def test_mismatched_frameworks(self):
        fw, other = sols(), competency.Framework.loads(SMALL)
        a = competency.Assessment(other, "x", {"A.1": 2})
        p = competency.Profile(fw, "p", {"CR.1": 3})
        with self.assertRaises(competency.Error) as caught:
            competency.GapReport(a, p)
        self.assertEqual(caught.exception.code, "CF_EINVALID")

    def test_render_format_suggestion(self):
        fw = competency.Framework.loads(SMALL)
        scores = competency.Scores(competency.Assessment(fw, "x", {"A.1": 2}))
        with self.assertRaises(competency.Error) as caught:
            scores.render("jsn")
        e = caught.exception
        self.assertEqual(e.code, "CF_EARG")
        self.assertIn("'jsn'", e.message)
        self.assertIn("did you mean 'json'?", e.message)
        with self.assertRaises(competency.Error):
            scores.render("text", width=5)

    def test_bad_options(self):
        fw = competency.Framework.loads(SMALL)
        a = competency.Assessment(fw, "x", {"A.1": 2})
        with self.assertRaises(competency.Error) as caught:
            competency.Scores(a, missing="ignore")
        self.assertEqual(caught.exception.code, "CF_EARG")
        with self.assertRaises(competency.Error):
            competency.Consolidation([a], threshold=-1)
        with self.assertRaises(competency.Error):
            competency.Consolidation([a], role_weights={"peer": 0})
        with self.assertRaises(competency.Error):
            competency.TeamReport([a, a], competency.Profile(fw, "p", {"A": 2}))
        with self.assertRaises(TypeError):
            competency.TeamReport([a, "not an assessment"], competency.Profile(fw, "p"))


if __name__ == "__main__":
    unittest.main()
