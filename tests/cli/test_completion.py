"""Tests of the bash completion script, tools/competency.bash-completion.

Run by ctest (label cli) as `python3 -m unittest`, or by hand:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_completion.py

The script is sourced into a plain `bash --norc`, COMP_WORDS and
COMP_CWORD are set as bash sets them, and COMPREPLY is read back after
calling the completion function. The script's tables of commands and
options are checked against every command's --help, so they cannot go
stale. Needs bash; only the Python standard library is used.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("CF_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BIN = Path(os.environ.get("COMPETENCY_BIN") or ROOT / "build" / "competency")
SCRIPT = ROOT / "tools" / "competency.bash-completion"
BASH = shutil.which("bash")

REPORT_FORMATS = ["text", "json", "csv", "markdown", "html"]

# Calls the completion function on the words given as arguments, the last
# one being completed, and prints COMPREPLY, one NUL-terminated word each.
COMPLETE = r"""
source "$0" || exit 99
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_competency || exit 98
for word in "${COMPREPLY[@]}"; do printf '%s\0' "$word"; done
"""

# Prints the output of one of the script's table functions.
CALL = 'source "$0" || exit 99; "$@"'


def bash(code, *args, cwd=None):
    proc = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", code, str(SCRIPT), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        timeout=60, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"bash exited {proc.returncode}: "
                             f"{proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8")


def complete(*words, cwd=None):
    """COMPREPLY for `competency WORDS...`, the last word being completed."""
    text = bash(COMPLETE, "competency", *words, cwd=cwd)
    return [w for w in text.split("\0") if w]


def table(function, *args):
    """The words a table function of the script prints."""
    return bash(CALL, function, *args).split()


def help_text(*args):
    proc = subprocess.run([str(BIN), *args, "--help"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"{args} --help exited {proc.returncode}")
    return proc.stdout.decode("utf-8")


def section(text, title):
    """The lines of a help's section, from its title to a blank line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()),
               len(lines))
    return lines[start:end]


def help_commands():
    """The commands `competency --help` lists, less `help` itself."""
    names = [line.split()[0] for line in section(help_text(), "Commands:")]
    return [name for name in names if name != "help"]


def help_options(*command):
    """Each option of a help's Options section: {option: metavar or None}.

    An option line starts with `-x, --long METAVAR` (or `      --long ...`)
    and its description follows after two spaces or more; continuation
    lines start with a word, not a dash.
    """
    options = {}
    for line in section(help_text(*command), "Options:"):
        head = re.split(r"\s{2,}", line.strip())[0]
        if not head.startswith("-"):
            continue
        names = re.findall(r"(?:^|, )(--?[A-Za-z][\w-]*)", head)
        rest = head.split(names[-1], 1)[1].strip()
        for name in names:
            options[name] = rest or None
    return options


@unittest.skipIf(BASH is None, "bash is not installed")
class CompletionTest(unittest.TestCase):
    def test_script_is_valid_bash(self):
        proc = subprocess.run([BASH, "-n", str(SCRIPT)], stderr=subprocess.PIPE,
                              check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_commands(self):
        self.assertEqual(complete("te"), ["team"])
        self.assertEqual(sorted(complete("co")), ["consolidate", "convert"])
        self.assertEqual(sorted(complete("")),
                         sorted(help_commands() + ["help"]))

    def test_program_options(self):
        self.assertEqual(sorted(complete("--")), ["--help", "--version"])

    def test_help_takes_a_command(self):
        self.assertEqual(complete("help", "ga"), ["gap"])
        self.assertEqual(complete("help", "gap", ""), [])

    def test_command_options(self):
        self.assertEqual(complete("team", "--f"), ["--format"])
        self.assertEqual(sorted(complete("consolidate", "--w")),
                         ["--weight", "--width"])
        self.assertEqual(complete("gap", "--fail"), ["--fail-unready"])
        # After operands and other options alike.
        self.assertEqual(complete("team", "-o", "out.html", "fw.yaml", "--in"),
                         ["--input-format"])

    def test_formats(self):
        self.assertEqual(complete("team", "--format", ""), REPORT_FORMATS)
        self.assertEqual(complete("score", "-f", "m"), ["markdown"])
        self.assertEqual(complete("diff", "--format", ""), ["text", "json"])
        self.assertEqual(complete("convert", "--to", ""),
                         ["yaml", "case-json", "moodle-csv"])
        self.assertEqual(complete("convert", "-f", "c"), ["case-json"])
        self.assertEqual(complete("team", "--input-format", ""), ["yaml", "csv"])
        self.assertEqual(complete("gap", "--missing", ""), ["skip", "zero"])

    def test_option_equals_value(self):
        # bash splits "--format=js" at "=" (COMP_WORDBREAKS) ...
        self.assertEqual(complete("team", "--format", "=", "js"), ["json"])
        self.assertEqual(complete("team", "--format", "="), REPORT_FORMATS)
        # ... unless "=" was taken out of COMP_WORDBREAKS.
        self.assertEqual(complete("team", "--input-format=c"),
                         ["--input-format=csv"])

    def test_every_value_offered_is_accepted(self):
        """Each word offered after an option is a value the command takes."""
        for command in help_commands():
            for option in help_options(command):
                for value in complete(command, option, ""):
                    if "/" in value or os.path.exists(value):
                        continue  # a file name, not a word of the script
                    proc = subprocess.run([str(BIN), command, option, value],
                                          stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, timeout=60,
                                          check=False)
                    self.assertNotIn(b"invalid value", proc.stderr,
                                     f"{command} {option} {value}")

    def test_operands_are_data_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ["a.yaml", "b.CSV", "c.json", "d.yml", "notes.txt"]:
                Path(tmp, name).write_text("x\n", encoding="utf-8")
            Path(tmp, "sub").mkdir()
            self.assertEqual(sorted(complete("team", "", cwd=tmp)),
                             ["a.yaml", "b.CSV", "c.json", "d.yml", "sub"])
            self.assertEqual(complete("validate", "a", cwd=tmp), ["a.yaml"])
            # -o takes any file; after "--" everything is an operand.
            self.assertIn("notes.txt", complete("team", "-o", "", cwd=tmp))
            self.assertEqual(complete("team", "--", "--f", cwd=tmp), [])
            self.assertEqual(complete("gap", "--width", "", cwd=tmp), [])

    def test_tables_match_the_help(self):
        """The script's commands and options are those of the --help."""
        self.assertEqual(sorted(table("_competency_commands")),
                         sorted(help_commands() + ["help"]))
        self.assertEqual(sorted(table("_competency_options", "")),
                         sorted(help_options()))
        for command in help_commands():
            with self.subTest(command=command):
                self.assertEqual(sorted(table("_competency_options", command)),
                                 sorted(help_options(command)))

    def test_value_kinds_match_the_help(self):
        """An option with a METAVAR in its help takes a value in the
        script, and one without takes none."""
        for command in help_commands():
            for option, metavar in help_options(command).items():
                with self.subTest(command=command, option=option):
                    kind = table("_competency_value", command, option)
                    if metavar is None:
                        self.assertEqual(kind, ["none"])
                    else:
                        self.assertNotEqual(kind, ["none"])


if __name__ == "__main__":
    unittest.main()
