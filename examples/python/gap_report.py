#!/usr/bin/env python3
"""A gap report from Python: one person against the profile of a role.

    examples/python/gap_report.py [FRAMEWORK PROFILE ASSESSMENT]

Without arguments it reports on the sample data: Wren Folio against the
Branch Manager profile of the SOLS Community Relations framework. It
prints the fit and readiness, each target with what was required and
achieved, and what to work on first, with the reasons the library gives.
Run it from anywhere once the competency package is importable (installed,
or PYTHONPATH=build/bindings/python from the top of the source tree).
"""

import sys
import textwrap
from pathlib import Path

import competency

TOP = Path(__file__).resolve().parents[2]
DEFAULTS = (
    TOP / "frameworks" / "sols-community-relations.yaml",
    TOP / "examples" / "profiles" / "branch-manager.yaml",
    TOP / "examples" / "assessments" / "wren-folio-manager.yaml",
)


def number(value):
    """A level for people: "-" for none, no trailing zeros."""
    return "-" if value is None else f"{value:.3g}"


def main(argv):
    if len(argv) not in (1, 4):
        print(f"usage: {argv[0]} [FRAMEWORK PROFILE ASSESSMENT]", file=sys.stderr)
        return 2
    framework_path, profile_path, assessment_path = (
        argv[1:] if len(argv) == 4 else DEFAULTS
    )
    try:
        fw = competency.Framework.load(framework_path)
        role = competency.Profile.load(fw, profile_path)
        people = competency.Assessment.load(fw, assessment_path)
    except competency.Error as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    for person in people:
        report = competency.GapReport(person, role)
        print(
            f"{report.subject} against {role.title or role.id}: "
            f"fit {report.fit:.0%}, {'ready' if report.ready else 'NOT READY'}"
        )
        print()
        print(f"  {'target':<8} {'required':>8} {'achieved':>8} {'gap':>6}  status")
        for t in report.targets:
            mark = "!" if t.critical else " "
            print(
                f"{mark} {t.element.id:<8} {number(t.required):>8} "
                f"{number(t.achieved):>8} {number(t.gap):>6}  {t.status}"
            )
        print()
        if report.priorities:
            print("Work on, most important first:")
            for rank, t in enumerate(report.priorities, 1):
                print(
                    textwrap.fill(
                        f"{rank}. {t.element.id} {t.element.title}",
                        width=79,
                        initial_indent="  ",
                        subsequent_indent="     ",
                    )
                )
                print(
                    textwrap.fill(
                        t.explanation,
                        width=79,
                        initial_indent="     ",
                        subsequent_indent="     ",
                    )
                )
        else:
            print("Every target is met.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
