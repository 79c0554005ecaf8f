"""Assessments and profiles: built from dicts in one call, and loaded."""

import unittest

import competency
from support import ASSESSMENTS, PROFILE, SMALL, SOURCE_DIR, TEAM, sols

DATA = SOURCE_DIR / "tests" / "data"


class BuildAssessmentTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_from_dict_in_one_call(self):
        a = competency.Assessment(
            self.fw,
            "Jo Doe",
            {
                "CR.1.1": 3,
                "CR.1.2": "Proficient",
                "CR.2": 2.0,
                "CR.3": self.fw.default_scale["Advanced"],
            },
            rater="asmith",
            role="manager",
            date="2026-11-01",
        )
        self.assertEqual(a.subject, "Jo Doe")
        self.assertEqual((a.rater, a.role, a.date), ("asmith", "manager", "2026-11-01"))
        self.assertEqual(
            a.ratings, {"CR.1.1": 3.0, "CR.1.2": 3.0, "CR.2": 2.0, "CR.3": 4.0}
        )
        self.assertEqual(a.rated_count, 4)
        self.assertEqual(a.level("CR.1.2"), 3.0)
        self.assertEqual(a.level(self.fw["CR.3"]), 4.0)
        self.assertIsNone(a.level("CR.6"))
        self.assertEqual(a.framework, self.fw)
        self.assertIsNone(a.source)
        self.assertEqual(a.line, 0)

    def test_from_dict_alias_and_pairs(self):
        a = competency.Assessment.from_dict(self.fw, "x", {"CR.4": 1}, role="self")
        self.assertEqual((a.ratings, a.role, a.rater), ({"CR.4": 1.0}, "self", None))
        b = competency.Assessment(
            self.fw, "y", [(self.fw["CR.4"], "Beginning"), ("CR.5", 2)]
        )
        self.assertEqual(b.ratings, {"CR.4": 1.0, "CR.5": 2.0})
        c = competency.Assessment(self.fw, "z", {})
        self.assertEqual(c.ratings, {})

    def test_rate_one_with_note(self):
        a = competency.Assessment(self.fw, "x")
        a.rate("CR.1.1", 2, note="presented to council")
        a.rate(self.fw["CR.1.2"], "Advanced")
        self.assertEqual(a.notes, {"CR.1.1": "presented to council"})
        self.assertEqual(a.note("CR.1.1"), "presented to council")
        self.assertIsNone(a.note("CR.1.2"))
        self.assertEqual(a.ratings, {"CR.1.1": 2.0, "CR.1.2": 4.0})

    def test_metadata_setters(self):
        a = competency.Assessment(self.fw, "x")
        a.rater, a.role, a.date = "r", "peer", "2024-02-29"
        self.assertEqual((a.rater, a.role, a.date), ("r", "peer", "2024-02-29"))
        a.rater = None
        self.assertIsNone(a.rater)

    def test_equality_and_repr(self):
        a = competency.Assessment(
            self.fw,
            "Jo",
            {"CR.1": 2},
            rater="asmith",
            role="manager",
            date="2026-11-01",
        )
        self.assertEqual(a, a)
        self.assertNotEqual(a, competency.Assessment(self.fw, "Jo", {"CR.1": 2}))
        self.assertEqual(
            repr(a),
            "<Assessment of 'Jo' by 'asmith' (manager) on 2026-11-01: 1 ratings "
            "against 'sols-community-relations'>",
        )

    def test_wrong_framework_type(self):
        with self.assertRaises(TypeError):
            competency.Assessment("not a framework", "x")


class LoadAssessmentTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_yaml_every_way_of_rating(self):
        (a,) = competency.Assessment.load(self.fw, DATA / "assessments" / "jdoe.yaml")
        self.assertEqual(
            (a.subject, a.rater, a.role, a.date),
            ("jdoe", "asmith", "manager", "2026-11-01"),
        )
        self.assertEqual(
            a.ratings,
            {
                "CR.1.1": 3.0,
                "CR.1.2": 3.0,
                "CR.1.3": 2.0,
                "CR.2": 2.0,
                "CR.3": 4.0,
                "CR.4.1": 1.0,
            },
        )
        self.assertEqual(a.notes["CR.2"], "presented to council in May")
        self.assertEqual(a.source, str(DATA / "assessments" / "jdoe.yaml"))
        self.assertGreater(a.line, 0)
        self.assertEqual(a.extensions["x-team"], "outreach")
        self.assertIn("x-review", a.extensions)

    def test_csv_gives_a_list(self):
        found = competency.Assessment.load(
            self.fw, DATA / "assessments" / "ratings.csv"
        )
        self.assertIsInstance(found, list)
        self.assertGreaterEqual(len(found), 2)
        self.assertEqual([a.subject for a in found[:2]], ["jdoe", "bsmith"])
        self.assertEqual(found[1].role, "self")
        self.assertIsNone(found[1].rater)

    def test_team_csv_equals_the_yaml_files(self):
        from_csv = competency.Assessment.load(self.fw, ASSESSMENTS / "team.csv")
        from_yaml = [competency.Assessment.load(self.fw, path)[0] for path in TEAM]
        self.assertEqual(
            sorted((a.subject, tuple(a.ratings.items())) for a in from_csv),
            sorted((a.subject, tuple(a.ratings.items())) for a in from_yaml),
        )

    def test_loads_yaml_and_csv(self):
        text = (
            "assessment:\n  framework: sols-community-relations\n  subject: a\n"
            "  ratings: {CR.1: 2}\n---\n"
            "assessment:\n  framework: sols-community-relations\n  subject: b\n"
            "  ratings: {CR.2: Advanced}\n"
        )
        found = competency.Assessment.loads(self.fw, text)
        self.assertEqual(
            [(a.subject, a.ratings) for a in found],
            [("a", {"CR.1": 2.0}), ("b", {"CR.2": 4.0})],
        )
        self.assertEqual(found[0].source, "<string>")
        csv = "subject,element,level\nc,CR.3,3\nc,CR.4,Developing\n"
        (c,) = competency.Assessment.loads(
            self.fw, csv, source="typed.csv", format="csv"
        )
        self.assertEqual(
            (c.subject, c.ratings, c.source),
            ("c", {"CR.3": 3.0, "CR.4": 2.0}, "typed.csv"),
        )

    def test_explicit_format(self):
        found = competency.Assessment.load(
            self.fw, ASSESSMENTS / "team.csv", format="csv"
        )
        self.assertEqual(len(found), 6)


class ProfileTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_load(self):
        p = competency.Profile.load(self.fw, PROFILE)
        self.assertEqual((p.id, p.title), ("branch-manager", "Branch Manager"))
        self.assertTrue(p.description.startswith("Runs a branch"))
        self.assertEqual(p.extensions["x-owner"], "Human Resources")
        self.assertEqual(len(p), 9)
        first = p.targets[1]
        self.assertEqual(
            (first.element.id, first.level, first.importance, first.critical),
            ("CR.1.1", 3.0, 3.0, True),
        )
        self.assertEqual(p.targets[4].level, 3.0)  # CR.3: Proficient
        self.assertEqual(p.framework, self.fw)
        self.assertEqual(
            repr(p), "<Profile 'branch-manager' (Branch Manager): 9 targets>"
        )

    def test_from_dict_every_form(self):
        p = competency.Profile(
            self.fw,
            "lead",
            {
                "CR.1": 3,
                "CR.2": "Advanced",
                "CR.3": (2,),
                "CR.4": (2, 1.5),
                self.fw["CR.5"]: (3, 2, True),
                "CR.6": {"level": "Proficient", "critical": True},
            },
            title="Lead",
        )
        self.assertEqual(
            [tuple(t._replace(element=t.element.id)) for t in p],
            [
                ("CR.1", 3.0, 1.0, False),
                ("CR.2", 4.0, 1.0, False),
                ("CR.3", 2.0, 1.0, False),
                ("CR.4", 2.0, 1.5, False),
                ("CR.5", 3.0, 2.0, True),
                ("CR.6", 3.0, 1.0, True),
            ],
        )
        self.assertEqual(p.title, "Lead")
        p.add_target("CR.6.3", 4, importance=2, critical=True)
        self.assertEqual(len(p), 7)
        q = competency.Profile.from_dict(self.fw, "q", {"CR.1": 1})
        self.assertIsNone(q.title)
        self.assertEqual(len(q), 1)

    def test_loads(self):
        text = "profile:\n  id: p\n  framework: sols-community-relations\n  targets:\n    CR.1: 2\n"
        p = competency.Profile.loads(self.fw, text)
        self.assertEqual((p.id, len(p)), ("p", 1))

    def test_profile_of_another_framework(self):
        small = competency.Framework.loads(SMALL)
        with self.assertRaises(competency.Error):
            competency.Profile.load(small, PROFILE)


if __name__ == "__main__":
    unittest.main()
