"""Tests of the progress line of long runs (docs/cli.md, "Progress and shell
completion"): `team`, `consolidate` and `validate` over many files show
"loading 3 of 40: FILE" on standard error when it is a terminal, rewritten
in place and cleared at the end; never in a pipe or a file, never with
TERM=dumb, and standard output is the same either way.

The line waits 200 ms before it shows, so the tests set
COMPETENCY_PROGRESS_DELAY=0 to see it on runs that take less.

Run by ctest (label cli), or by hand from the repository root:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_progress.py

Only the Python standard library is used.
"""

import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_cli as cli  # noqa: E402  (the runner of test_cli.py)

ROOT = cli.ROOT
SOLS = ROOT / "frameworks" / "sols-community-relations.yaml"
PROFILE = ROOT / "examples" / "profiles" / "branch-manager.yaml"
SAMPLE = ROOT / "examples" / "assessments" / "wren-folio-manager.yaml"
COPIES = 40

# One drawing of the line: carriage return, the text, erase to the end.
LINE = re.compile(rb"\r((?:loading|checking) [^\r\x1b]*)\x1b\[K")
CLEAR = b"\r\x1b[K"


def env(**extra):
    """No colour, 80 columns, the line shown at once; a value of None
    unsets the variable."""
    values = {"TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "80",
              "COMPETENCY_PROGRESS_DELAY": "0"}
    values.update(extra)
    result = cli.base_env(**{k: v for k, v in values.items() if v is not None})
    for name in [k for k, v in values.items() if v is None]:
        result.pop(name, None)  # None: unset
    return result


def drawn(data):
    """The texts of the progress lines drawn in terminal output."""
    return [m.decode("utf-8") for m in LINE.findall(data)]


def without_progress(data):
    """Terminal output less the progress lines and their clearing."""
    return LINE.sub(b"", data).replace(CLEAR, b"")


def read_all(fds, proc):
    """Everything written to fds (a pty's EIO counts as its end)."""
    got = {fd: b"" for fd in fds}
    open_fds = list(fds)
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 30)
        if not ready:
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if chunk:
                got[fd] += chunk
            else:
                open_fds.remove(fd)
    proc.wait(timeout=30)
    return got


def run_stderr_on_terminal(*args, env):
    """Runs the program with standard error alone on a pseudo-terminal:
    (exit status, standard output, what the terminal received)."""
    try:
        master, slave = pty.openpty()
    except OSError as e:  # a container without /dev/ptmx
        raise unittest.SkipTest(f"no pseudo-terminal: {e}")
    out_read, out_write = os.pipe()
    try:
        proc = subprocess.Popen([str(cli.BIN), *[str(a) for a in args]],
                                stdin=subprocess.DEVNULL, stdout=out_write,
                                stderr=slave, env=env)
        os.close(slave)
        os.close(out_write)
        slave = out_write = -1
        got = read_all([out_read, master], proc)
        return proc.returncode, got[out_read], got[master]
    finally:
        for fd in (slave, out_write, out_read, master):
            if fd >= 0:
                os.close(fd)


class ProgressTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        text = SAMPLE.read_text(encoding="utf-8")
        cls.people, cls.raters = [], []
        for i in range(1, COPIES + 1):
            person = tmp / "team" / f"person-{i:02}.yaml"
            rater = tmp / "raters" / f"rater-{i:02}.yaml"
            person.parent.mkdir(exist_ok=True)
            rater.parent.mkdir(exist_ok=True)
            person.write_text(text.replace("subject: Wren Folio",
                                           f"subject: Person {i}"),
                              encoding="utf-8")
            rater.write_text(text.replace("rater: Celeste Marginalia",
                                          f"rater: Rater {i}"),
                             encoding="utf-8")
            cls.people.append(person)
            cls.raters.append(rater)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def team(self):
        return ["team", SOLS, PROFILE, *self.people]

    def consolidate(self):
        return ["consolidate", SOLS, *self.raters]

    def validate(self):
        return ["validate", "-v", *[SOLS] * COPIES]

    def assert_progress(self, data, verb, count):
        lines = drawn(data)
        self.assertTrue(lines, data[:300])
        self.assertTrue(lines[0].startswith(f"{verb} 1 of {count}: "), lines)
        # Cleared at the end: nothing is drawn after the last clearing.
        self.assertIn(CLEAR, data[data.rindex(b"\r" + verb.encode()):])

    def test_shown_on_a_terminal_and_stdout_unchanged(self):
        for args, verb in [(self.team(), "loading"),
                           (self.consolidate(), "loading"),
                           (self.validate(), "checking")]:
            with self.subTest(command=args[0]):
                expected = cli.run(*args, env=env())
                self.assertEqual(expected.returncode, 0, cli.err(expected))
                code, stdout, terminal = run_stderr_on_terminal(*args,
                                                                env=env())
                self.assertEqual(code, 0)
                self.assertEqual(stdout, expected.stdout)
                self.assert_progress(terminal, verb, COPIES)
                self.assertEqual(without_progress(terminal), b"")

    def test_shares_a_terminal_with_stdout(self):
        """On one terminal, the report starts on a cleared line."""
        expected = cli.run(*self.team(), env=env())
        code, data = cli.run_on_terminal(*self.team(), env=env())
        self.assertEqual(code, 0)
        self.assert_progress(data, "loading", COPIES)
        self.assertTrue(data.startswith(b"\rloading"), data[:100])
        report = without_progress(data).replace(b"\r\n", b"\n")
        self.assertEqual(report, expected.stdout)

    def test_verbose_validate_lines_start_clean(self):
        code, data = cli.run_on_terminal(*self.validate(), env=env())
        self.assertEqual(code, 0)
        self.assert_progress(data, "checking", COPIES)
        ok = f"{SOLS}: ok (".encode()
        self.assertEqual(without_progress(data).count(ok), COPIES)
        # Every line of output follows a clearing or another line's end.
        for m in re.finditer(re.escape(ok), data):
            before = data[:m.start()]
            self.assertTrue(before == b"" or before.endswith(CLEAR)
                            or before.endswith(b"\n"), before[-80:])

    def test_never_in_a_pipe_or_a_file(self):
        for args in [self.team(), self.consolidate(), self.validate()]:
            with self.subTest(command=args[0]):
                proc = cli.run(*args, env=env())
                self.assertEqual(proc.stderr, b"")
                self.assertNotIn(b"\r", proc.stdout)
                with tempfile.TemporaryFile() as log:
                    subprocess.run([str(cli.BIN), *map(str, args)],
                                   stdout=subprocess.DEVNULL, stderr=log,
                                   env=env(), timeout=60, check=True)
                    log.seek(0)
                    self.assertEqual(log.read(), b"")

    def test_not_on_a_dumb_terminal(self):
        for term in ["dumb", None]:
            with self.subTest(TERM=term):
                code, stdout, terminal = run_stderr_on_terminal(
                    *self.team(), env=env(TERM=term))
                self.assertEqual(code, 0)
                self.assertEqual(terminal, b"")

    def test_quick_runs_stay_quiet(self):
        # The default delay: three small files load well within it.
        code, _, terminal = run_stderr_on_terminal(
            *self.team()[:6], env=env(COMPETENCY_PROGRESS_DELAY=None))
        self.assertEqual(code, 0)
        self.assertEqual(terminal, b"")
        # One file never shows a count, however long it takes.
        code, _, terminal = run_stderr_on_terminal(
            "validate", SOLS, env=env())
        self.assertEqual(code, 0)
        self.assertEqual(terminal, b"")

    def test_quiet_validate_prints_nothing(self):
        code, data = cli.run_on_terminal("validate", "-q", *[SOLS] * COPIES,
                                         env=env())
        self.assertEqual(code, 0)
        self.assertEqual(data, b"")

    def test_cut_to_the_terminal_width(self):
        code, _, terminal = run_stderr_on_terminal(*self.team(),
                                                   env=env(COLUMNS="40"))
        self.assertEqual(code, 0)
        lines = drawn(terminal)
        self.assertTrue(lines)
        for line in lines:
            # One column is left free so the terminal never wraps.
            self.assertLessEqual(len(line), 39, line)
            self.assertTrue(line.endswith(".yaml"), line)
        self.assertIn(cli.ELLIPSIS, lines[0])
        self.assertTrue(lines[0].endswith("person-01.yaml"), lines[0])

    def test_errors_start_on_a_clean_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = Path(tmp, "broken.yaml")
            bad.write_text("assessment: [\n", encoding="utf-8")
            files = [*self.people[:20], bad, *self.people[20:]]
            code, stdout, terminal = run_stderr_on_terminal(
                "team", SOLS, PROFILE, *files, env=env())
        self.assertEqual(code, 1)
        self.assertEqual(stdout, b"")
        self.assert_progress(terminal, "loading", COPIES + 1)
        at = terminal.index(f"{bad}:".encode())
        self.assertTrue(terminal[:at].endswith(CLEAR), terminal[:at][-80:])
        self.assertIn(b" error: ", without_progress(terminal))
        self.assertTrue(without_progress(terminal).startswith(f"{bad}:".encode()))


if __name__ == "__main__":
    unittest.main()
