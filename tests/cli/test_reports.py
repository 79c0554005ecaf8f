"""Tests of the report commands' behaviour (docs/cli.md): exit statuses,
every error path and its message, colour, -o, standard input, --help.
Their output is checked byte for byte by test_golden.py.

Run by ctest (label cli), or by hand from the repository root:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_reports.py

Only the Python standard library is used.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_cli as cli  # noqa: E402  (the runner of test_cli.py)

ROOT = cli.ROOT
SOLS = ROOT / "frameworks" / "sols-community-relations.yaml"
EXAMPLES = ROOT / "examples"
BRANCH_MANAGER = EXAMPLES / "profiles" / "branch-manager.yaml"
DIGITAL_PROFILE = EXAMPLES / "frameworks" / "digital-services-profile.yaml"
TEAM_CSV = EXAMPLES / "assessments" / "team.csv"
PEOPLE = ["harriet-quill", "juniper-stacks", "omar-colophon", "priya-vellum",
          "tobias-ledger", "wren-folio"]


def sample(name):
    return EXAMPLES / "assessments" / f"{name}.yaml"


HARRIET = sample("harriet-quill-manager")  # ready for Branch Manager
WREN = sample("wren-folio-manager")        # not ready: misses CR.1.1
MANAGERS = [sample(f"{p}-manager") for p in PEOPLE]
COMMANDS = ["score", "gap", "team", "consolidate", "progress"]
FORMATS = ["text", "json", "csv", "markdown", "html"]

# An assessment that rates an element the framework does not have: the id
# is on line 5, column 5.
BAD_ASSESSMENT = """\
assessment:
  subject: Nobody
  ratings:
    CR.1.1: 2
    CR.9: 3
"""
BAD_ASSESSMENT_AT = (5, 5)

# The same in CSV: the element field of row 3 (line 3) starts at column 8.
BAD_CSV = "subject,element,level\nNobody,CR.1.1,2\nNobody,CR.19,3\n"
BAD_CSV_AT = (3, 8)

# Harriet Quill's self rating alone, as CSV, for standard input.
HARRIET_CSV = """\
subject,element,level,role
Harriet Quill,CR.1.1,3,self
Harriet Quill,CR.6,3,self
"""


def run(*args, **kwargs):
    kwargs.setdefault("env", cli.base_env())
    return cli.run(*args, **kwargs)


class ReportTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not cli.BIN.is_file():
            raise AssertionError(
                f"{cli.BIN} does not exist: build first, or set COMPETENCY_BIN")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        (cls.dir / "bad.yaml").write_text(BAD_ASSESSMENT, encoding="utf-8")
        (cls.dir / "bad.csv").write_text(BAD_CSV, encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ok(self, *args, **kwargs):
        proc = run(*args, **kwargs)
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        self.assertEqual(cli.err(proc), "")
        return cli.out(proc)

    def fails(self, status, *args, **kwargs):
        """Runs a command that must fail with status; returns stderr."""
        proc = run(*args, **kwargs)
        self.assertEqual(proc.returncode, status, cli.err(proc))
        self.assertEqual(cli.out(proc), "", "nothing on standard output")
        return cli.err(proc)

    def usage_error(self, command, *args):
        """A usage error: status 2, the message, the usage, where help is."""
        text = self.fails(2, command, *args)
        lines = text.splitlines()
        self.assertEqual(len(lines), 3, text)
        self.assertTrue(lines[0].startswith(f"competency {command}: "), text)
        self.assertTrue(lines[1].startswith(f"Usage: competency {command} "), text)
        self.assertEqual(lines[2], f"Try 'competency {command} --help' for "
                                   "more information.")
        return lines[0]


class ExitStatusTest(ReportTestCase):
    def test_success_is_0(self):
        for args in (["score", SOLS, HARRIET], ["gap", SOLS, BRANCH_MANAGER, WREN],
                     ["team", SOLS, BRANCH_MANAGER, *MANAGERS],
                     ["consolidate", SOLS, HARRIET, sample("harriet-quill-self")],
                     ["progress", SOLS, sample("harriet-quill-2025"), HARRIET]):
            with self.subTest(command=args[0]):
                self.assertNotEqual(self.ok(*args), "")

    def test_fail_unready_is_3_when_someone_is_not_ready(self):
        proc = run("gap", "--fail-unready", SOLS, BRANCH_MANAGER, HARRIET, WREN)
        self.assertEqual(proc.returncode, 3, cli.err(proc))
        self.assertEqual(cli.err(proc), "")
        # The report is written all the same: the same as without the flag.
        self.assertEqual(cli.out(proc), self.ok("gap", SOLS, BRANCH_MANAGER, HARRIET, WREN))

    def test_fail_unready_is_0_when_everyone_is_ready(self):
        self.ok("gap", "--fail-unready", SOLS, BRANCH_MANAGER, HARRIET)

    def test_fail_unready_with_output_file(self):
        path = self.dir / "unready.json"
        proc = run("gap", "--fail-unready", "-f", "json", "-o", path, SOLS,
                   BRANCH_MANAGER, WREN)
        self.assertEqual(proc.returncode, 3)
        self.assertEqual(cli.out(proc), "")
        self.assertIn('"ready": false', path.read_text(encoding="utf-8"))

    def test_input_error_beats_fail_unready(self):
        self.fails(1, "gap", "--fail-unready", SOLS, BRANCH_MANAGER,
                   self.dir / "bad.yaml")


class InputErrorTest(ReportTestCase):
    def test_missing_files(self):
        missing = self.dir / "nobody.yaml"
        cases = {
            "framework": ["gap", missing, BRANCH_MANAGER, HARRIET],
            "profile": ["gap", SOLS, missing, HARRIET],
            "assessment": ["team", SOLS, BRANCH_MANAGER, HARRIET, missing],
            "progress profile": ["progress", "--profile", missing, SOLS,
                                 sample("harriet-quill-2025"), HARRIET],
        }
        for what, args in cases.items():
            with self.subTest(what=what):
                text = self.fails(1, *args)
                self.assertEqual(text, f"{missing}: error: cannot read the file: "
                                       "No such file or directory\n")

    def test_bad_assessment_has_line_and_column(self):
        for command in COMMANDS:
            args = {"score": [SOLS], "gap": [SOLS, BRANCH_MANAGER],
                    "team": [SOLS, BRANCH_MANAGER], "consolidate": [SOLS],
                    "progress": [SOLS, HARRIET]}[command]
            with self.subTest(command=command):
                text = self.fails(1, command, *args, self.dir / "bad.yaml")
                prefix = f"{self.dir / 'bad.yaml'}:{BAD_ASSESSMENT_AT[0]}:" \
                         f"{BAD_ASSESSMENT_AT[1]}: error: unknown element id 'CR.9'"
                self.assertTrue(text.startswith(prefix), text)
                self.assertEqual(len(text.splitlines()), 1, text)

    def test_bad_csv_assessment(self):
        text = self.fails(1, "score", SOLS, self.dir / "bad.csv")
        self.assertTrue(text.startswith(
            f"{self.dir / 'bad.csv'}:{BAD_CSV_AT[0]}:{BAD_CSV_AT[1]}: error: "
            "in field 'element': unknown element id 'CR.19'"), text)

    def test_every_bad_file_is_reported(self):
        missing = self.dir / "nobody.yaml"
        text = self.fails(1, "score", SOLS, self.dir / "bad.yaml", HARRIET,
                          missing, self.dir / "bad.csv")
        lines = text.splitlines()
        self.assertEqual(len(lines), 3, text)
        self.assertTrue(lines[0].startswith(f"{self.dir / 'bad.yaml'}:5:5: "))
        self.assertTrue(lines[1].startswith(f"{missing}: error: "))
        self.assertTrue(lines[2].startswith(f"{self.dir / 'bad.csv'}:3:8: "))

    def test_profile_for_another_framework(self):
        text = self.fails(1, "gap", SOLS, DIGITAL_PROFILE, HARRIET)
        self.assertRegex(text, "^" + re.escape(str(DIGITAL_PROFILE)) +
                         r":\d+:\d+: error: .*'hlc-digital-services'.*"
                         r"'sols-community-relations'")

    def test_assessment_for_another_framework(self):
        other = EXAMPLES / "frameworks" / "digital-services-cal-patchwell.yaml"
        text = self.fails(1, "score", SOLS, other)
        self.assertRegex(text, "^" + re.escape(str(other)) + r":\d+:\d+: error: ")

    def test_file_without_assessments(self):
        empty = self.dir / "header-only.csv"
        empty.write_text("subject,element,level\n", encoding="utf-8")
        self.assertEqual(self.fails(1, "score", SOLS, empty),
                         f"{empty}: error: the file holds no assessment\n")

    def test_person_assessed_twice_in_a_team(self):
        text = self.fails(1, "team", SOLS, BRANCH_MANAGER, HARRIET,
                          sample("harriet-quill-self"))
        self.assertTrue(text.startswith("competency team: error: subject "
                                        "'Harriet Quill' is assessed twice"), text)

    def test_consolidate_two_people(self):
        text = self.fails(1, "consolidate", SOLS, HARRIET, WREN)
        self.assertTrue(text.startswith("competency consolidate: error: "), text)
        self.assertIn("one subject", text)

    def test_progress_of_two_people(self):
        text = self.fails(1, "progress", SOLS, HARRIET, WREN)
        self.assertTrue(text.startswith("competency progress: error: "), text)

    def test_progress_file_with_several_assessments(self):
        text = self.fails(1, "progress", SOLS, TEAM_CSV, HARRIET)
        self.assertEqual(text, f"{TEAM_CSV}: error: the file holds 6 assessments; "
                               "progress compares one assessment BEFORE with one "
                               "AFTER\n")

    def test_output_into_a_missing_directory(self):
        path = self.dir / "no-such-dir" / "team.html"
        text = self.fails(1, "team", "-f", "html", "-o", path, SOLS,
                          BRANCH_MANAGER, *MANAGERS)
        self.assertEqual(text, f"{path}: error: cannot create the file: "
                               "No such file or directory\n")
        self.assertFalse(path.parent.exists())

    def test_full_disk_on_standard_output(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([str(cli.BIN), "team", SOLS, BRANCH_MANAGER, *MANAGERS],
                                  stdout=full, stderr=subprocess.PIPE, env=cli.base_env(),
                                  timeout=60, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(cli.err(proc).startswith("competency: error writing standard "
                                                 "output: "), cli.err(proc))

    def test_output_onto_a_directory(self):
        text = self.fails(1, "score", "-o", self.dir, SOLS, HARRIET)
        self.assertTrue(text.startswith(f"{self.dir}: error: "), text)


class UsageErrorTest(ReportTestCase):
    def test_unknown_format_suggests(self):
        for typo, meant in (("jsn", "json"), ("htm", "html"), ("markdwon", "markdown"),
                            ("CSV", "csv")):
            with self.subTest(typo=typo):
                line = self.usage_error("gap", "--format", typo, SOLS, BRANCH_MANAGER,
                                        HARRIET)
                self.assertIn(f"'{typo}'", line)
                self.assertIn(f"(did you mean '{meant}'?)", line)
        line = self.usage_error("score", "-f", "pdf", SOLS, HARRIET)
        self.assertEqual(line, "competency score: invalid value 'pdf' for --format "
                               "(expected text, json, csv, markdown or html)")

    def test_bad_weight(self):
        for value in ("manager", "=2", "manager=", "manager=x", "manager=0",
                      "manager=-1", "manager=inf", "manager=nan", "manager=2x"):
            with self.subTest(value=value):
                line = self.usage_error("consolidate", "--weight", value, SOLS,
                                        HARRIET)
                self.assertEqual(line, f"competency consolidate: invalid value "
                                       f"'{value}' for --weight (expected ROLE=N "
                                       "with N a number above 0, e.g. manager=2)")

    def test_weight_given_twice(self):
        line = self.usage_error("consolidate", "--weight", "peer=2", "--weight=peer=3",
                                SOLS, HARRIET)
        self.assertEqual(line, "competency consolidate: role 'peer' is given a "
                               "weight twice")

    def test_bad_threshold(self):
        for value in ("0", "-1", "x", ""):
            with self.subTest(value=value):
                line = self.usage_error("consolidate", "--threshold", value, SOLS,
                                        HARRIET)
                self.assertIn("--threshold", line)

    def test_bad_width(self):
        for value in ("x", "-1", "0", "19", "1001", ""):
            with self.subTest(value=value):
                line = self.usage_error("score", "--width", value, SOLS, HARRIET)
                self.assertIn(f"invalid value '{value}' for --width", line)

    def test_bad_choices_suggest(self):
        line = self.usage_error("score", "--missing", "zeor", SOLS, HARRIET)
        self.assertIn("(did you mean 'zero'?)", line)
        line = self.usage_error("score", "--input-format", "cvs", SOLS, "-")
        self.assertIn("(did you mean 'csv'?)", line)
        line = self.usage_error("score", "--input-format", "xml", SOLS, "-")
        self.assertIn("(expected yaml or csv)", line)

    def test_unknown_option_suggests(self):
        line = self.usage_error("gap", "--fail-unredy", SOLS, BRANCH_MANAGER, HARRIET)
        self.assertIn("(did you mean '--fail-unready'?)", line)
        line = self.usage_error("consolidate", "--wieght", "a=1", SOLS, HARRIET)
        self.assertIn("(did you mean '--weight'?)", line)
        # --missing is not an option of consolidate: it does not score.
        self.usage_error("consolidate", "--missing", "zero", SOLS, HARRIET)

    def test_missing_operands(self):
        cases = {
            ("score",): "no framework given",
            ("score", SOLS): "no assessment given",
            ("gap", SOLS): "no profile given",
            ("gap", SOLS, BRANCH_MANAGER): "no assessment given",
            ("team", SOLS, BRANCH_MANAGER): "no assessment given",
            ("consolidate", SOLS): "no assessment given",
            ("progress", SOLS, HARRIET): "no AFTER assessment given",
        }
        for args, message in cases.items():
            with self.subTest(args=args):
                line = self.usage_error(*args)
                self.assertEqual(line, f"competency {args[0]}: {message}")

    def test_too_many_operands(self):
        line = self.usage_error("progress", SOLS, HARRIET, HARRIET, WREN)
        self.assertEqual(line, f"competency progress: unexpected argument '{WREN}'")

    def test_stdin_only_once(self):
        self.usage_error("score", SOLS, "-", "-")
        self.usage_error("progress", "--profile", "-", SOLS, "-", HARRIET)

    def test_option_needs_a_value(self):
        line = self.usage_error("gap", SOLS, BRANCH_MANAGER, HARRIET, "-o")
        self.assertIn("option '-o' needs a value", line)


class OutputFileTest(ReportTestCase):
    def test_format_follows_the_output_name(self):
        # Without --format, -o team.html writes HTML and team.json JSON; an
        # explicit --format wins over the name.
        for name, start in (("team.html", "<!DOCTYPE html>"), ("team.json", "{"),
                            ("team.md", "## Team report"), ("team.txt", "Team report")):
            path = self.dir / name
            self.ok("team", "-o", path, SOLS, BRANCH_MANAGER, *MANAGERS)
            self.assertTrue(path.read_text(encoding="utf-8").startswith(start),
                            name)
        path = self.dir / "forced.html"
        self.ok("team", "-f", "text", "-o", path, SOLS, BRANCH_MANAGER, *MANAGERS)
        self.assertTrue(path.read_text(encoding="utf-8").startswith("Team report"))

    def test_output_file_gets_what_stdout_would(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                path = self.dir / f"gap.{fmt}"
                args = ["gap", "--format", fmt, SOLS, BRANCH_MANAGER, HARRIET, WREN]
                self.assertEqual(self.ok(*args, "-o", path), "")
                # Bytes: CSV rows end with CR LF, which read_text would change.
                self.assertEqual(path.read_bytes().decode("utf-8"), self.ok(*args))

    def test_output_replaces_a_file_and_keeps_its_mode(self):
        path = self.dir / "replaced.csv"
        path.write_text("old\n", encoding="utf-8")
        path.chmod(0o640)
        self.ok("score", "--format", "csv", "--output", path, SOLS, HARRIET)
        self.assertNotEqual(path.read_text(encoding="utf-8"), "old\n")
        self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o640)

    def test_new_file_follows_the_umask(self):
        path = self.dir / "new.json"
        self.ok("score", "-f", "json", "-o", path, SOLS, HARRIET)
        self.assertEqual(stat.S_IMODE(path.stat().st_mode) & 0o022,
                         0o666 & ~self.umask() & 0o022)

    @staticmethod
    def umask():
        mask = os.umask(0)
        os.umask(mask)
        return mask

    def test_failed_run_leaves_the_old_file_and_no_temporary(self):
        work = self.dir / "atomic"
        work.mkdir()
        path = work / "report.txt"
        path.write_text("old\n", encoding="utf-8")
        self.fails(1, "gap", "-o", path, SOLS, BRANCH_MANAGER, self.dir / "bad.yaml")
        self.assertEqual(path.read_text(encoding="utf-8"), "old\n")
        self.ok("gap", "-o", path, SOLS, BRANCH_MANAGER, HARRIET)
        self.assertEqual(sorted(p.name for p in work.iterdir()), ["report.txt"])

    def test_output_through_a_symbolic_link(self):
        target = self.dir / "target.md"
        target.write_text("old\n", encoding="utf-8")
        link = self.dir / "link.md"
        link.symlink_to(target)
        self.ok("score", "-f", "markdown", "-o", link, SOLS, HARRIET)
        self.assertTrue(link.is_symlink())
        self.assertNotEqual(target.read_text(encoding="utf-8"), "old\n")

    def test_output_to_a_device_and_dash(self):
        self.ok("score", "-o", os.devnull, SOLS, HARRIET)
        self.assertEqual(self.ok("score", "-o", "-", SOLS, HARRIET),
                         self.ok("score", SOLS, HARRIET))

    def test_output_ends_with_a_newline(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                text = self.ok("progress", "-f", fmt, SOLS,
                               sample("harriet-quill-2025"), HARRIET)
                self.assertTrue(text.endswith("\n"))
                self.assertFalse(text.endswith("\n\n\n"))


class InputTest(ReportTestCase):
    def test_team_from_csv_is_the_team_from_yaml(self):
        # examples/assessments/team.csv holds the *-manager.yaml ratings.
        for fmt in ("text", "csv"):
            with self.subTest(format=fmt):
                self.assertEqual(self.ok("team", "-f", fmt, SOLS, BRANCH_MANAGER, TEAM_CSV),
                                 self.ok("team", "-f", fmt, SOLS, BRANCH_MANAGER, *MANAGERS))

    def test_yaml_assessment_from_stdin(self):
        text = HARRIET.read_text(encoding="utf-8")
        self.assertEqual(self.ok("gap", SOLS, BRANCH_MANAGER, "-", stdin=text),
                         self.ok("gap", SOLS, BRANCH_MANAGER, HARRIET))

    def test_csv_from_stdin_needs_input_format(self):
        text = TEAM_CSV.read_text(encoding="utf-8")
        self.assertEqual(
            self.ok("team", "--input-format", "csv", SOLS, BRANCH_MANAGER, "-",
                    stdin=text),
            self.ok("team", SOLS, BRANCH_MANAGER, TEAM_CSV))
        err = self.fails(1, "team", SOLS, BRANCH_MANAGER, "-", stdin=text)
        self.assertTrue(err.startswith("<stdin>:1:1: error: "), err)

    def test_input_format_overrides_the_name(self):
        renamed = self.dir / "harriet.txt"
        renamed.write_text(HARRIET_CSV, encoding="utf-8")
        self.ok("score", "--input-format", "csv", SOLS, renamed)
        self.fails(1, "score", SOLS, renamed)  # read as YAML

    def test_framework_and_profile_from_stdin(self):
        expected = self.ok("gap", SOLS, BRANCH_MANAGER, HARRIET)
        self.assertEqual(self.ok("gap", "-", BRANCH_MANAGER, HARRIET,
                                 stdin=SOLS.read_text(encoding="utf-8")), expected)
        self.assertEqual(self.ok("gap", SOLS, "-", HARRIET,
                                 stdin=BRANCH_MANAGER.read_text(encoding="utf-8")),
                         expected)

    def test_errors_on_stdin_are_named_stdin(self):
        err = self.fails(1, "score", SOLS, "-", stdin=BAD_ASSESSMENT)
        self.assertTrue(err.startswith("<stdin>:5:5: error: unknown element id"), err)


class ColourTest(ReportTestCase):
    ARGS = ["gap", SOLS, BRANCH_MANAGER, WREN]

    def test_no_colour_when_piped(self):
        proc = run(*self.ARGS, env=cli.base_env(TERM="xterm"))
        self.assertEqual(proc.returncode, 0)
        self.assertNotIn(b"\x1b", proc.stdout)

    def test_colour_on_a_terminal_only_without_no_color(self):
        code, data = cli.run_on_terminal(*self.ARGS, env=cli.base_env(TERM="xterm"))
        self.assertEqual(code, 0)
        self.assertIn(b"\x1b[", data)
        code, data = cli.run_on_terminal(*self.ARGS,
                                         env=cli.base_env(TERM="xterm", NO_COLOR=""))
        self.assertEqual(code, 0)
        self.assertNotIn(b"\x1b", data)
        self.assertIn(b"Wren Folio", data)

    def test_no_colour_in_other_formats_or_files(self):
        for fmt in FORMATS[1:]:
            with self.subTest(format=fmt):
                code, data = cli.run_on_terminal(*self.ARGS, "-f", fmt,
                                                 env=cli.base_env(TERM="xterm"))
                self.assertEqual(code, 0)
                self.assertNotIn(b"\x1b", data)
        path = self.dir / "colour.txt"
        code, data = cli.run_on_terminal(*self.ARGS, "-o", path,
                                         env=cli.base_env(TERM="xterm"))
        self.assertEqual((code, data), (0, b""))
        self.assertNotIn("\x1b", path.read_text(encoding="utf-8"))

    def test_width_follows_columns_and_the_option(self):
        for env, args, width in ((cli.base_env(COLUMNS="100"), [], 100),
                                 (cli.base_env(COLUMNS="100"), ["-w", "60"], 60),
                                 (cli.base_env(), [], 80)):
            with self.subTest(width=width):
                lines = self.ok(*self.ARGS, *args, env=env).splitlines()
                self.assertLessEqual(max(len(line) for line in lines), width)


class HelpTest(ReportTestCase):
    def test_help_of_each_command(self):
        for command in COMMANDS:
            for args in ([command, "--help"], [command, "-h"], ["help", command],
                         [command, SOLS, "--help"]):
                with self.subTest(args=args):
                    text = self.ok(*args)
                    self.assertTrue(text.startswith(f"Usage: competency {command} "))
                    self.assertIn("--format", text)
                    self.assertIn("Exit status:", text)
                    for line in text.splitlines():
                        self.assertLessEqual(len(line), 79, line)

    def test_main_help_lists_the_commands(self):
        text = self.ok("--help")
        for command in COMMANDS:
            self.assertRegex(text, rf"\n  {command} +\S")

    def test_manual_and_reference_list_every_option(self):
        # In the manual page a "-" is written "\-".
        manual = (ROOT / "docs" / "competency.1").read_text(encoding="utf-8")
        manual = manual.replace("\\-", "-")
        reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        for command in COMMANDS:
            options = set(re.findall(r"--[a-z][a-z-]*", self.ok(command, "--help")))
            with self.subTest(command=command):
                self.assertIn(f"competency {command} ", reference)
                self.assertRegex(manual, rf"\.B {command}\b")
                for option in options:
                    self.assertIn(option, manual)
                    self.assertIn(f"`{option}", reference)

    def test_manual_page_renders_without_warnings(self):
        groff = shutil.which("groff")
        if groff is None:
            self.skipTest("no groff")
        proc = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z",
                               str(ROOT / "docs" / "competency.1")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=cli.base_env(), timeout=60, check=False)
        self.assertEqual((proc.returncode, proc.stderr.decode()), (0, ""))

    def test_mistyped_command_suggests(self):
        proc = run("consolidat", SOLS)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("(did you mean 'consolidate'?)", cli.err(proc))


if __name__ == "__main__":
    unittest.main()
