"""`cmake --install` puts the package where its interpreter imports it.

Labelled install as well as python (ctest -LE install skips it): it
installs this build twice, into a temporary prefix and below a DESTDIR,
and imports the package from there in a fresh interpreter.
"""

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from support import FRAMEWORK

CMAKE = os.environ.get("CF_CMAKE", "")
BUILD_DIR = os.environ.get("CF_BUILD_DIR", "")
SITEARCH = os.environ.get("CF_PYTHON_INSTALL_DIR", "")
PREFIX = os.environ.get("CF_INSTALL_PREFIX", "")
FILES = {
    "__init__.py",
    "__init__.pyi",
    "py.typed",
    "_competency.py",
}


def install(*args, destdir=None):
    env = {k: v for k, v in os.environ.items() if k != "DESTDIR"}
    if destdir is not None:
        env["DESTDIR"] = destdir
    subprocess.run(
        [CMAKE, "--install", BUILD_DIR, *args], check=True, capture_output=True, env=env
    )


def import_from(site, cwd):
    """Imports competency with only site added to the path; returns where
    it came from and what it loaded."""
    code = (
        "import competency, sys\n"
        "fw = competency.Framework.load(sys.argv[1])\n"
        "print(competency.__file__)\n"
        "print(fw['CR.1.1'].id, len(fw))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run(
        [sys.executable, "-c", code, str(FRAMEWORK)],
        check=True,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    ).stdout
    return out.splitlines()


@unittest.skipUnless(
    CMAKE and BUILD_DIR and SITEARCH and PREFIX,
    "run by ctest, which names cmake and the build",
)
class InstallTest(unittest.TestCase):
    def check_package(self, site, cwd):
        package = Path(site) / "competency"
        names = {p.name for p in package.iterdir()}
        self.assertTrue(FILES <= names, names)
        self.assertTrue(
            any(n.startswith("_competency_ext.") and n.endswith(".so") for n in names),
            names,
        )
        where, loaded = import_from(site, cwd)
        self.assertEqual(Path(where).resolve(), (package / "__init__.py").resolve())
        self.assertEqual(loaded, "CR.1.1 42")

    def test_configured_prefix_goes_to_the_interpreters_site_packages(self):
        with tempfile.TemporaryDirectory() as destdir:
            install(destdir=destdir)
            site = (
                Path(destdir + SITEARCH)
                if os.path.isabs(SITEARCH)
                else Path(destdir + PREFIX) / SITEARCH
            )
            self.check_package(site, destdir)

    def test_another_prefix_keeps_the_package_below_it(self):
        with tempfile.TemporaryDirectory() as prefix:
            install("--prefix", prefix)
            found = [
                p.parent.parent for p in Path(prefix).rglob("competency/__init__.py")
            ]
            self.assertEqual(len(found), 1, found)
            self.assertTrue(found[0].is_relative_to(prefix))
            self.check_package(found[0], prefix)


if __name__ == "__main__":
    unittest.main()
