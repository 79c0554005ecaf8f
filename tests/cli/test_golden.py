"""Golden-output tests of the report commands (docs/cli.md).

Every report command (score, gap, team, consolidate, progress) runs on the
sample data in examples/ in every format (text, json, csv, markdown, html),
and its standard output must match a file in tests/cli/golden/ byte for
byte. Run by ctest (label cli), or by hand from the repository root:

    COMPETENCY_BIN=build/competency python3 -m unittest tests/cli/test_golden.py

After a change to a report's layout, regenerate the files, then read each
changed one (git diff tests/cli/golden) before keeping it:

    CF_UPDATE_GOLDEN=1 python3 -m unittest tests/cli/test_golden.py
    python3 tests/cli/test_golden.py --update

Only the Python standard library is used.
"""

import difflib
import os
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_cli as cli  # noqa: E402  (the runner of test_cli.py)

ROOT = cli.ROOT
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CF_UPDATE_GOLDEN") == "1"

# Operands are relative to the repository root, where the commands run, so
# that nothing in the output depends on where the repository is.
SOLS = "frameworks/sols-community-relations.yaml"
BRANCH_MANAGER = "examples/profiles/branch-manager.yaml"
PROGRAMMING = "examples/profiles/programming-librarian.yaml"
PEOPLE = ["harriet-quill", "juniper-stacks", "omar-colophon", "priya-vellum",
          "tobias-ledger", "wren-folio"]


def sample(name):
    return f"examples/assessments/{name}.yaml"


MANAGERS = [sample(f"{person}-manager") for person in PEOPLE]
DIGITAL = "examples/frameworks/digital-services.yaml"
DIGITAL_PROFILE = "examples/frameworks/digital-services-profile.yaml"
DIGITAL_PEOPLE = ["examples/frameworks/digital-services-cal-patchwell.yaml",
                  "examples/frameworks/digital-services-ines-bitwright.yaml"]

# The formats and the extension of their golden files.
FORMATS = {"text": "txt", "json": "json", "csv": "csv", "markdown": "md",
           "html": "html"}

# Each command once on the sample team, in every format.
COMMANDS = {
    "score": ["score", SOLS, sample("harriet-quill-manager")],
    "gap": ["gap", SOLS, BRANCH_MANAGER, sample("harriet-quill-manager"),
            sample("wren-folio-manager")],
    "team": ["team", SOLS, BRANCH_MANAGER, *MANAGERS],
    "consolidate": ["consolidate", SOLS, sample("tobias-ledger-manager"),
                    sample("tobias-ledger-self"), sample("tobias-ledger-peer")],
    "progress": ["progress", SOLS, sample("harriet-quill-2025"),
                 sample("harriet-quill-manager"), "--profile", BRANCH_MANAGER],
}

# Options and other data, in text only.
VARIANTS = {
    "score-missing-zero.txt": ["score", "--missing", "zero", SOLS,
                               sample("omar-colophon-manager")],
    "gap-width-60.txt": ["gap", "--width", "60", SOLS, PROGRAMMING,
                         sample("juniper-stacks-manager")],
    "team-csv-input.txt": ["team", SOLS, PROGRAMMING,
                           "examples/assessments/team.csv"],
    "consolidate-weighted.txt": ["consolidate", "--weight", "manager=2",
                                 "--weight", "peer=1.5", "--threshold", "0.5",
                                 SOLS, sample("harriet-quill-manager"),
                                 sample("harriet-quill-self")],
    "progress-no-profile.txt": ["progress", SOLS, sample("juniper-stacks-2025"),
                                sample("juniper-stacks-manager")],
    "gap-digital-services.txt": ["gap", DIGITAL, DIGITAL_PROFILE, *DIGITAL_PEOPLE],
    # Ines Bitwright's file holds her manager's and her self assessment.
    "consolidate-digital-services.md": ["consolidate", "--format", "markdown",
                                        DIGITAL, DIGITAL_PEOPLE[1]],
}


def golden_env():
    """A fixed environment: UTF-8, no COLUMNS (80 columns), no colour."""
    return cli.base_env(NO_COLOR="1")


class GoldenTest(unittest.TestCase):
    def check(self, name, args):
        proc = cli.run(*args, env=golden_env(), cwd=ROOT)
        self.assertEqual(proc.returncode, 0, cli.err(proc))
        self.assertEqual(cli.err(proc), "")
        path = GOLDEN / name
        if UPDATE:
            GOLDEN.mkdir(exist_ok=True)
            path.write_bytes(proc.stdout)
            return
        self.assertTrue(path.is_file(),
                        f"{path} is missing: run with CF_UPDATE_GOLDEN=1")
        expected = path.read_bytes()
        if proc.stdout != expected:
            diff = difflib.unified_diff(
                expected.decode("utf-8").splitlines(keepends=True),
                cli.out(proc).splitlines(keepends=True),
                fromfile=str(path), tofile="competency " + " ".join(args))
            self.fail("output differs from the golden file "
                      "(CF_UPDATE_GOLDEN=1 regenerates it):\n"
                      + "".join(list(diff)[:80]))

    def test_every_command_in_every_format(self):
        for command, args in COMMANDS.items():
            for fmt, ext in FORMATS.items():
                with self.subTest(command=command, format=fmt):
                    self.check(f"{command}.{ext}", [*args, "--format", fmt])

    def test_variants(self):
        for name, args in VARIANTS.items():
            with self.subTest(name=name):
                self.check(name, args)

    def test_no_stray_golden_files(self):
        if UPDATE:
            self.skipTest("updating")
        known = {f"{c}.{e}" for c in COMMANDS for e in FORMATS.values()} | set(VARIANTS)
        present = {p.name for p in GOLDEN.iterdir() if not p.name.startswith(".")}
        self.assertEqual(present - known, set(), "golden files no test uses")


if __name__ == "__main__":
    if "--update" in sys.argv:
        sys.argv.remove("--update")
        UPDATE = True
    unittest.main()
