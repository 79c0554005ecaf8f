"""The README's Python example as pasted, and the programs in examples/python."""

import os
import re
import subprocess
import sys
import tempfile
import unittest

import competency
from support import BAD, PROFILE, SOURCE_DIR, TEAM, WREN, load_one, sols

README = SOURCE_DIR / "README.md"
EXAMPLES = SOURCE_DIR / "examples" / "python"


def run(args, cwd=SOURCE_DIR, code=0):
    """Runs a Python program with this interpreter; returns its output."""
    done = subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    if done.returncode != code:
        raise AssertionError(
            f"exit status {done.returncode} (expected {code}) from {args}:\n"
            f"{done.stdout}\n{done.stderr}"
        )
    return done.stdout, done.stderr


def readme_python():
    """The ```python block of the README's "In Python" section, and the
    ```text block after it (what it prints)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## In Python\n", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"^```python\n(.*?)^```$", section, re.S | re.M)
    output = re.search(r"^```text\n(.*?)^```$", section, re.S | re.M)
    return code.group(1), output.group(1)


class ReadmeTest(unittest.TestCase):
    def test_readme_example_runs_as_pasted(self):
        code, expected = readme_python()
        self.assertLessEqual(len(code.rstrip("\n").splitlines()), 10)
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "readme_example.py")
            with open(script, "w", encoding="utf-8") as f:
                f.write(code)
            out, err = run([script])
        self.assertEqual(err, "")
        self.assertEqual(out, expected)


class GapReportExampleTest(unittest.TestCase):
    def test_demo_case(self):
        out, _ = run([EXAMPLES / "gap_report.py"])
        fw = sols()
        report = competency.GapReport(
            load_one(fw, WREN), competency.Profile.load(fw, PROFILE)
        )
        self.assertTrue(
            out.startswith(
                f"Wren Folio against Branch Manager: fit {report.fit:.0%}, NOT READY\n"
            )
        )
        for t in report.targets:
            self.assertRegex(
                out,
                rf"\n[! ] {re.escape(t.element.id)} +{t.required:.3g} +{t.achieved:.3g} ",
            )
        self.assertIn("  1. CR.1.1 Uses appropriate business", out)
        self.assertIn("  2. CR.1 Documents library use", out)

    def test_from_another_directory_with_arguments(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, _ = run(
                [
                    EXAMPLES / "gap_report.py",
                    SOURCE_DIR / "frameworks" / "sols-community-relations.yaml",
                    PROFILE,
                    SOURCE_DIR
                    / "examples"
                    / "assessments"
                    / "harriet-quill-manager.yaml",
                ],
                cwd=tmp,
            )
        self.assertTrue(
            out.startswith("Harriet Quill against Branch Manager: fit 97%, ready\n")
        )

    def test_errors(self):
        _, err = run(
            [
                EXAMPLES / "gap_report.py",
                BAD / "unknown-key-element.yaml",
                PROFILE,
                WREN,
            ],
            code=1,
        )
        self.assertEqual(
            err,
            f"error: {BAD / 'unknown-key-element.yaml'}:16:11: unknown key 'titel' in "
            "element 'CR.1' (did you mean 'title'?)\n",
        )
        _, err = run([EXAMPLES / "gap_report.py", "one-argument"], code=2)
        self.assertIn("usage:", err)


class TeamHeatmapExampleTest(unittest.TestCase):
    def test_sample_team(self):
        out, _ = run([EXAMPLES / "team_heatmap.py"])
        lines = out.splitlines()
        self.assertEqual(lines[0], "Branch Manager: 6 people, best fit first")
        self.assertTrue(all(len(line) <= 80 for line in lines))
        fw = sols()
        team = competency.TeamReport(
            [load_one(fw, path) for path in TEAM], competency.Profile.load(fw, PROFILE)
        )
        header = lines[2].split()
        self.assertEqual(header[:2], ["Target", "Req"])
        self.assertEqual(header[2:-1], [p.subject.split()[0] for p in team.ranking])
        rows = {line.split()[0].rstrip("*"): line for line in lines[3:12]}
        self.assertEqual(list(rows), [t.element.id for t in team.targets])
        # CR.1: Omar Colophon alone meets it (3.6), a single point of failure.
        self.assertRegex(rows["CR.1"], r" 3\.6 # .* 1!$")
        self.assertTrue(rows["CR.1.1"].startswith("CR.1.1*"))
        fits = lines[12].split()[1:]
        self.assertEqual(fits, [f"{p.fit:.0%}" for p in team.ranking])
        self.assertEqual(
            lines[13].split()[1:], ["yes" if p.ready else "no" for p in team.ranking]
        )
        # Omar Colophon was not assessed on CR.4 or CR.6.3.
        omar = [t for t in team.people if t.subject == "Omar Colophon"][0]
        self.assertEqual(omar.target("CR.4").status, "unassessed")
        self.assertIn("?", rows["CR.4"])

    def test_errors(self):
        _, err = run(
            [
                EXAMPLES / "team_heatmap.py",
                SOURCE_DIR / "frameworks" / "sols-community-relations.yaml",
                PROFILE,
                WREN,
                WREN,
            ],
            code=1,
        )
        self.assertTrue(err.startswith("error: "), err)
        _, err = run([EXAMPLES / "team_heatmap.py", "x"], code=2)
        self.assertIn("usage:", err)


if __name__ == "__main__":
    unittest.main()
