"""Tests of the interoperability commands (docs/cli.md): convert, diff and
migrate; their output, exit statuses and messages.

Run by ctest (label cli), or by hand from the repository root:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_interop.py

Only the Python standard library is used.
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_cli as cli  # noqa: E402  (the runner of test_cli.py)

ROOT = cli.ROOT
SOLS = ROOT / "frameworks" / "sols-community-relations.yaml"
DIGITAL = ROOT / "examples" / "frameworks" / "digital-services.yaml"

# Two versions of a small framework. Changes from V1 to V2: scale four gains
# a level; A.1 retitled; A.2 reweighted; A.3 replaced by the new A.4; B.2
# moved under A; B's rollup changed; B.1 rescaled to yesno; B.3 added.
V1 = """\
framework:
  id: lib
  title: Library skills
  version: "1"
  scales:
    - id: four
      levels: [{value: 1, label: Low}, {value: 2, label: Mid}, {value: 3, label: High}]
      proficient: 2
    - id: yesno
      levels: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]
      proficient: 1
  default_scale: four
  elements:
    - id: A
      title: Reference
      children:
        - {id: A.1, title: Answers questions}
        - {id: A.2, title: Finds sources, weight: 2}
        - {id: A.3, title: Uses catalogue}
    - id: B
      title: Outreach
      children:
        - {id: B.1, title: Runs events}
        - {id: B.2, title: Talks to press}
"""

V2 = """\
framework:
  id: lib
  title: Library skills
  version: "2"
  scales:
    - id: four
      levels: [{value: 1, label: Low}, {value: 2, label: Mid}, {value: 3, label: High},
               {value: 4, label: Expert}]
      proficient: 2
    - id: yesno
      levels: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]
      proficient: 1
  default_scale: four
  elements:
    - id: A
      title: Reference
      children:
        - {id: A.1, title: Answers reference questions}
        - {id: A.2, title: Finds sources, weight: 3}
        - {id: A.3, title: Uses catalogue, replaced_by: A.4}
        - {id: A.4, title: Uses the discovery layer}
        - {id: B.2, title: Talks to press}
    - id: B
      title: Outreach
      rollup: min
      children:
        - {id: B.1, title: Runs events, scale: yesno}
        - {id: B.3, title: Writes newsletter}
"""

JDOE = """\
assessment:
  framework: lib
  subject: jdoe
  rater: asmith
  role: manager
  date: 2026-11-01
  ratings:
    A.1: 2
    A.3: {level: 3, note: "catalogue training: done"}
    B.1: 2
"""

EXPECTED_DIFF = """\
Changes from lib 1 to lib 2: 8

Scales (1):
  four  1 Low, 2 Mid, 3 High; proficient 2 -> 1 Low, 2 Mid, 3 High, 4 Expert; proficient 2

Added (2):
  A.4   Uses the discovery layer
  B.3   Writes newsletter

Moved (1):
  B.2   from B to A

Retitled (1):
  A.1   Answers questions -> Answers reference questions

Reweighted (2):
  A.2   weight 2, mean -> weight 3, mean
  B     weight 1, mean -> weight 1, min

Rescaled (1):
  B.1   four -> yesno
"""

EXPECTED_MIGRATED = """\
assessment:
  framework: lib
  subject: jdoe
  rater: asmith
  role: manager
  date: '2026-11-01'
  ratings:
    A.1: 2
    A.4:
      level: 3
      note: 'catalogue training: done'
"""


def run(*args, **kwargs):
    kwargs.setdefault("env", cli.base_env())
    return cli.run(*args, **kwargs)


class InteropTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not cli.BIN.is_file():
            raise AssertionError(
                f"{cli.BIN} does not exist: build first, or set COMPETENCY_BIN")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        for name, text in (("v1.yaml", V1), ("v2.yaml", V2),
                           ("jdoe.yaml", JDOE)):
            (cls.dir / name).write_text(text, encoding="utf-8")
        cls.v1 = cls.dir / "v1.yaml"
        cls.v2 = cls.dir / "v2.yaml"
        cls.jdoe = cls.dir / "jdoe.yaml"

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ok(self, *args, **kwargs):
        proc = run(*args, **kwargs)
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        return proc

    def fails(self, status, *args, **kwargs):
        proc = run(*args, **kwargs)
        self.assertEqual(proc.returncode, status, cli.out(proc) + cli.err(proc))
        self.assertEqual(cli.out(proc), "")
        return cli.err(proc)

    def show(self, path):
        return self.ok("show", "--width", "0", path).stdout


class ConvertTest(InteropTestCase):
    def round_trip(self, source, name):
        out = self.dir / name
        self.ok("convert", source, out)
        self.assertEqual(self.show(source), self.show(out).replace(
            str(out).encode(), str(source).encode()))
        again = self.dir / ("again-" + name)
        self.ok("convert", out, again)
        self.assertEqual(out.read_bytes(), again.read_bytes())
        return out.read_text(encoding="utf-8")

    def test_sols_yaml_round_trip(self):
        text = self.round_trip(SOLS, "sols.yaml")
        self.assertTrue(text.startswith("framework:\n  id: sols-community-relations\n"))
        self.assertIn("  version: '2015-08-13'\n", text)

    def test_digital_services_round_trip(self):
        self.round_trip(DIGITAL, "digital.yml")

    def test_relations_kept(self):
        text = self.round_trip(self.v2, "v2-copy.yaml")
        self.assertIn("replaced_by: [A.4]", text)

    def test_stdin_to_stdout(self):
        proc = self.ok("convert", "-", "-", stdin=V1)
        self.assertIn("title: Answers questions", cli.out(proc))
        again = self.ok("convert", "--from", "yaml", "--to", "yaml", "-", "-",
                        stdin=cli.out(proc))
        self.assertEqual(cli.out(proc), cli.out(again))

    def test_unknown_extension(self):
        message = self.fails(2, "convert", SOLS, self.dir / "out.txt")
        self.assertIn("cannot tell the format of", message)
        self.assertIn("--to", message)

    def test_unknown_format(self):
        message = self.fails(2, "convert", "--to", "case", SOLS, "-")
        self.assertIn("unknown format 'case' for --to", message)
        self.assertIn("did you mean 'case-json'?", message)

    def test_operands(self):
        self.assertIn("no output given", self.fails(2, "convert", SOLS))
        self.assertIn("too many operands",
                      self.fails(2, "convert", SOLS, "a.yaml", "b.yaml"))

    def test_invalid_input_leaves_no_output(self):
        bad = self.dir / "bad.yaml"
        bad.write_text(V1.replace("title: Reference", "titel: Reference"),
                       encoding="utf-8")
        out = self.dir / "never.yaml"
        message = self.fails(1, "convert", bad, out)
        self.assertIn("bad.yaml:15:7: error: unknown key 'titel'", message)
        self.assertFalse(out.exists())

    def through(self, source, ext):
        """source -> YAML, and source -> ext -> YAML: the same text."""
        stem = source.stem
        direct = self.dir / f"{stem}-direct.yaml"
        other = self.dir / f"{stem}.{ext}"
        back = self.dir / f"{stem}-from-{ext}.yaml"
        self.ok("convert", source, direct)
        self.ok("convert", source, other)
        self.ok("convert", other, back)
        self.assertEqual(direct.read_text(encoding="utf-8"),
                         back.read_text(encoding="utf-8"))
        return other

    def test_case_round_trip(self):
        for source in (SOLS, DIGITAL, self.v2):
            with self.subTest(source=source.name):
                package = json.loads(self.through(source, "json").read_text(
                    encoding="utf-8"))
                self.assertIn("CFDocument", json.dumps(package))

    def test_moodle_round_trip(self):
        for source in (SOLS, DIGITAL):
            with self.subTest(source=source.name):
                self.through(source, "csv")

    def test_formats_by_option_on_standard_streams(self):
        case = self.ok("convert", "--to", "case-json", SOLS, "-")
        self.assertIn("CFDocument", cli.out(case))
        back = self.ok("convert", "--from", "case-json", "-", "-",
                       stdin=cli.out(case))
        direct = self.ok("convert", SOLS, "-")
        self.assertEqual(cli.out(back), cli.out(direct))
        moodle = self.ok("convert", "-t", "moodle-csv", SOLS, "-")
        back = self.ok("convert", "-f", "moodle-csv", "-", "-",
                       stdin=cli.out(moodle))
        self.assertEqual(cli.out(back), cli.out(direct))

    def test_invalid_case_input(self):
        bad = self.dir / "bad.json"
        bad.write_text("{\"CFItems\": []}\n", encoding="utf-8")
        message = self.fails(1, "convert", bad, self.dir / "never.yaml")
        self.assertIn("bad.json", message)
        self.assertIn("error:", message)

    def test_help(self):
        proc = self.ok("convert", "--help")
        self.assertIn("Usage: competency convert", cli.out(proc))
        self.assertIn("moodle-csv", cli.out(proc))


class DiffTest(InteropTestCase):
    def test_text(self):
        proc = self.ok("diff", self.v1, self.v2)
        self.assertEqual(cli.out(proc), EXPECTED_DIFF)

    def test_json(self):
        proc = self.ok("diff", "--format", "json", self.v1, self.v2)
        doc = json.loads(cli.out(proc))
        self.assertEqual(doc["old"], {"id": "lib", "title": "Library skills",
                                      "version": "1"})
        self.assertEqual(doc["new"]["version"], "2")
        kinds = [(c["change"], c["id"]) for c in doc["changes"]]
        self.assertEqual(kinds, [
            ("scale", "four"), ("retitled", "A.1"), ("reweighted", "A.2"),
            ("added", "A.4"), ("moved", "B.2"), ("reweighted", "B"),
            ("rescaled", "B.1"), ("added", "B.3")])
        self.assertEqual(doc["changes"][3]["before"], None)

    def test_no_changes(self):
        proc = self.ok("diff", self.v1, "-", stdin=V1)
        self.assertEqual(cli.out(proc), "No changes from lib 1 to lib 1.\n")

    def test_usage(self):
        self.assertIn("give OLD and NEW", self.fails(2, "diff", self.v1))
        self.assertIn("read only once", self.fails(2, "diff", "-", "-"))
        self.assertIn("unknown format 'yaml'",
                      self.fails(2, "diff", "--format", "yaml", self.v1, self.v2))

    def test_invalid_framework(self):
        message = self.fails(1, "diff", self.v1, self.dir / "missing.yaml")
        self.assertIn("missing.yaml: error:", message)


class MigrateTest(InteropTestCase):
    def test_stdout_and_messages(self):
        proc = self.ok("migrate", self.v1, self.v2, self.jdoe)
        self.assertEqual(cli.out(proc), EXPECTED_MIGRATED)
        self.assertEqual(cli.err(proc).splitlines(), [
            f"{self.jdoe}:1: note: rating of 'A.3' for 'jdoe' carried to "
            "'A.4' (replaced_by)",
            f"{self.jdoe}:1: warning: rating of 'B.1' for 'jdoe' not "
            "carried: level 2 is not on scale 'yesno' of element 'B.1' "
            "(its levels: 0 No, 1 Yes)"])

    def test_output_file_loads(self):
        out = self.dir / "migrated.yaml"
        proc = self.ok("migrate", "--quiet", "-o", out, self.v1, self.v2,
                       self.jdoe)
        self.assertEqual(cli.out(proc), "")
        self.assertNotIn("note:", cli.err(proc))
        self.assertIn("warning:", cli.err(proc))
        self.assertEqual(out.read_text(encoding="utf-8"), EXPECTED_MIGRATED)
        self.ok("score", self.v2, out)

    def test_several_assessments(self):
        csv = self.dir / "team.csv"
        csv.write_text("subject,element,level\nann,A.2,3\nbob,B.2,1\n",
                       encoding="utf-8")
        proc = self.ok("migrate", self.v1, self.v2, self.jdoe, csv)
        text = cli.out(proc)
        self.assertEqual(text.count("assessment:"), 3)
        self.assertIn("\n---\nassessment:\n  framework: lib\n  subject: ann\n",
                      text)

    def test_usage(self):
        self.assertIn("no assessment given",
                      self.fails(2, "migrate", self.v1, self.v2))
        self.assertIn("read only once",
                      self.fails(2, "migrate", "-", self.v2, "-"))

    def test_assessment_of_another_version(self):
        message = self.fails(1, "migrate", self.v2, self.v1, self.jdoe)
        self.assertIn("jdoe.yaml:", message)
        self.assertIn("error:", message)


if __name__ == "__main__":
    unittest.main()
