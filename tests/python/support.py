"""Shared paths and helpers of the Python binding's tests (tests/python).

ctest runs each test_*.py with PYTHONPATH set to the build tree's package
and CF_SOURCE_DIR to the source tree (bindings/python/CMakeLists.txt);
COMPETENCY_BIN names the command-line tool when it is built.
"""

import json
import os
import subprocess
import unittest
from pathlib import Path

import competency

SOURCE_DIR = Path(os.environ.get("CF_SOURCE_DIR", Path(__file__).resolve().parents[2]))
FRAMEWORK = SOURCE_DIR / "frameworks" / "sols-community-relations.yaml"
EXAMPLES = SOURCE_DIR / "examples"
PROFILE = EXAMPLES / "profiles" / "branch-manager.yaml"
ASSESSMENTS = EXAMPLES / "assessments"
WREN = ASSESSMENTS / "wren-folio-manager.yaml"
TEAM = sorted(ASSESSMENTS.glob("*-manager.yaml"))
BAD = SOURCE_DIR / "tests" / "data" / "bad"
COMPETENCY_BIN = os.environ.get("COMPETENCY_BIN", "")

# A small framework: two areas on one three-level scale.
SMALL = """\
framework:
  id: tiny
  title: Tiny framework
  scales:
    - id: three
      levels:
        - {value: 1, label: Low}
        - {value: 2, label: Mid}
        - {value: 3, label: High}
      proficient: 2
  elements:
    - id: A
      title: Area A
      children:
        - {id: A.1, title: First skill}
        - {id: A.2, title: Second skill, weight: 2}
    - id: B
      title: Area B
"""


def sols():
    """The SOLS framework, loaded."""
    return competency.Framework.load(FRAMEWORK)


def load_one(fw, path):
    """The only assessment in a file."""
    found = competency.Assessment.load(fw, path)
    assert len(found) == 1, path
    return found[0]


def cli_json(*args):
    """What the competency command prints with --format json, parsed."""
    out = subprocess.run(
        [COMPETENCY_BIN, *args[:1], "--format", "json", *map(str, args[1:])],
        check=True,
        capture_output=True,
        text=True,
        cwd=SOURCE_DIR,
    ).stdout
    return json.loads(out)


def needs_cli(test):
    """Skips a test when the command-line tool is not built."""
    return unittest.skipUnless(
        COMPETENCY_BIN and os.path.exists(COMPETENCY_BIN),
        "COMPETENCY_BIN is not set (the command-line tool is not built)",
    )(test)
