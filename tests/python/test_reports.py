"""Every report kind: its attributes, to_dict() against the C JSON, render().

The C JSON comes two ways: through the binding (to_json, cf_*_to_json) and
from the competency command (--format json), a separate C program; the
SOLS demo case must give exactly the C numbers.
"""

import json
import subprocess
import unittest

import competency
from support import (
    ASSESSMENTS,
    COMPETENCY_BIN,
    FRAMEWORK,
    PROFILE,
    SMALL,
    SOURCE_DIR,
    TEAM,
    WREN,
    cli_json,
    load_one,
    needs_cli,
    sols,
)


def same(value, expected):
    """Whether an attribute value equals a to_dict() value exactly."""
    if isinstance(value, competency.Element):
        return value.id == expected
    if isinstance(value, float) and isinstance(expected, (int, float)):
        return value == expected and type(expected) is not bool
    return value == expected


class ReportTestCase(unittest.TestCase):
    def setUp(self):
        self.fw = sols()
        self.profile = competency.Profile.load(self.fw, PROFILE)
        self.wren = load_one(self.fw, WREN)

    def assertRoundTrip(self, report):
        """to_dict() is json.loads of the C JSON, compact or pretty."""
        compact, pretty = report.to_json(), report.to_json(pretty=True)
        self.assertNotIn("\n", compact)
        self.assertIn("\n  ", pretty)
        self.assertEqual(report.to_dict(), json.loads(compact))
        self.assertEqual(report.to_dict(), json.loads(pretty))
        self.assertEqual(
            json.loads(report.render("json")),
            [report.to_dict()]
            if isinstance(report, (competency.GapReport, competency.Scores))
            else report.to_dict(),
        )

    def assertRows(self, rows, dicts, fields):
        self.assertEqual(len(rows), len(dicts))
        for row, expected in zip(rows, dicts):
            for field in fields:
                key = "self" if field == "self" else field
                with self.subTest(element=expected["element"], field=field):
                    self.assertTrue(
                        same(getattr(row, field), expected[key]),
                        f"{field}: {getattr(row, field)!r} != {expected[key]!r}",
                    )


class ScoresTest(ReportTestCase):
    def test_scores(self):
        scores = competency.Scores(self.wren)
        d = scores.to_dict()
        self.assertEqual(
            (d["report"], d["framework"], d["subject"]),
            ("scores", "sols-community-relations", "Wren Folio"),
        )
        self.assertRoundTrip(scores)
        rows = list(scores)
        self.assertEqual(len(rows), len(scores))
        self.assertEqual(len(rows), 24)
        self.assertRows(
            rows,
            d["elements"],
            ["element", "score", "normalized", "source", "coverage"],
        )
        self.assertEqual(scores["CR.1.1"].source, "rated")
        unscored = scores["CR.1.2"]
        self.assertEqual(
            (unscored.score, unscored.normalized, unscored.source, unscored.coverage),
            (None, None, "unscored", 0.0),
        )
        self.assertEqual(scores.assessment, self.wren)
        self.assertEqual(
            repr(scores), "<Scores of 'Wren Folio': 24 of 42 elements scored>"
        )
        self.assertEqual(self.wren.score().to_dict(), d)
        self.assertEqual(competency.score(self.wren).to_dict(), d)

    def test_missing_zero(self):
        fw = competency.Framework.loads(SMALL)
        a = competency.Assessment(fw, "x", {"A.1": 3})
        self.assertEqual(competency.Scores(a)["A"].score, 3.0)
        # A.2 (weight 2) counts as the bottom of the scale: (1 * 1 + 2 * 0) / 3.
        self.assertEqual(competency.Scores(a, missing="zero")["A"].normalized, 1 / 3)

    @needs_cli
    def test_equals_the_command(self):
        self.assertEqual(
            [competency.Scores(self.wren).to_dict()], cli_json("score", FRAMEWORK, WREN)
        )


class GapReportTest(ReportTestCase):
    def test_sols_demo_case_exact_numbers(self):
        """Wren Folio against Branch Manager: the C numbers, exactly (the
        README shows them rounded: CR.5 is 3.25 there)."""
        report = competency.GapReport(self.wren, self.profile)
        self.assertEqual(report.fit, 0.8571428571428572)
        self.assertFalse(report.ready)
        self.assertEqual([t.element.id for t in report.priorities], ["CR.1.1", "CR.1"])
        achieved = {t.element.id: t.achieved for t in report.targets}
        self.assertEqual(
            achieved,
            {
                "CR.1": 2.0,
                "CR.1.1": 2.0,
                "CR.2": 3.5,
                "CR.2.7": 3.0,
                "CR.3": 3.0,
                "CR.4": 2.0,
                "CR.5": 3.2499999999999996,
                "CR.6": 3.8,
                "CR.6.3": 4.0,
            },
        )
        self.assertEqual(
            report.target("CR.1.1").explanation, "CR.1.1 rated 2 (Developing)"
        )
        self.assertEqual(report.explanation("CR.1.1"), "CR.1.1 rated 2 (Developing)")
        self.assertEqual(
            repr(report),
            "<GapReport of 'Wren Folio' against 'branch-manager': fit 86%, not ready, 2 targets not met>",
        )

    def test_attributes_agree_with_the_json(self):
        report = competency.GapReport(self.wren, self.profile)
        d = report.to_dict()
        self.assertRoundTrip(report)
        self.assertEqual(
            (report.fit, report.ready, report.subject),
            (d["fit"], d["ready"], d["subject"]),
        )
        self.assertEqual([t.element.id for t in report.priorities], d["priorities"])
        fields = [
            "element",
            "status",
            "required",
            "required_normalized",
            "achieved",
            "achieved_normalized",
            "gap",
            "gap_normalized",
            "importance",
            "critical",
            "explanation",
        ]
        self.assertRows(report.targets, d["targets"], fields)
        for target, expected in zip(report, d["targets"]):
            self.assertEqual(target.element.title, expected["title"])
            self.assertRows(
                target.inputs,
                expected["inputs"],
                ["element", "score", "weight", "share"],
            )
        self.assertEqual(report.assessment, self.wren)
        self.assertEqual(report.profile, self.profile)
        self.assertEqual(len(report), 9)
        with self.assertRaises(KeyError):
            report.target("CR.4.1")

    def test_unassessed_target_is_none(self):
        fw = competency.Framework.loads(SMALL)
        a = competency.Assessment(fw, "x", {"A.1": 3})
        p = competency.Profile(fw, "p", {"A": 2, "B": (2, 1, True)})
        report = competency.gap(a, p)
        b = report.target("B")
        self.assertEqual(
            (b.status, b.achieved, b.gap, b.inputs), ("unassessed", None, None, ())
        )
        self.assertIsNone(report.to_dict()["targets"][1]["achieved"])
        self.assertFalse(report.ready)
        self.assertEqual([t.element.id for t in report.priorities], ["B"])

    @needs_cli
    def test_equals_the_command(self):
        report = competency.GapReport(self.wren, self.profile)
        self.assertEqual([report.to_dict()], cli_json("gap", FRAMEWORK, PROFILE, WREN))

    @needs_cli
    def test_render_equals_the_command(self):
        report = self.wren.gap(self.profile)
        for fmt in ("text", "json", "csv", "markdown", "html"):
            with self.subTest(format=fmt):
                out = subprocess.run(
                    [
                        COMPETENCY_BIN,
                        "gap",
                        "--format",
                        fmt,
                        "--width",
                        "72",
                        str(FRAMEWORK),
                        str(PROFILE),
                        str(WREN),
                    ],
                    check=True,
                    capture_output=True,
                    cwd=SOURCE_DIR,
                ).stdout.decode("utf-8")
                self.assertEqual(report.render(fmt, width=72), out)

    def test_render(self):
        report = competency.GapReport(self.wren, self.profile)
        text = report.render()
        self.assertTrue(
            text.startswith(
                "Gap report: Wren Folio against Branch Manager (branch-manager)\n"
            )
        )
        self.assertTrue(all(len(line) <= 80 for line in text.splitlines()))
        narrow = report.render("text", width=40)
        self.assertTrue(all(len(line) <= 40 for line in narrow.splitlines()))
        self.assertIn("\x1b[", report.render("text", color=True))
        self.assertIn("| CR.1.1 |", report.render("markdown").replace("  ", " "))
        self.assertTrue(report.render("csv").startswith("subject,"))
        self.assertTrue(
            report.render("html").lstrip().lower().startswith("<!doctype html>")
        )
        self.assertEqual(
            json.loads(report.render("json", pretty=False)), [report.to_dict()]
        )


class TeamReportTest(ReportTestCase):
    def setUp(self):
        super().setUp()
        self.team = [load_one(self.fw, path) for path in TEAM]

    def test_team(self):
        report = competency.TeamReport(self.team, self.profile)
        d = report.to_dict()
        self.assertRoundTrip(report)
        self.assertEqual(d["report"], "team")
        self.assertRows(
            report.targets,
            d["targets"],
            [
                "element",
                "assessed",
                "mean",
                "min",
                "max",
                "meeting",
                "single_point_of_failure",
            ],
        )
        self.assertEqual(
            [p.subject for p in report.people], [p["subject"] for p in d["people"]]
        )
        self.assertEqual(
            [p.fit for p in report.people], [p["fit"] for p in d["people"]]
        )
        self.assertEqual(
            [p.ready for p in report.people], [p["ready"] for p in d["people"]]
        )
        self.assertEqual(
            [[t.element.id for t in p.priorities] for p in report.people],
            [p["unmet"] for p in d["people"]],
        )
        self.assertEqual([p.subject for p in report.ranking], d["ranking"])
        self.assertEqual(d["ranking"][:2], ["Harriet Quill", "Wren Folio"])
        spof = [t.element.id for t in report.targets if t.single_point_of_failure]
        self.assertEqual(spof, ["CR.1"])
        self.assertEqual(len(report), 6)
        self.assertEqual(report.profile, self.profile)
        self.assertEqual(
            repr(report),
            "<TeamReport of 6 people against 'branch-manager': best 'Harriet Quill' (fit 97%)>",
        )
        # A person's report in a team is that person's gap report.
        wren = next(p for p in report.people if p.subject == "Wren Folio")
        self.assertEqual(
            wren.to_dict(), competency.GapReport(self.wren, self.profile).to_dict()
        )
        self.assertEqual(competency.team(self.team, self.profile).to_dict(), d)

    def test_csv_team_is_the_same(self):
        from_csv = competency.Assessment.load(self.fw, ASSESSMENTS / "team.csv")
        by_subject = {a.subject: a for a in from_csv}
        ordered = [by_subject[a.subject] for a in self.team]
        self.assertEqual(
            competency.TeamReport(ordered, self.profile).to_dict()["targets"],
            competency.TeamReport(self.team, self.profile).to_dict()["targets"],
        )

    @needs_cli
    def test_equals_the_command(self):
        report = competency.TeamReport(self.team, self.profile)
        self.assertEqual(report.to_dict(), cli_json("team", FRAMEWORK, PROFILE, *TEAM))


class ConsolidationTest(ReportTestCase):
    def setUp(self):
        super().setUp()
        self.tobias = [
            load_one(self.fw, ASSESSMENTS / f"tobias-ledger-{who}.yaml")
            for who in ("manager", "self", "peer")
        ]

    def test_consolidation(self):
        c = competency.Consolidation(self.tobias)
        d = c.to_dict()
        self.assertRoundTrip(c)
        self.assertEqual(
            (d["report"], d["subject"], c.subject),
            ("consolidation", "Tobias Ledger", "Tobias Ledger"),
        )
        self.assertRows(
            c.elements,
            d["elements"],
            [
                "element",
                "level",
                "raters",
                "spread",
                "self",
                "others",
                "self_minus_others",
                "flag",
            ],
        )
        blind = [row.element.id for row in c if row.flag == "blind_spot"]
        self.assertEqual(blind, ["CR.4.1", "CR.4.2", "CR.4.3", "CR.4.5", "CR.4.6"])
        self.assertEqual(c["CR.4.1"].self, 4.0)
        self.assertEqual(
            [(i.assessment.role, i.weight) for i in c.inputs],
            [("manager", 1.0), ("self", 1.0), ("peer", 1.0)],
        )
        self.assertEqual(c.assessment.subject, "Tobias Ledger")
        self.assertEqual(c.assessment.ratings, {row.element.id: row.level for row in c})
        rated = {row["element"] for row in d["elements"]}
        nobody = next(el for el in self.fw if el.id not in rated)
        with self.assertRaises(KeyError):
            c[nobody]
        self.assertRegex(
            repr(c),
            r"^<Consolidation of 'Tobias Ledger' from 3 assessments: "
            r"\d+ elements, 5 blind spots, 0 hidden strengths>$",
        )

    def test_role_weights_and_threshold(self):
        weighted = competency.consolidate(
            self.tobias, role_weights={"manager": 2}, threshold=2
        )
        self.assertEqual([i.weight for i in weighted.inputs], [2.0, 1.0, 1.0])
        plain = competency.Consolidation(self.tobias)
        self.assertNotEqual(weighted.to_dict(), plain.to_dict())

    @needs_cli
    def test_equals_the_command(self):
        paths = [
            ASSESSMENTS / f"tobias-ledger-{who}.yaml"
            for who in ("manager", "self", "peer")
        ]
        self.assertEqual(
            competency.Consolidation(self.tobias).to_dict(),
            cli_json("consolidate", FRAMEWORK, *paths),
        )
        weighted = competency.Consolidation(
            self.tobias, role_weights={"manager": 2, "peer": 0.5}, threshold=1.5
        )
        self.assertEqual(
            weighted.to_dict(),
            cli_json(
                "consolidate",
                "--weight",
                "manager=2",
                "--weight",
                "peer=0.5",
                "--threshold",
                "1.5",
                FRAMEWORK,
                *paths,
            ),
        )


class ProgressReportTest(ReportTestCase):
    def setUp(self):
        super().setUp()
        self.before = load_one(self.fw, ASSESSMENTS / "harriet-quill-2025.yaml")
        self.after = load_one(self.fw, ASSESSMENTS / "harriet-quill-manager.yaml")

    def test_progress_with_profile(self):
        r = competency.ProgressReport(self.before, self.after, self.profile)
        d = r.to_dict()
        self.assertRoundTrip(r)
        self.assertEqual(
            (r.fit_before, r.fit_after, r.fit_change),
            (d["fit_before"], d["fit_after"], d["fit_change"]),
        )
        self.assertEqual(round(r.fit_before, 2), 0.75)
        self.assertEqual(round(r.fit_after, 2), 0.97)
        self.assertRows(
            r.elements, d["elements"], ["element", "before", "after", "change", "trend"]
        )
        self.assertEqual(
            (r.before, r.after, r.profile), (self.before, self.after, self.profile)
        )
        self.assertEqual(r.subject, "Harriet Quill")
        self.assertRegex(
            repr(r),
            r"^<ProgressReport of 'Harriet Quill' from \S+ to 2026-03-16, "
            r"fit for 'branch-manager' 75% -> 97%: \d+ elements>$",
        )

    def test_progress_without_profile(self):
        r = competency.progress(self.before, self.after)
        d = r.to_dict()
        self.assertIsNone(r.profile)
        self.assertEqual((r.fit_before, r.fit_after, r.fit_change), (None, None, None))
        self.assertEqual(
            (d["profile"], d["fit_before"], d["fit_change"]), (None, None, None)
        )
        self.assertEqual(len(r), len(d["elements"]))

    @needs_cli
    def test_equals_the_command(self):
        r = competency.ProgressReport(self.before, self.after, self.profile)
        self.assertEqual(
            r.to_dict(),
            cli_json(
                "progress",
                "--profile",
                PROFILE,
                FRAMEWORK,
                ASSESSMENTS / "harriet-quill-2025.yaml",
                ASSESSMENTS / "harriet-quill-manager.yaml",
            ),
        )


if __name__ == "__main__":
    unittest.main()
