#!/usr/bin/env python3
"""A text heat map of a team against the profile of a role.

    examples/python/team_heatmap.py [FRAMEWORK PROFILE ASSESSMENT...]

Without arguments it maps the sample team (examples/assessments/
*-manager.yaml) against the Branch Manager profile of the SOLS Community
Relations framework. One row per target of the profile, one column per
person (best fit first). Each cell is the level the person achieved and a
mark for how close it comes to the required level:

    #  met     +  nearly (short by a quarter of the scale or less)
    -  short   .  far short     ?  not assessed

The last column counts the people who meet the target (bench strength);
"!" marks a target met by one person or nobody (a single point of
failure). The last rows give each person's fit and readiness.
"""

import sys
from pathlib import Path

import competency

TOP = Path(__file__).resolve().parents[2]
COLUMN = 8  # characters per person


def mark(target):
    """How close one person comes to one target of their gap report."""
    if target.status == "unassessed":
        return "?"
    if target.status == "met":
        return "#"
    if target.gap_normalized <= 0.25:
        return "+"
    if target.gap_normalized <= 0.5:
        return "-"
    return "."


def cell(target):
    value = "" if target.achieved is None else f"{target.achieved:.3g}"
    return f"{value:>{COLUMN - 2}} {mark(target)}"


def column_names(people):
    """Each person's first name, or as much of the name as tells them apart."""
    first = [p.subject.split()[0] for p in people]
    names = first if len(set(first)) == len(first) else [p.subject for p in people]
    return [name[: COLUMN - 1] for name in names]


def heat_map(team):
    """The heat map of a TeamReport, as a list of lines."""
    people = team.ranking
    rows = [
        f"{'Target':<8}{'Req':>4}"
        + "".join(name.rjust(COLUMN) for name in column_names(people))
        + "  Meet"
    ]
    for t, ((element, level, _, critical), row) in enumerate(
        zip(team.profile, team.targets)
    ):
        label = element.id + ("*" if critical else "")
        cells = "".join(cell(p.targets[t]) for p in people)
        alone = "!" if row.single_point_of_failure else ""
        rows.append(f"{label:<8}{level:>4.3g}{cells}  {row.meeting:>3}{alone}")
    rows.append(f"{'Fit':<12}" + "".join(f"{p.fit:>{COLUMN - 2}.0%}  " for p in people))
    rows.append(
        f"{'Ready':<12}"
        + "".join(f"{'yes' if p.ready else 'no':>{COLUMN - 2}}  " for p in people)
    )
    return [row.rstrip() for row in rows]


def main(argv):
    if len(argv) == 1:
        framework_path = TOP / "frameworks" / "sols-community-relations.yaml"
        profile_path = TOP / "examples" / "profiles" / "branch-manager.yaml"
        assessment_paths = sorted(
            (TOP / "examples" / "assessments").glob("*-manager.yaml")
        )
    elif len(argv) >= 4:
        framework_path, profile_path, *assessment_paths = argv[1:]
    else:
        print(f"usage: {argv[0]} [FRAMEWORK PROFILE ASSESSMENT...]", file=sys.stderr)
        return 2
    try:
        fw = competency.Framework.load(framework_path)
        role = competency.Profile.load(fw, profile_path)
        people = [
            a for path in assessment_paths for a in competency.Assessment.load(fw, path)
        ]
        team = competency.TeamReport(people, role)
    except competency.Error as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    print(f"{role.title or role.id}: {len(team)} people, best fit first")
    print()
    for line in heat_map(team):
        print(line)
    print()
    print("# met  + nearly  - short  . far short  ? not assessed  * critical target")
    print("Meet: how many meet the target; ! met by one person or nobody")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
