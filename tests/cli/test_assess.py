"""Tests of `competency assess` (docs/cli.md): the guided self-assessment.

The interactive questionnaire runs on a real pseudo-terminal (pty.fork:
the terminal is the program's controlling terminal, so Ctrl-C and a
closed terminal send it real signals); scripted mode gets its answers
through a pipe. Every read has a timeout, so a hang fails the test rather
than blocking it. The saved file is checked by loading it back through
the library (`competency score -f json`), never by trusting the writer.

Run by ctest (label cli), or by hand from the repository root:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_assess.py

Only the Python standard library is used.
"""

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_cli as cli  # noqa: E402  (the runner of test_cli.py)

ROOT = cli.ROOT
BIN = cli.BIN
SOLS = ROOT / "frameworks" / "sols-community-relations.yaml"
BRANCH_MANAGER = ROOT / "examples" / "profiles" / "branch-manager.yaml"
PROMPT = "s, b, n, ?, q"  # the end of every level prompt
TIMEOUT = 15

# The KSAs of SOLS, the leaves asked, in framework order: CR.1.1 ... CR.6.5.
SOLS_LEAVES = [f"CR.{c}.{k}" for c, n in enumerate(cli.SOLS_KSAS, 1)
               for k in range(1, n + 1)]
LEVELS = {"Beginning": 1, "Developing": 2, "Proficient": 3, "Advanced": 4}

# A framework whose labels share starts: "in" is ambiguous, "inde" is not.
SHARED_STARTS = """\
framework:
  id: starts
  title: Labels that share their starts
  scales:
    - id: four
      levels:
        - {value: 1, label: Novice}
        - {value: 2, label: Intermediate}
        - {value: 3, label: Independent}
        - {value: 4, label: Expert}
      proficient: 3
  elements:
    - id: A
      title: Area
      children:
        - id: A.1
          title: First skill
          description: What the first skill is about, in a sentence or two.
        - id: A.2
          title: Second skill
"""


def env(**extra):
    """A run's environment: UTF-8, no colour, 80 columns, a known $USER."""
    return cli.base_env(**{"NO_COLOR": "1", "COLUMNS": "80", "USER": "tester", **extra})


def run(*args, stdin="", environment=None):
    return cli.run("assess", *args, stdin=stdin,
                   env=environment if environment is not None else env())


def saved(path, framework=SOLS):
    """The file loaded by the library: its metadata and rated levels."""
    proc = cli.run("score", "-f", "json", framework, path, env=env())
    if proc.returncode != 0:
        raise AssertionError(f"{path} does not load: {cli.err(proc)}")
    [report] = json.loads(cli.out(proc))
    levels = {e["element"]: e["score"] for e in report["elements"]
              if e["source"] == "rated"}
    return report, levels


class Terminal:
    """The program on a pseudo-terminal that is its controlling terminal."""

    def __init__(self, *args, environment=None):
        try:
            pid, fd = pty.fork()
        except OSError as e:  # a container without /dev/ptmx
            raise unittest.SkipTest(f"no pseudo-terminal: {e}")
        if pid == 0:  # the child: become the program
            try:
                os.execve(str(BIN), [str(BIN), "assess", *map(str, args)],
                          environment if environment is not None else env())
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.data = b""
        self.seen = 0  # how much of data expect() has gone past
        self.status = None

    def _read(self, deadline):
        """Reads what the program wrote; False at its end."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            return None
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the program closed the terminal
            chunk = b""
        self.data += chunk
        return bool(chunk)

    def text(self, start=0):
        return self.data[start:].decode("utf-8", "replace").replace("\r\n", "\n")

    def expect(self, needle, timeout=TIMEOUT):
        """Reads until needle appears; returns the output up to its end."""
        deadline = time.monotonic() + timeout
        want = needle.encode()
        while True:
            at = self.data.find(want, self.seen)
            if at >= 0:
                start, self.seen = self.seen, at + len(want)
                return self.text(start)[: len(self.text(start)) - len(self.text(self.seen))]
            got = self._read(deadline)
            if not got:
                why = "timed out" if got is None else "the program ended"
                raise AssertionError(f"{why} waiting for {needle!r}; after "
                                     f"the last match it wrote {self.text(self.seen)!r}")

    def type(self, line):
        """Types a line as a person does: the text, then Return."""
        os.write(self.fd, line.encode() + b"\r")

    def answer(self, line):
        """Waits for the level prompt, then answers it; returns the screen."""
        screen = self.expect(PROMPT)
        self.type(line)
        return screen

    def wait(self, timeout=TIMEOUT):
        """Reads to the end and returns the exit status."""
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            time.sleep(0.05)
        raise AssertionError(f"the program did not end; it wrote {self.text(self.seen)!r}")

    def hang_up(self):
        """Closes the terminal, as when its window is closed."""
        os.close(self.fd)
        self.fd = None
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            time.sleep(0.05)
        raise AssertionError("the program did not end when its terminal closed")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class AssessTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BIN.is_file():
            raise AssertionError(f"{BIN} does not exist: build first, or set COMPETENCY_BIN")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.file = self.dir / "jo.yaml"

    def tearDown(self):
        self.tmp.cleanup()

    def terminal(self, *args, environment=None):
        term = Terminal(*args, environment=environment)
        self.addCleanup(term.close)
        return term


class InteractiveTest(AssessTestCase):
    def test_full_run_with_profile(self):
        # Every KSA is under some target of the Branch Manager profile, so
        # all 35 are asked, in framework order; answers mix values and
        # labels in any case.
        term = self.terminal("--subject", "Jo Doe", "--profile", BRANCH_MANAGER,
                             "-o", self.file, SOLS)
        labels = list(LEVELS)
        sent = {}
        for i, ksa in enumerate(SOLS_LEAVES):
            level = i % 4 + 1
            screen = term.expect(PROMPT)
            self.assertIn(f"{i + 1} of 35", screen)
            self.assertRegex(screen, rf"\n +{re.escape(ksa)}  \S")
            term.type(str(level) if i % 2 else labels[level - 1].upper())
            sent[ksa] = level
        self.assertEqual(term.wait(), 0)
        screen = term.text()
        # the path of CR.2.4: its area and competency, id and title
        self.assertIn("CR  Community Relations\n  CR.2  Builds community-wide support", screen)
        self.assertIn("    3  Proficient (proficient)\n", screen)
        self.assertIn("saved 35 answers to", screen)
        self.assertIn("Scores: Jo Doe\n", screen)
        self.assertIn("Gap report: Jo Doe against Branch Manager (branch-manager)", screen)
        report, levels = saved(self.file)
        self.assertEqual(levels, sent)
        self.assertEqual((report["subject"], report["rater"], report["role"]),
                         ("Jo Doe", "Jo Doe", "self"))
        self.assertRegex(report["date"], r"^\d{4}-\d\d-\d\d$")

    def test_prefix_invalid_back_skip_and_note(self):
        term = self.terminal("--subject", "Jo Doe", "-o", self.file, SOLS)
        term.answer("prof")                 # CR.1.1: Proficient, by a prefix
        screen = term.answer("  Nonsense ")  # CR.1.2: not a level
        self.assertIn("2 of 35", screen)
        screen = term.expect(PROMPT)
        self.assertIn("'Nonsense' is not a level of scale 'proficiency': answer one of "
                      "1 Beginning, 2 Developing, 3 Proficient, 4 Advanced",
                      " ".join(screen.split()))  # wrapped to the width
        term.type("")                        # empty: asked again
        term.answer("b")                     # back to CR.1.1, answered
        screen = term.expect(PROMPT)
        self.assertIn("1 of 35", screen)
        self.assertIn("CR.1.1", screen)
        self.assertIn("Answer: 3 Proficient (Enter keeps it)", screen)
        term.type("")                        # Enter keeps 3
        term.answer("s")                     # CR.1.2 skipped
        screen = term.answer("n")            # CR.1.3: a note first
        self.assertIn("3 of 35", screen)
        term.expect("Note on CR.1.3")
        term.type("Ran the 2025 outcome survey")
        term.answer("advanced")              # then the level
        term.answer("b")                     # CR.1.4 -> back to CR.1.3
        screen = term.expect(PROMPT)
        self.assertIn("Answer: 4 Advanced", screen)
        self.assertIn("Note: Ran the 2025 outcome survey", screen)
        term.type("q")
        self.assertEqual(term.wait(), 0)
        self.assertIn("saved 2 answers to", term.text())
        _, levels = saved(self.file)
        self.assertEqual(levels, {"CR.1.1": 3, "CR.1.3": 4})
        text = self.file.read_text(encoding="utf-8")
        self.assertIn("note: Ran the 2025 outcome survey", text)

    def test_skip_removes_an_earlier_answer(self):
        term = self.terminal("--subject", "Jo Doe", "-o", self.file, SOLS)
        term.answer("2")
        term.answer("b")
        term.answer("s")
        screen = term.expect(PROMPT)
        self.assertIn("the answer to CR.1.1 is removed", screen)
        term.type("q")
        self.assertEqual(term.wait(), 0)
        self.assertEqual(saved(self.file)[1], {})

    def test_asks_the_subject_with_user_as_default(self):
        term = self.terminal("-o", self.file, SOLS)
        term.expect("Whose assessment is this? Name [tester]: ")
        term.type("")
        term.answer("q")
        self.assertEqual(term.wait(), 0)
        report, _ = saved(self.file)
        self.assertEqual((report["subject"], report["rater"]), ("tester", "tester"))

    def test_help_lists_the_answers(self):
        term = self.terminal("--subject", "Jo", "-o", self.file, SOLS)
        term.answer("?")
        screen = term.expect(PROMPT)
        for word in ("Enter", "skip", "back", "note", "save and quit"):
            self.assertIn(word, screen)
        term.type("q")
        self.assertEqual(term.wait(), 0)

    def test_description_is_wrapped_to_the_width(self):
        framework = self.dir / "starts.yaml"
        framework.write_text(SHARED_STARTS, encoding="utf-8")
        term = self.terminal("--subject", "Jo", "-o", self.file, framework,
                             environment=env(COLUMNS="30"))
        screen = term.answer("q")
        self.assertIn("A.1  First skill", screen)
        self.assertIn("\n    What the first skill is\n    about, in a sentence or\n    two.\n", screen)
        for line in screen.splitlines()[:-1]:  # the prompt is not cut
            self.assertLessEqual(len(line), 30, line)
        self.assertEqual(term.wait(), 0)


class InterruptTest(AssessTestCase):
    def answered(self, term, count, first=0):
        for i in range(first, first + count):
            term.answer(str(i % 4 + 1))
        term.expect(PROMPT)  # the answer before has been saved

    def test_ctrl_c_then_resume_keeps_every_answer(self):
        term = self.terminal("--subject", "Jo Doe", "-o", self.file, SOLS)
        self.answered(term, 5)
        os.write(term.fd, b"\x03")            # Ctrl-C on the terminal
        self.assertEqual(term.wait(), 130)
        self.assertIn("stopped by SIGINT: saved 5 answers to", term.text())
        self.assertIn("run the same command to resume", term.text())
        first = {ksa: i % 4 + 1 for i, ksa in enumerate(SOLS_LEAVES[:5])}
        self.assertEqual(saved(self.file)[1], first)

        term = self.terminal("--subject", "Jo Doe", "-o", self.file, SOLS)
        screen = term.expect(PROMPT)
        self.assertIn("resuming: 5 of 35 answered", screen)
        self.assertIn("6 of 35", screen)      # the first unanswered: CR.2.1
        self.assertIn("CR.2.1", screen)
        term.type("b")                        # the earlier answer is shown
        screen = term.expect(PROMPT)
        self.assertIn("CR.1.5", screen)
        self.assertIn("Answer: 1 Beginning", screen)
        term.type("")
        self.answered(term, 3, first=5)
        status = term.hang_up()               # the window is closed
        self.assertEqual(status, 129)
        second = {ksa: i % 4 + 1 for i, ksa in enumerate(SOLS_LEAVES[:8])}
        self.assertEqual(saved(self.file)[1], second)

    def test_sigterm_saves_and_exits_143(self):
        term = self.terminal("--subject", "Jo Doe", "-o", self.file, SOLS)
        self.answered(term, 2)
        os.kill(term.pid, signal.SIGTERM)
        self.assertEqual(term.wait(), 143)
        self.assertIn("stopped by SIGTERM: saved 2 answers", term.text())
        self.assertEqual(len(saved(self.file)[1]), 2)

    def test_complete_file_prints_the_reports(self):
        answers = "\n".join("3" for _ in SOLS_LEAVES) + "\n"
        self.assertEqual(run("--subject", "Jo", "-o", self.file, SOLS,
                             stdin=answers).returncode, 0)
        term = self.terminal("-o", self.file, SOLS)
        self.assertEqual(term.wait(), 0)
        self.assertIn("resuming: 35 of 35 answered", term.text())
        self.assertIn("Scores: Jo", term.text())
        self.assertNotIn(PROMPT, term.text())


class ScriptedTest(AssessTestCase):
    def test_piped_answers_fill_the_file(self):
        answers = [str(i % 4 + 1) for i in range(len(SOLS_LEAVES))]
        proc = run("--subject", "Jo Doe", "--role", "self", "--date", "2026-03-01",
                   "-p", BRANCH_MANAGER, "-o", self.file, SOLS,
                   stdin="\n".join(answers) + "\n")
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        self.assertTrue(cli.out(proc).startswith("Scores: Jo Doe\n"))
        self.assertIn("Gap report: Jo Doe against Branch Manager", cli.out(proc))
        self.assertNotIn(PROMPT, cli.err(proc))   # no prompts
        self.assertNotIn("\x1b", cli.err(proc) + cli.out(proc))
        report, levels = saved(self.file)
        self.assertEqual(report["date"], "2026-03-01")
        self.assertEqual(levels, {k: int(a) for k, a in zip(SOLS_LEAVES, answers)})

    def test_same_report_as_score_and_gap(self):
        answers = "\n".join(str(i % 3 + 2) for i in range(35)) + "\n"
        proc = run("--subject", "Jo", "-p", BRANCH_MANAGER, "-o", self.file, SOLS,
                   stdin=answers)
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        score = cli.run("score", SOLS, self.file, env=env())
        gap = cli.run("gap", SOLS, BRANCH_MANAGER, self.file, env=env())
        self.assertEqual(cli.out(proc), cli.out(score) + "\n" + cli.out(gap))

    def test_invalid_answer_is_reported_and_asked_again(self):
        proc = run("--subject", "Jo", "-o", self.file, SOLS,
                   stdin="4\nexpert\nPROF\n")
        self.assertEqual(proc.returncode, 0)
        self.assertIn("<stdin>:2:1: error: CR.1.2: 'expert' is not a level of scale "
                      "'proficiency'", cli.err(proc))
        self.assertEqual(saved(self.file)[1], {"CR.1.1": 4, "CR.1.2": 3})

    def test_ambiguous_start_of_a_label(self):
        framework = self.dir / "starts.yaml"
        framework.write_text(SHARED_STARTS, encoding="utf-8")
        proc = run("--subject", "Jo", "-o", self.file, framework,
                   stdin="in\ninde\nexp\n")
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        self.assertIn("<stdin>:1:1: error: A.1: 'in' is the start of several labels: "
                      "Intermediate Independent", cli.err(proc))
        self.assertEqual(saved(self.file, framework)[1], {"A.1": 3, "A.2": 4})

    def test_skip_back_note_and_end_of_input(self):
        proc = run("--subject", "Jo", "-o", self.file, SOLS,
                   stdin="1\ns\nn\nleads the data team\n2\nb\n\nb\nb\n4\n")
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        # 1 on CR.1.1; skip CR.1.2; a note and 2 on CR.1.3; back to CR.1.3
        # and Enter keeps it; back twice from CR.1.4 to CR.1.2: 4; the end.
        self.assertEqual(saved(self.file)[1], {"CR.1.1": 1, "CR.1.2": 4, "CR.1.3": 2})
        self.assertIn("note: leads the data team", self.file.read_text(encoding="utf-8"))
        self.assertIn("saved 3 answers to", cli.err(proc))
        self.assertIn("(3 of 35 answered); run the same command to resume", cli.err(proc))

    def test_resume_asks_skipped_elements_again(self):
        run("--subject", "Jo", "-o", self.file, SOLS, stdin="s\n2\n")
        proc = run("-o", self.file, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        self.assertIn("resuming: 1 of 35 answered", cli.err(proc))
        self.assertEqual(saved(self.file)[1], {"CR.1.1": 3, "CR.1.2": 2})

    def test_resume_keeps_ratings_outside_the_walk_and_notes(self):
        self.file.write_text(
            "assessment:\n  subject: Jo\n  role: self\n  rater: Jo\n"
            "  date: 2026-01-02\n  ratings:\n"
            "    CR: {level: 2, note: overall}\n    CR.1.2: Advanced\n",
            encoding="utf-8")
        proc = run("-o", self.file, SOLS, stdin="1\n")  # CR.1.1
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        report, levels = saved(self.file)
        self.assertEqual(levels, {"CR": 2, "CR.1.1": 1, "CR.1.2": 4})
        self.assertEqual(report["date"], "2026-01-02")
        self.assertIn("note: overall", self.file.read_text(encoding="utf-8"))

    def test_interrupted_pipe_saves_what_it_read(self):
        proc = subprocess.Popen([str(BIN), "assess", "--subject", "Jo", "-o",
                                 str(self.file), str(SOLS)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env())
        try:
            proc.stdin.write(b"2\n3\n")
            proc.stdin.flush()
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                if self.file.exists() and len(saved(self.file)[1]) == 2:
                    break
                time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
            _, errors = proc.communicate(timeout=TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertEqual(proc.returncode, 130)
        self.assertIn("stopped by SIGINT: saved 2 answers", errors.decode())
        self.assertEqual(saved(self.file)[1], {"CR.1.1": 2, "CR.1.2": 3})


class ErrorTest(AssessTestCase):
    def test_bad_framework_path(self):
        proc = run("--subject", "Jo", "-o", self.file, self.dir / "missing.yaml")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("missing.yaml: error: cannot read", cli.err(proc))
        self.assertFalse(self.file.exists())

    def test_unwritable_output_folder(self):
        (self.dir / "a-file").write_text("x", encoding="utf-8")
        for target in (self.dir / "no-such-folder" / "jo.yaml",
                       self.dir / "a-file" / "jo.yaml"):
            with self.subTest(target=target):
                proc = run("--subject", "Jo", "-o", target, SOLS, stdin="3\n")
                self.assertEqual(proc.returncode, 1)
                self.assertIn(f"{target}: error: cannot create the file", cli.err(proc))
                self.assertEqual(cli.out(proc), "")
        if os.geteuid() != 0:  # root writes anywhere
            locked = self.dir / "locked"
            locked.mkdir(mode=0o500)
            proc = run("--subject", "Jo", "-o", locked / "jo.yaml", SOLS, stdin="3\n")
            self.assertEqual(proc.returncode, 1)
            self.assertIn("Permission denied", cli.err(proc))

    def test_existing_file_of_another_subject(self):
        run("--subject", "Jo", "-o", self.file, SOLS, stdin="2\n")
        before = self.file.read_bytes()
        proc = run("--subject", "Sam", "-o", self.file, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{self.file}: error: the file holds another assessment: its "
                      "subject is 'Jo', not 'Sam'", cli.err(proc))
        self.assertEqual(self.file.read_bytes(), before)

    def test_existing_file_of_another_framework_or_not_an_assessment(self):
        other = self.dir / "other.yaml"
        other.write_text("assessment:\n  framework: another\n  subject: Jo\n",
                         encoding="utf-8")
        proc = run("--subject", "Jo", "-o", other, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("framework 'another'", cli.err(proc))
        self.assertIn("assessment:\n  framework: another\n", other.read_text(encoding="utf-8"))
        profile = self.dir / "profile.yaml"
        profile.write_bytes(BRANCH_MANAGER.read_bytes())
        proc = run("--subject", "Jo", "-o", profile, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("this is a profile document, not an assessment", cli.err(proc))
        self.assertEqual(profile.read_bytes(), BRANCH_MANAGER.read_bytes())

    def test_existing_file_with_extension_keys_is_left_alone(self):
        text = "assessment:\n  subject: Jo\n  x-team: outreach\n"
        self.file.write_text(text, encoding="utf-8")
        proc = run("-o", self.file, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("x- keys (x-team), which assess cannot keep", cli.err(proc))
        self.assertEqual(self.file.read_text(encoding="utf-8"), text)

    def test_existing_file_of_several_assessments(self):
        text = "assessment:\n  subject: Jo\n---\nassessment:\n  subject: Jo\n"
        self.file.write_text(text, encoding="utf-8")
        proc = run("-o", self.file, SOLS, stdin="3\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("the file holds several assessments, not one", cli.err(proc))
        self.assertEqual(self.file.read_text(encoding="utf-8"), text)

    def test_usage_errors(self):
        for args in ([SOLS], ["-o", self.file], ["-o", "-", SOLS],
                     ["--subject", "Jo", "-o", self.file, "-"],
                     ["-o", self.file, SOLS],  # scripted, new file, no subject
                     ["--subject", "Jo", "--date", "2026-02-30", "-o", self.file, SOLS],
                     ["--subject", "Jo", "--colour", "-o", self.file, SOLS]):
            with self.subTest(args=args):
                proc = run(*args)
                self.assertEqual(proc.returncode, 2, cli.err(proc))
                self.assertIn("Usage: competency assess", cli.err(proc))
                self.assertFalse(self.file.exists())

    def test_help(self):
        for args in (["assess", "--help"], ["help", "assess"]):
            proc = cli.run(*args, env=env())
            self.assertEqual(proc.returncode, 0)
            self.assertTrue(cli.out(proc).startswith("Usage: competency assess "))
            for line in cli.out(proc).splitlines():
                self.assertLessEqual(len(line), 79, line)
        self.assertRegex(cli.out(cli.run("--help", env=env())), r"\n  assess +\S")

    def test_manual_and_reference_document_every_option(self):
        manual = (ROOT / "docs" / "competency.1").read_text(encoding="utf-8")
        manual = manual.replace("\\-", "-")
        reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        self.assertIn("## `competency assess -o FILE FRAMEWORK`", reference)
        self.assertRegex(manual, r"\.B assess\b")
        help_text = cli.out(cli.run("assess", "--help", env=env()))
        options = set(re.findall(r"--[a-z][a-z-]*", help_text))
        self.assertGreaterEqual(len(options), 7, options)
        for option in options:
            with self.subTest(option=option):
                self.assertIn(option, manual)
                self.assertIn(f"`{option}", reference)


if __name__ == "__main__":
    unittest.main()
