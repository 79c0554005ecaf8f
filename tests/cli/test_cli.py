"""Tests of the `competency` command-line tool (docs/cli.md).

Run by ctest (label cli) as `python3 -m unittest`, or by hand:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_cli.py

COMPETENCY_BIN is the program to test (default: build/competency under the
repository root); CF_SOURCE_DIR is the repository root (default: two
directories above this file). Only the Python standard library is used.
"""

import os
import pty
import re
import select
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("CF_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BIN = Path(os.environ.get("COMPETENCY_BIN") or ROOT / "build" / "competency")
SOLS = ROOT / "frameworks" / "sols-community-relations.yaml"
HEADER = ROOT / "include" / "competency.h"

# A small valid framework. Its line numbers matter to the bad variants below:
#   line  2 `  id: demo`                        (first key of `framework`, col 3)
#   line  3 `  title: Demo framework`
#   line 15 `          title: Documents ...`    (key at column 11)
GOOD = """\
framework:
  id: demo
  title: Demo framework
  scales:
    - id: proficiency
      levels:
        - {value: 1, label: Beginning}
        - {value: 2, label: Proficient}
      proficient: 2
  elements:
    - id: CR
      title: Community Relations
      children:
        - id: CR.1
          title: Documents library use
"""

# The framework mapping has no title. A missing key is reported where the
# mapping starts: its first key, `id` on line 2, column 3.
MISSING_TITLE = GOOD.replace("  title: Demo framework\n", "")
MISSING_TITLE_AT = (2, 3)

# Element CR.1 spells `title` as `titel`: the key is on line 15 after ten
# spaces, so at column 11.
UNKNOWN_KEY = GOOD.replace("          title: Documents", "          titel: Documents")
UNKNOWN_KEY_AT = (15, 11)

# Not well-formed YAML: `title` on line 3 is indented less (2 spaces) than
# `id` on line 2 (4 spaces) in the same mapping; libyaml stops at the token
# that cannot start a key, line 3, column 3.
SYNTAX_ERROR = "framework:\n    id: demo\n  title: Demo framework\n"
SYNTAX_ERROR_AT = (3, 3)

BAD_FILES = {
    "missing-title.yaml": (MISSING_TITLE, MISSING_TITLE_AT, "'title'"),
    "unknown-key.yaml": (UNKNOWN_KEY, UNKNOWN_KEY_AT, "unknown key 'titel'"),
    "syntax.yaml": (SYNTAX_ERROR, SYNTAX_ERROR_AT, ""),
}

# Elements of the SOLS framework per competency CR.1 ... CR.6 (its KSAs).
SOLS_KSAS = [5, 7, 3, 8, 7, 5]
SOLS_SCALE_LINE = "scale proficiency: 1 Beginning, 2 Developing, 3 Proficient*, 4 Advanced"
# The longest title of the framework, word for word from the source (CR.2.4).
LONG_TITLE = (
    "Seeks public speaking opportunities as a means of educating the community "
    "about the library, promoting programs and services, and highlighting key "
    "community outcomes that address community challenges and priorities"
)
ELLIPSIS = "\u2026"


def base_env(**extra):
    """The environment of a run: UTF-8 locale, no COLUMNS, no NO_COLOR."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("COLUMNS", "NO_COLOR", "LANGUAGE") and not k.startswith("LC_")}
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra)
    return env


def run(*args, stdin=None, env=None, cwd=None):
    """Runs the program with args; stdout and stderr decoded as UTF-8."""
    return subprocess.run(
        [str(BIN), *[str(a) for a in args]],
        input=stdin.encode("utf-8") if stdin is not None else b"",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env if env is not None else base_env(),
        cwd=cwd,
        timeout=60,
        check=False,
    )


def out(proc):
    return proc.stdout.decode("utf-8")


def err(proc):
    return proc.stderr.decode("utf-8")


def run_on_terminal(*args, env):
    """Runs the program with stdout and stderr on a pseudo-terminal."""
    try:
        master, slave = pty.openpty()
    except OSError as e:  # a container without /dev/ptmx
        raise unittest.SkipTest(f"no pseudo-terminal: {e}")
    try:
        proc = subprocess.Popen([str(BIN), *[str(a) for a in args]],
                                stdin=subprocess.DEVNULL, stdout=slave,
                                stderr=slave, env=env)
        os.close(slave)
        slave = -1
        data = b""
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            data += chunk
        proc.wait(timeout=30)
        return proc.returncode, data
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)


def sols_ids():
    """The element ids of the SOLS file in file order (pre-order)."""
    text = SOLS.read_text(encoding="utf-8")
    return re.findall(r"^\s*- id: (CR[0-9.]*)\s*$", text, re.MULTILINE)


def sections(text):
    """show's output: header, tree and scales, separated by blank lines."""
    parts = text.rstrip("\n").split("\n\n")
    return [part.split("\n") for part in parts]


class CliTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BIN.is_file():
            raise AssertionError(
                f"{BIN} does not exist: build first, or set COMPETENCY_BIN")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        (cls.dir / "good.yaml").write_text(GOOD, encoding="utf-8")
        for name, (text, _, _) in BAD_FILES.items():
            (cls.dir / name).write_text(text, encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assertDiagnostic(self, line, path, at, snippet=""):
        prefix = f"{path}:{at[0]}:{at[1]}: error: "
        self.assertTrue(line.startswith(prefix), f"{line!r} should start with {prefix!r}")
        self.assertGreater(len(line), len(prefix), "the message is empty")
        self.assertIn(snippet, line)


class ValidateTest(CliTestCase):
    def test_shipped_framework_is_valid_and_silent(self):
        proc = run("validate", SOLS)
        self.assertEqual(proc.returncode, 0, err(proc))
        self.assertEqual(out(proc), "")
        self.assertEqual(err(proc), "")

    def test_verbose_reports_counts(self):
        proc = run("validate", "-v", SOLS)
        self.assertEqual(proc.returncode, 0, err(proc))
        self.assertEqual(out(proc), f"{SOLS}: ok (42 elements, 1 scale)\n")
        proc = run("validate", "--verbose", self.dir / "good.yaml")
        self.assertEqual(out(proc), f"{self.dir / 'good.yaml'}: ok (2 elements, 1 scale)\n")

    def test_each_bad_file_reports_line_and_column(self):
        for name, (_, at, snippet) in BAD_FILES.items():
            with self.subTest(name=name):
                path = self.dir / name
                proc = run("validate", path)
                self.assertEqual(proc.returncode, 1)
                self.assertEqual(out(proc), "")
                lines = err(proc).splitlines()
                self.assertEqual(len(lines), 1, err(proc))
                self.assertDiagnostic(lines[0], path, at, snippet)

    def test_all_bad_files_are_reported_in_order(self):
        paths = [self.dir / name for name in BAD_FILES]
        proc = run("validate", *paths)
        self.assertEqual(proc.returncode, 1)
        lines = err(proc).splitlines()
        self.assertEqual(len(lines), len(paths), err(proc))
        for line, path, (_, at, snippet) in zip(lines, paths, BAD_FILES.values()):
            self.assertDiagnostic(line, path, at, snippet)

    def test_mix_reports_only_the_bad_files(self):
        good, bad = self.dir / "good.yaml", self.dir / "unknown-key.yaml"
        proc = run("validate", good, bad, SOLS)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(out(proc), "")
        lines = err(proc).splitlines()
        self.assertEqual(len(lines), 1, err(proc))
        self.assertDiagnostic(lines[0], bad, UNKNOWN_KEY_AT, "did you mean 'title'?")
        self.assertNotIn(str(SOLS), err(proc))

    def test_mix_verbose_lists_good_files_on_stdout(self):
        good, bad = self.dir / "good.yaml", self.dir / "syntax.yaml"
        proc = run("validate", good, "-v", bad)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(out(proc), f"{good}: ok (2 elements, 1 scale)\n")
        self.assertDiagnostic(err(proc).splitlines()[0], bad, SYNTAX_ERROR_AT)

    def test_missing_file_has_no_position(self):
        path = self.dir / "no-such-file.yaml"
        proc = run("validate", path, self.dir / "good.yaml")
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(err(proc), "^" + re.escape(f"{path}: error: ") + r"\S.*\n$")

    def test_quiet_prints_nothing_but_fails(self):
        proc = run("validate", "-q", self.dir / "syntax.yaml", self.dir / "no-such.yaml")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(out(proc), "")
        self.assertEqual(err(proc), "")
        proc = run("validate", "--quiet", self.dir / "good.yaml")
        self.assertEqual(proc.returncode, 0)

    def test_stdin(self):
        proc = run("validate", "-v", "-", stdin=GOOD)
        self.assertEqual(proc.returncode, 0, err(proc))
        self.assertEqual(out(proc), "<stdin>: ok (2 elements, 1 scale)\n")
        proc = run("validate", "-", stdin=UNKNOWN_KEY)
        self.assertEqual(proc.returncode, 1)
        self.assertDiagnostic(err(proc).splitlines()[0], "<stdin>", UNKNOWN_KEY_AT,
                              "unknown key 'titel'")

    def test_double_dash_ends_options(self):
        # A framework file called "-v" in the current directory.
        (self.dir / "-v").write_text(GOOD, encoding="utf-8")
        proc = run("validate", "--", "-v", cwd=self.dir)
        self.assertEqual(proc.returncode, 0, err(proc))
        self.assertEqual(out(proc), "")
        proc = run("validate", "-v", "--", "-v", cwd=self.dir)
        self.assertEqual(out(proc), "-v: ok (2 elements, 1 scale)\n")

    def test_no_files_is_a_usage_error(self):
        proc = run("validate")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(out(proc), "")
        self.assertIn("Usage: competency validate", err(proc))

    def test_unknown_option_is_a_usage_error(self):
        proc = run("validate", "--verbos", SOLS)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("competency validate: unknown option '--verbos' "
                      "(did you mean '--verbose'?)", err(proc))
        proc = run("validate", SOLS, "-x")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("unknown option '-x'", err(proc))


class ShowTest(CliTestCase):
    def show(self, *args, **kwargs):
        proc = run("show", *args, **kwargs)
        self.assertEqual(proc.returncode, 0, err(proc))
        self.assertEqual(err(proc), "")
        return out(proc)

    def test_tree_lists_every_element_in_order(self):
        parts = sections(self.show("--width", "80", SOLS))
        self.assertEqual(len(parts), 3, "header, tree, scales")
        tree = parts[1]
        ids = [line.split()[0] for line in tree]
        self.assertEqual(len(tree), 1 + 6 + 35)
        self.assertEqual(ids, sols_ids())
        expected = ["CR"]
        for n, ksas in enumerate(SOLS_KSAS, 1):
            expected += [f"CR.{n}"] + [f"CR.{n}.{m}" for m in range(1, ksas + 1)]
        self.assertEqual(ids, expected)
        self.assertEqual((ids[0], ids[1], ids[-1]), ("CR", "CR.1", "CR.6.5"))

    def test_tree_indents_and_names_kinds(self):
        tree = sections(self.show("--width", "80", SOLS))[1]
        kinds = {0: "[area]", 1: "[competency]", 2: "[ksa]"}
        for line in tree:
            element = line.split()[0]
            depth = element.count(".")
            indent = len(line) - len(line.lstrip(" "))
            self.assertEqual(indent, 2 * depth, line)
            self.assertEqual(line.split()[1], kinds[depth], line)

    def test_titles_are_aligned(self):
        tree = sections(self.show("--width", "80", SOLS))[1]
        starts = {len(re.match(r"\s*\S+\s+\[\w+\]\s+", line).group(0)) for line in tree}
        self.assertEqual(len(starts), 1, tree)
        self.assertRegex(tree[0], r"^CR +\[area\] +Community Relations$")

    def test_lines_fit_width_80(self):
        text = self.show("--width", "80", SOLS)
        for line in text.splitlines():
            self.assertLessEqual(len(line), 80, line)
        # The longest title is shortened, with the UTF-8 ellipsis.
        line = next(l for l in text.splitlines() if l.split()[:1] == ["CR.2.4"])
        self.assertTrue(line.endswith(ELLIPSIS), line)
        self.assertIn(LONG_TITLE[:30], line)

    def test_columns_sets_the_width_and_width_overrides_it(self):
        # Shortened lines end at the width, or a little before it when the
        # cut falls just after a space.
        for env, args, width in ((base_env(COLUMNS="50"), [], 50),
                                 (base_env(COLUMNS="50"), ["--width", "120"], 120),
                                 (base_env(), [], 80)):  # not a terminal: 80
            with self.subTest(width=width):
                lines = self.show(SOLS, *args, env=env).splitlines()
                self.assertLessEqual(max(len(l) for l in lines), width)
                self.assertGreaterEqual(max(len(l) for l in lines), width - 3)

    def test_width_zero_never_shortens(self):
        text = self.show("--width", "0", SOLS)
        self.assertNotIn(ELLIPSIS, text)
        self.assertIn("  " + LONG_TITLE + "\n", text)
        self.assertGreater(max(len(l) for l in text.splitlines()), 200)

    def test_ascii_ellipsis_outside_utf8_locale(self):
        text = self.show("--width", "80", SOLS, env=base_env(LC_ALL="C"))
        self.assertNotIn(ELLIPSIS, text)
        line = next(l for l in text.splitlines() if l.split()[:1] == ["CR.2.4"])
        self.assertTrue(line.endswith("..."), line)
        self.assertLessEqual(len(line), 80)

    def test_header(self):
        header = sections(self.show(SOLS))[0]
        fields = dict(re.match(r"(\w+):\s+(.*)$", line).groups() for line in header)
        self.assertEqual(fields, {
            "title": "Community Relations",
            "id": "sols-community-relations",
            "version": "2015-08-13",
            "publisher": "Southern Ontario Library Service",
            "elements": "42",
        })

    def test_scale_line(self):
        scales = sections(self.show(SOLS))[2]
        self.assertEqual(scales, [SOLS_SCALE_LINE])

    def test_depth_limits_the_tree(self):
        parts = sections(self.show("--depth", "1", SOLS))
        ids = [line.split()[0] for line in parts[1]]
        self.assertEqual(ids, ["CR"] + [f"CR.{n}" for n in range(1, 7)])
        self.assertEqual(parts[2], [SOLS_SCALE_LINE])
        roots = sections(self.show("--depth=0", SOLS))[1]
        self.assertEqual([line.split()[0] for line in roots], ["CR"])

    def test_options_after_the_operand_and_stdin(self):
        text = self.show("-", "--depth", "0", stdin=GOOD)
        self.assertIn("CR  Community Relations", text.splitlines())
        self.assertNotIn("CR.1", text)
        self.assertIn("scale proficiency: 1 Beginning, 2 Proficient*\n", text)

    def test_invalid_framework(self):
        path = self.dir / "unknown-key.yaml"
        proc = run("show", path)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(out(proc), "")
        self.assertDiagnostic(err(proc).splitlines()[0], path, UNKNOWN_KEY_AT)
        missing = self.dir / "missing.yaml"
        proc = run("show", missing)
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(err(proc).startswith(f"{missing}: error: "), err(proc))

    def test_usage_errors(self):
        for args in (["show"], ["show", SOLS, SOLS], ["show", "--width", "-1", SOLS],
                     ["show", "--depth", "x", SOLS], ["show", SOLS, "--width"],
                     ["show", "--wdith", "80", SOLS]):
            with self.subTest(args=args):
                proc = run(*args)
                self.assertEqual(proc.returncode, 2)
                self.assertEqual(out(proc), "")
                self.assertIn("Usage: competency show", err(proc))


class GlobalTest(CliTestCase):
    def test_help(self):
        for args in (["--help"], ["-h"], ["help"]):
            with self.subTest(args=args):
                proc = run(*args)
                self.assertEqual(proc.returncode, 0)
                self.assertTrue(out(proc).startswith("Usage: competency "), out(proc))
                self.assertIn("validate", out(proc))
                self.assertIn("show", out(proc))
                self.assertEqual(err(proc), "")

    def test_command_help(self):
        for cmd in ("validate", "show"):
            for args in (["help", cmd], [cmd, "--help"], [cmd, "-h"], [cmd, SOLS, "--help"]):
                with self.subTest(args=args):
                    proc = run(*args)
                    self.assertEqual(proc.returncode, 0)
                    self.assertTrue(out(proc).startswith(f"Usage: competency {cmd}"))
                    self.assertEqual(err(proc), "")

    def test_version(self):
        proc = run("--version")
        self.assertEqual(proc.returncode, 0)
        version = re.search(r'#define CF_VERSION_STRING "([^"]+)"',
                            HEADER.read_text(encoding="utf-8")).group(1)
        self.assertEqual(out(proc), f"competency {version}\n")

    def test_unknown_command_suggests(self):
        for typo, meant in (("shwo", "show"), ("valdate", "validate"), ("hlep", "help")):
            with self.subTest(typo=typo):
                proc = run(typo, SOLS)
                self.assertEqual(proc.returncode, 2)
                self.assertEqual(out(proc), "")
                first = err(proc).splitlines()[0]
                self.assertEqual(first, f"competency: unknown command '{typo}' "
                                        f"(did you mean '{meant}'?)")
                self.assertIn("Usage: competency", err(proc))

    def test_unknown_command_far_from_any(self):
        proc = run("frobnicate")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(err(proc).splitlines()[0], "competency: unknown command 'frobnicate'")
        proc = run("help", "frobnicate")
        self.assertEqual(proc.returncode, 2)

    def test_no_command_and_unknown_option(self):
        proc = run()
        self.assertEqual(proc.returncode, 2)
        self.assertIn("Usage: competency", err(proc))
        proc = run("--verison")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("(did you mean '--version'?)", err(proc))


class ColourTest(CliTestCase):
    def test_no_colour_when_piped(self):
        proc = run("validate", self.dir / "unknown-key.yaml", env=base_env(TERM="xterm"))
        self.assertEqual(proc.returncode, 1)
        self.assertNotIn(b"\x1b", proc.stderr)

    def test_colour_only_on_a_terminal_without_no_color(self):
        bad = self.dir / "unknown-key.yaml"
        code, data = run_on_terminal("validate", bad, env=base_env(TERM="xterm"))
        self.assertEqual(code, 1)
        self.assertIn(b"\x1b[", data)
        self.assertIn(b"error:", data)
        code, data = run_on_terminal("validate", bad,
                                     env=base_env(TERM="xterm", NO_COLOR="1"))
        self.assertEqual(code, 1)
        self.assertNotIn(b"\x1b", data)
        self.assertIn(f"{bad}:{UNKNOWN_KEY_AT[0]}:{UNKNOWN_KEY_AT[1]}: error: ".encode(),
                      data)


if __name__ == "__main__":
    unittest.main()
