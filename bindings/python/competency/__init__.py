"""Competency frameworks, assessments and reports: libcompetency for Python.

Load a framework from YAML, rate people against it, and compare them with
the profile of a role::

    import competency

    fw = competency.Framework.load("frameworks/sols-community-relations.yaml")
    print(fw["CR.1.1"].title)
    wren = competency.Assessment(fw, "Wren Folio", {"CR.1.1": 2, "CR.6": "Advanced"})
    role = competency.Profile.load(fw, "examples/profiles/branch-manager.yaml")
    report = competency.GapReport(wren, role)
    print(f"fit {report.fit:.0%}", "ready" if report.ready else "not ready")
    print(report.render("text"))

The classes:

- Framework: a loaded framework; iterates over its Elements in pre-order,
  looks them up by id (``fw["CR.1.1"]``); Element, Scale and Level
  describe its parts.
- Assessment: the ratings of one person by one rater; Profile: what a role
  requires.
- Scores, GapReport, TeamReport, Consolidation and ProgressReport: the
  reports. Each has to_dict() (the JSON of docs/reports.md as Python
  objects), to_json() and render() (text, JSON, CSV, Markdown or HTML).
- TeamMatrix (profile.analyze_matrix(levels)): a team of thousands given
  as one dense float64 matrix of levels (numpy, array.array or any
  buffer), analysed in one C call; Framework.score_matrix scores such a
  matrix, Assessment.levels gives one person's row.
- Error: what every failing call raises (a ValueError), with the source,
  line and column of the problem.

Objects hold references to what they were made from, so they may be
dropped in any order: a report keeps its assessments and the framework
alive for as long as it is used.
"""

from __future__ import annotations

import array as _array
import json as _json
import math as _math
import os as _os
from collections.abc import Mapping as _Mapping
from typing import NamedTuple, Optional, Tuple

from . import _competency as _c

__all__ = [
    "Assessment",
    "Consolidation",
    "ConsolidationElement",
    "ConsolidationInput",
    "Element",
    "ElementScore",
    "Error",
    "Framework",
    "GapInput",
    "GapReport",
    "GapTarget",
    "Level",
    "Profile",
    "ProgressElement",
    "ProgressReport",
    "Scale",
    "Scores",
    "Target",
    "TeamMatrix",
    "TeamReport",
    "TeamTarget",
    "consolidate",
    "gap",
    "load",
    "loads",
    "progress",
    "score",
    "team",
    "team_matrix",
]

#: The version of the C library the extension is built with.
__version__: str = _c.version()


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class Error(ValueError):
    """An error reported by libcompetency: what failed and where.

    Raised by every call that fails: a file that cannot be read (code
    "CF_EIO"), YAML that is not well formed ("CF_ESYNTAX"), a document that
    is not valid ("CF_EINVALID"), input over a limit ("CF_ELIMIT"), or an
    invalid argument ("CF_EARG"). Running out of memory raises MemoryError
    instead.

    Attributes:
        message: the C library's message (cf_error.message): what was found
            and what was expected, without the place.
        code: the name of the C return code, e.g. "CF_EINVALID".
        source: the file name, or the name given to a text (loads() uses
            "<string>" unless told otherwise); "" when there is none.
        line: the 1-based line of the problem, 0 when it has no position.
        column: the 1-based column (in characters), 0 without a position.
        offset: the 0-based byte offset of the position.

    str(error) is exactly "source:line:column: message" when the error has
    a position (line > 0), "source: message" when it has a source but no
    position, and "message" when it has neither: the form the competency
    command prints, without its "error: " word. For example::

        demo.yaml:16:11: unknown key 'titel' in element 'CR.1' (did you mean 'title'?)
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "CF_EINVALID",
        source: str = "",
        line: int = 0,
        column: int = 0,
        offset: int = 0,
    ) -> None:
        self.message = message
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.offset = offset
        super().__init__(_error_text(message, source, line, column))

    def __reduce__(self):
        return (
            _rebuild_error,
            (
                type(self),
                self.message,
                self.code,
                self.source,
                self.line,
                self.column,
                self.offset,
            ),
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code!r}, "
            f"source={self.source!r}, line={self.line}, "
            f"column={self.column})"
        )


def _error_text(message: str, source: str, line: int, column: int) -> str:
    if line > 0:
        return f"{source}:{line}:{column}: {message}"
    if source:
        return f"{source}: {message}"
    return message


def _rebuild_error(cls, message, code, source, line, column, offset):
    return cls(
        message,
        code=code,
        source=source,
        line=line,
        column=column,
        offset=offset,
    )


_c._set_error_class(Error)


def _argument_error(message: str) -> Error:
    return Error(message, code="CF_EARG")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _number(value: float) -> Optional[float]:
    """A C double with NaN meaning "no value" as a float or None."""
    return None if _math.isnan(value) else value


def _extensions(handle) -> dict:
    return {
        handle.extension_key(i): handle.extension_value(i)
        for i in range(handle.extension_count())
    }


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _check(value, cls, what: str):
    if not isinstance(value, cls):
        raise TypeError(
            f"{what} must be a competency.{cls.__name__}, "
            f"not {type(value).__name__}"
        )
    return value._h


def _element_id(element) -> str:
    if isinstance(element, Element):
        return element.id
    if isinstance(element, str):
        return element
    raise TypeError(
        f"an element must be a competency.Element or an id (str), "
        f"not {type(element).__name__}"
    )


_MISSING = {"skip": _c.MISSING_SKIP, "zero": _c.MISSING_ZERO}
_FORMATS = {"auto": _c.FORMAT_AUTO, "yaml": _c.FORMAT_YAML, "csv": _c.FORMAT_CSV}


def _choice(table: dict, value: str, what: str) -> int:
    try:
        return table[value]
    except (KeyError, TypeError):
        names = ", ".join(repr(name) for name in table)
        raise _argument_error(
            f"unknown {what} {value!r}: expected one of {names}"
        ) from None


def _path(path) -> str:
    return _os.fsdecode(_os.fspath(path))


# ---------------------------------------------------------------------------
# Frameworks and their parts
# ---------------------------------------------------------------------------



class _Handle:
    """A Python object over a handle of the C module (which holds the C
    references that keep what it points into alive)."""

    __slots__ = ("_h",)

    @classmethod
    def _wrap(cls, handle):
        obj = object.__new__(cls)
        obj._h = handle
        return obj


class Framework(_Handle):
    """A competency framework loaded from YAML (docs/format.md).

    Make one with Framework.load(path) or Framework.loads(text). A framework
    is immutable. It is a sequence of its elements in pre-order (a parent
    before its children, siblings in file order) and a mapping from element
    id to element::

        len(fw)             # how many elements
        for el in fw: ...   # every element, in pre-order
        fw["CR.1.1"]        # by id: KeyError (with a suggestion) if absent
        fw[0]               # by pre-order index
        "CR.1.1" in fw      # whether the id exists
    """

    __slots__ = ()

    def __init__(self, *args, **kwargs) -> None:
        """Not for scripts: use Framework.load(path) or Framework.loads(text)."""
        raise TypeError(
            "make a Framework with Framework.load(path) or " "Framework.loads(text)"
        )


    @classmethod
    def load(cls, path) -> Framework:
        """Loads the framework in the YAML file at path (a str or os.PathLike).

        Raises Error for a file that cannot be read or is not a valid
        framework; the error's source is the path.
        """
        return cls._wrap(_c.framework_load(_path(path)))

    @classmethod
    def loads(cls, text, source: str = "<string>") -> Framework:
        """Loads a framework from YAML text (a str, or bytes as UTF-8).

        source names the text in errors (Error.source and str(error)).
        """
        return cls._wrap(_c.framework_loads(text, source))

    @property
    def id(self) -> str:
        """The framework's id."""
        return self._h.id()

    @property
    def title(self) -> str:
        """The framework's title."""
        return self._h.title()

    @property
    def version(self) -> Optional[str]:
        """The version the file gives, or None."""
        return self._h.version()

    @property
    def publisher(self) -> Optional[str]:
        """The publisher the file gives, or None."""
        return self._h.publisher()

    @property
    def language(self) -> Optional[str]:
        """The language the file gives (e.g. "en"), or None."""
        return self._h.language()

    @property
    def description(self) -> Optional[str]:
        """The description the file gives, or None."""
        return self._h.description()

    @property
    def source(self) -> str:
        """The file name (or text name) the framework was loaded from."""
        return self._h.source()

    @property
    def hierarchy(self) -> Tuple[str, ...]:
        """The kind names of the `hierarchy` key, one per depth from 0."""
        h = self._h
        return tuple(h.hierarchy_name(d) for d in range(h.hierarchy_count()))

    @property
    def extensions(self) -> dict:
        """The `x-` keys of the framework as a dict of str to str."""
        return _extensions(self._h)

    @property
    def roots(self) -> list:
        """The top-level elements, in file order."""
        h = self._h
        return [Element._wrap(h.root(i)) for i in range(h.root_count())]

    @property
    def scales(self) -> list:
        """The scales, in file order."""
        h = self._h
        return [Scale._wrap(h.scale(i)) for i in range(h.scale_count())]

    @property
    def default_scale(self) -> Scale:
        """The scale of the elements that name none."""
        return Scale._wrap(self._h.default_scale())

    def scale(self, id: str) -> Scale:
        """The scale with this id; KeyError when there is none."""
        handle = self._h.find_scale(id)
        if handle is None:
            raise KeyError(f"no scale {id!r} in framework {self.id!r}")
        return Scale._wrap(handle)

    def get(self, id: str, default=None):
        """The element with this id, or default when there is none."""
        handle = self._h.find(id) if isinstance(id, str) else None
        return default if handle is None else Element._wrap(handle)

    def score_matrix(
        self,
        levels,
        people: Optional[int] = None,
        *,
        missing: str = "skip",
        threads: int = 1,
    ) -> memoryview:
        """Scores many people at once (cf_scores_compute_matrix).

        levels: one row per person, one column per element (pre-order),
        NaN unrated, as for TeamMatrix (a float64 buffer or a list of
        rows); people: the number of rows, None for as many as the levels
        hold. Returns the normalised scores (0 to 1, NaN unscored) as a
        read-only memoryview of format 'd' and shape (people, len(self)):
        what Scores(...).normalized gives per element, row by row.
        """
        levels, people, threads = _matrix_args(self, levels, people, threads)
        data = self._h._score_matrix(
            levels, people, _choice(_MISSING, missing, "missing policy"), threads
        )
        width = self._h.element_count()
        return _matrix_view(data, len(data) // 8 // width if width else 0, width)

    def suggest(self, id: str) -> Optional[str]:
        """The element id closest to a misspelt one, or None (cf_suggest)."""
        return self._h.suggest(id)

    def __len__(self) -> int:
        """The number of elements."""
        return self._h.element_count()

    def __iter__(self):
        """The elements, in pre-order."""
        h = self._h
        for i in range(h.element_count()):
            yield Element._wrap(h.element(i))

    def __getitem__(self, key):
        """fw["CR.1"] by id (KeyError if absent), fw[3] by pre-order index."""
        if isinstance(key, str):
            handle = self._h.find(key)
            if handle is None:
                message = f"no element {key!r} in framework {self.id!r}"
                near = self._h.suggest(key)
                if near is not None:
                    message += f" (did you mean {near!r}?)"
                raise KeyError(message)
            return Element._wrap(handle)
        if isinstance(key, int) and not isinstance(key, bool):
            count = self._h.element_count()
            index = key + count if key < 0 else key
            if not 0 <= index < count:
                raise IndexError(
                    f"element index {key} out of range for {count} elements"
                )
            return Element._wrap(self._h.element(index))
        raise TypeError(
            f"elements are looked up by id (str) or index (int), "
            f"not {type(key).__name__}"
        )

    def __contains__(self, item) -> bool:
        """Whether an id (str) or an Element belongs to the framework."""
        if isinstance(item, Element):
            return item.framework == self
        return isinstance(item, str) and self._h.find(item) is not None

    def __eq__(self, other) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return self._h.identity() == other._h.identity()

    def __hash__(self) -> int:
        return hash(self._h.identity())

    def __repr__(self) -> str:
        return (
            f"<Framework {self.id!r} ({_shorten(self.title)}), "
            f"{len(self)} elements, from {self.source!r}>"
        )


class Element(_Handle):
    """One element of a framework: a competency, a skill, a behaviour...

    Elements come from a Framework (iteration, fw[id], fw.roots) and from
    other elements (parent, children). Two Element objects are equal when
    they are the same element of the same framework.
    """

    __slots__ = ()

    def __init__(self, *args, **kwargs) -> None:
        """Not for scripts: elements come from a Framework."""
        raise TypeError("elements come from a Framework: fw['CR.1'], iter(fw)")


    @property
    def id(self) -> str:
        """The element's id, unique in its framework."""
        return self._h.id()

    @property
    def title(self) -> str:
        """The element's title."""
        return self._h.title()

    @property
    def description(self) -> Optional[str]:
        """The element's description, or None."""
        return self._h.description()

    @property
    def kind(self) -> Optional[str]:
        """Its `kind` key, else its depth's hierarchy name, else None."""
        return self._h.kind()

    @property
    def depth(self) -> int:
        """0 for a top-level element, its parent's depth + 1 otherwise."""
        return self._h.depth()

    @property
    def index(self) -> int:
        """Its position in the framework's pre-order (fw[index] is it)."""
        return self._h.index()

    @property
    def parent(self) -> Optional[Element]:
        """Its parent, or None for a top-level element."""
        handle = self._h.parent()
        return None if handle is None else Element._wrap(handle)

    @property
    def children(self) -> list:
        """Its children, in file order."""
        h = self._h
        return [Element._wrap(h.child(i)) for i in range(h.child_count())]

    def _relation(self, kind: int) -> list:
        h = self._h
        return [Element._wrap(h.relation(kind, i)) for i in range(h.relation_count(kind))]

    @property
    def related(self) -> list:
        """Elements loosely related to this one (YAML `related`)."""
        return self._relation(0)

    @property
    def exact_match(self) -> list:
        """Elements that mean the same as this one (YAML `exact_match`)."""
        return self._relation(1)

    @property
    def precedes(self) -> list:
        """Elements this one comes before (YAML `precedes`)."""
        return self._relation(2)

    @property
    def replaced_by(self) -> list:
        """Elements that supersede this one (YAML `replaced_by`)."""
        return self._relation(3)

    @property
    def descendants(self) -> list:
        """Every element below it, in pre-order."""
        h = self._h
        fw = h.framework()
        return [
            Element._wrap(fw.element(i)) for i in range(h.index() + 1, h.subtree_end())
        ]

    @property
    def weight(self) -> float:
        """Its weight in its parent's rollup (1 unless the file says)."""
        return self._h.weight()

    @property
    def rollup(self) -> str:
        """How its score derives from its children's: mean, min or max."""
        return self._h.rollup()

    @property
    def scale(self) -> Scale:
        """Its effective scale: its own, else its nearest ancestor's, else
        the framework's default."""
        return Scale._wrap(self._h.scale())

    @property
    def framework(self) -> Framework:
        """The framework it belongs to."""
        return Framework._wrap(self._h.framework())

    @property
    def extensions(self) -> dict:
        """The `x-` keys of the element as a dict of str to str."""
        return _extensions(self._h)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Element):
            return NotImplemented
        return bool(self._h.same(other._h))

    def __hash__(self) -> int:
        return hash((self._h.framework().identity(), self._h.index()))

    def __repr__(self) -> str:
        return f"<Element {self.id} {_shorten(self.title)!r}>"


class Scale(_Handle):
    """A rating scale: levels from lowest to highest value.

    len(scale) is its number of levels; iterating gives them lowest first;
    scale["Proficient"] or scale[3] finds a level by label or value.
    """

    __slots__ = ()

    def __init__(self, *args, **kwargs) -> None:
        """Not for scripts: scales come from a Framework or an Element."""
        raise TypeError("scales come from a Framework or an Element")


    @property
    def id(self) -> str:
        """The scale's id."""
        return self._h.id()

    @property
    def title(self) -> str:
        """The scale's title (its id when the file gives none)."""
        return self._h.title()

    @property
    def description(self) -> Optional[str]:
        """The scale's description, or None."""
        return self._h.description()

    @property
    def index(self) -> int:
        """Its position among the framework's scales."""
        return self._h.index()

    @property
    def levels(self) -> list:
        """The levels, lowest value first."""
        h = self._h
        return [Level._wrap(h.level(i)) for i in range(h.level_count())]

    @property
    def proficient(self) -> Level:
        """The level that counts as competent."""
        return Level._wrap(self._h.proficient())

    @property
    def framework(self) -> Framework:
        """The framework the scale belongs to."""
        return Framework._wrap(self._h.framework())

    def normalize(self, value: float) -> float:
        """A value in level units as a share of the scale, 0 to 1."""
        return self._h.normalize(value)

    def denormalize(self, share: float) -> float:
        """A share of the scale (0 to 1) in level units."""
        return self._h.denormalize(share)

    def __len__(self) -> int:
        """The number of levels."""
        return self._h.level_count()

    def __iter__(self):
        """The levels, lowest value first."""
        h = self._h
        for i in range(h.level_count()):
            yield Level._wrap(h.level(i))

    def __getitem__(self, key) -> Level:
        """The level with this label (str) or value (number); KeyError."""
        if isinstance(key, str):
            handle = self._h.find_label(key)
        elif isinstance(key, (int, float)) and not isinstance(key, bool):
            handle = self._h.find_value(float(key))
        else:
            raise TypeError(
                f"levels are looked up by label (str) or value (number), "
                f"not {type(key).__name__}"
            )
        if handle is None:
            labels = ", ".join(
                f"{_format_level(level.value)} {level.label}" for level in self
            )
            raise KeyError(f"no level {key!r} on scale {self.id!r} (levels: {labels})")
        return Level._wrap(handle)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Scale):
            return NotImplemented
        return (self.framework, self.index) == (other.framework, other.index)

    def __hash__(self) -> int:
        return hash((self.framework, self.index))

    def __repr__(self) -> str:
        levels = ", ".join(
            f"{_format_level(level.value)} {level.label}" for level in self
        )
        return f"<Scale {self.id!r}: {levels}>"


def _format_level(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class Level(_Handle):
    """One level of a scale: a value, a label and a description."""

    __slots__ = ()

    def __init__(self, *args, **kwargs) -> None:
        """Not for scripts: levels come from a Scale."""
        raise TypeError("levels come from a Scale")


    @property
    def value(self) -> float:
        """The level's value (what ratings and targets give)."""
        return self._h.value()

    @property
    def label(self) -> str:
        """The level's label, e.g. "Proficient"."""
        return self._h.label()

    @property
    def description(self) -> Optional[str]:
        """The level's description, or None."""
        return self._h.description()

    @property
    def index(self) -> int:
        """Its position in its scale, lowest first."""
        return self._h.index()

    @property
    def scale(self) -> Scale:
        """The scale it belongs to."""
        return Scale._wrap(self._h.scale())

    def __eq__(self, other) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return (self.scale, self.index) == (other.scale, other.index)

    def __hash__(self) -> int:
        return hash((self.scale, self.index))

    def __repr__(self) -> str:
        return f"<Level {_format_level(self.value)} {self.label!r}>"


# ---------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------


def _level_arg(level):
    """A level given by a script as a float value or a str label."""
    if isinstance(level, Level):
        return level.value
    if isinstance(level, str):
        return level
    if isinstance(level, (int, float)) and not isinstance(level, bool):
        return float(level)
    raise TypeError(
        f"a level must be a number (its value), a str (its label) or a "
        f"competency.Level, not {type(level).__name__}"
    )


class Assessment(_Handle):
    """The ratings of one person (the subject) by one rater at one moment.

    Build one in a single call from a dict of ratings, element id to level
    (a level value, a label such as "Proficient", or a Level)::

        a = Assessment(fw, "Wren Folio", {"CR.1.1": 2, "CR.3": "Proficient"},
                       rater="Celeste Marginalia", role="manager",
                       date="2026-03-19")

    or load every assessment of a YAML or CSV file with Assessment.load().
    Ratings are checked against the framework (the id exists, the level is
    on the element's scale, nothing is rated twice): a bad one raises Error
    and rates nothing.
    """

    __slots__ = ()

    def __init__(
        self,
        framework: Framework,
        subject: str,
        ratings=None,
        *,
        rater: Optional[str] = None,
        role: Optional[str] = None,
        date: Optional[str] = None,
    ) -> None:
        handle = _c.assessment_new(_check(framework, Framework, "framework"), subject)
        if rater is not None:
            handle.set_rater(rater)
        if role is not None:
            handle.set_role(role)
        if date is not None:
            handle.set_date(date)
        self._h = handle
        if ratings:
            self.rate_many(ratings)


    @classmethod
    def from_dict(
        cls,
        framework: Framework,
        subject: str,
        ratings,
        *,
        rater: Optional[str] = None,
        role: Optional[str] = None,
        date: Optional[str] = None,
    ) -> Assessment:
        """Assessment(framework, subject, ratings, ...) by another name."""
        return cls(framework, subject, ratings, rater=rater, role=role, date=date)

    @classmethod
    def load(cls, framework: Framework, path, format: str = "auto") -> list:
        """Every assessment in a YAML or CSV file, as a list in file order.

        format: "auto" (CSV for a .csv name, else YAML), "yaml" or "csv".
        """
        handle = _check(framework, Framework, "framework")
        found = _c.assessments_load(
            handle, _path(path), _choice(_FORMATS, format, "format")
        )
        return [cls._wrap(found.get(i)) for i in range(found.count())]

    @classmethod
    def loads(
        cls,
        framework: Framework,
        text,
        source: str = "<string>",
        format: str = "yaml",
    ) -> list:
        """Every assessment in YAML or CSV text, as a list.

        source names the text in errors; format is "yaml" or "csv".
        """
        handle = _check(framework, Framework, "framework")
        found = _c.assessments_loads(
            handle, text, source, _choice(_FORMATS, format, "format")
        )
        return [cls._wrap(found.get(i)) for i in range(found.count())]

    @property
    def framework(self) -> Framework:
        """The framework the assessment rates against."""
        return Framework._wrap(self._h.framework())

    @property
    def subject(self) -> str:
        """Who is assessed."""
        return self._h.subject()

    @property
    def rater(self) -> Optional[str]:
        """Who rated, or None. Settable."""
        return self._h.rater()

    @rater.setter
    def rater(self, value: Optional[str]) -> None:
        self._h.set_rater(value)

    @property
    def role(self) -> Optional[str]:
        """The rater's role ("self", "manager", "peer", ...), or None.
        Settable."""
        return self._h.role()

    @role.setter
    def role(self, value: Optional[str]) -> None:
        self._h.set_role(value)

    @property
    def date(self) -> Optional[str]:
        """When, as YYYY-MM-DD, or None. Settable (checked)."""
        return self._h.date()

    @date.setter
    def date(self, value: Optional[str]) -> None:
        self._h.set_date(value)

    @property
    def source(self) -> Optional[str]:
        """The file it was loaded from, None when built in Python."""
        return self._h.source()

    @property
    def line(self) -> int:
        """The line where it starts in its file, 0 when built in Python."""
        return self._h.line()

    @property
    def extensions(self) -> dict:
        """The `x-` keys of a YAML assessment as a dict of str to str."""
        return _extensions(self._h)

    @property
    def ratings(self) -> dict:
        """The ratings as a dict of element id to level value, in
        framework order."""
        h = self._h
        fw = h.framework()
        out = {}
        for i in range(fw.element_count()):
            level = h.level(i)
            if not _math.isnan(level):
                out[fw.element(i).id()] = level
        return out

    @property
    def notes(self) -> dict:
        """The notes of the ratings that have one: element id to text."""
        h = self._h
        fw = h.framework()
        out = {}
        for i in range(fw.element_count()):
            note = h.note(i)
            if note is not None:
                out[fw.element(i).id()] = note
        return out

    @property
    def levels(self) -> _array.array:
        """Every element's level in pre-order (as fw[i]), NaN where
        unrated, as an array.array('d'): the assessment's row of the
        matrix that TeamMatrix and Framework.score_matrix take."""
        return _doubles(self._h._levels_bytes())

    @property
    def rated_count(self) -> int:
        """How many elements are rated."""
        return self._h.rated_count()

    def level(self, element) -> Optional[float]:
        """The rating of an element (an Element or an id), None if unrated."""
        index = self.framework[_element_id(element)].index
        return _number(self._h.level(index))

    def note(self, element) -> Optional[str]:
        """The note of an element's rating, or None."""
        index = self.framework[_element_id(element)].index
        return self._h.note(index)

    def rate(self, element, level, note: Optional[str] = None) -> None:
        """Rates one element (an Element or an id) at a level: a value, a
        label or a Level, with an optional note."""
        element_id = _element_id(element)
        value = _level_arg(level)
        if isinstance(value, str):
            self._h.rate_label(element_id, value, note)
        else:
            self._h.rate(element_id, value, note)

    def rate_many(self, ratings) -> None:
        """Rates many elements in one call: a dict of element (or id) to
        level, or an iterable of (element, level) pairs. All or nothing:
        on an error nothing is rated, and the message names the pair
        ("rating 2 of 5: ...")."""
        items = ratings.items() if isinstance(ratings, _Mapping) else ratings
        pairs = [(_element_id(el), _level_arg(level)) for el, level in items]
        self._h.rate_batch(pairs)

    def score(self, *, missing: str = "skip") -> Scores:
        """The scores of every element (see Scores)."""
        return Scores(self, missing=missing)

    def gap(self, profile: Profile, *, missing: str = "skip") -> GapReport:
        """The gap report against a profile (see GapReport)."""
        return GapReport(self, profile, missing=missing)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._h.identity() == other._h.identity()

    def __hash__(self) -> int:
        return hash(self._h.identity())

    def __repr__(self) -> str:
        by = ""
        if self.rater is not None:
            by += f" by {self.rater!r}"
        if self.role is not None:
            by += f" ({self.role})"
        if self.date is not None:
            by += f" on {self.date}"
        return (
            f"<Assessment of {self.subject!r}{by}: "
            f"{self.rated_count} ratings against {self.framework.id!r}>"
        )


# ---------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------


class Target(NamedTuple):
    """A target of a profile: the element must reach level."""

    element: Element
    level: float
    importance: float
    critical: bool


class Profile(_Handle):
    """What a role requires: target levels on elements of a framework.

    Build one from a dict of element id to target: a level (value, label
    or Level), a tuple (level, importance[, critical]), or a dict with the
    keys of the file format (level, importance, critical)::

        role = Profile(fw, "branch-manager", {
            "CR.1": (3, 2),
            "CR.1.1": {"level": "Proficient", "importance": 3, "critical": True},
            "CR.4": "Developing",
        }, title="Branch Manager")

    or load one from a YAML file with Profile.load() (one profile per file).
    Iterating gives its Targets in order.
    """

    __slots__ = ()

    def __init__(
        self,
        framework: Framework,
        id: str,
        targets=None,
        *,
        title: Optional[str] = None,
    ) -> None:
        self._h = _c.profile_new(_check(framework, Framework, "framework"), id, title)
        if targets:
            items = targets.items() if isinstance(targets, _Mapping) else targets
            for element, target in items:
                self._add(element, target)


    @classmethod
    def from_dict(
        cls,
        framework: Framework,
        id: str,
        targets,
        *,
        title: Optional[str] = None,
    ) -> Profile:
        """Profile(framework, id, targets, title=...) by another name."""
        return cls(framework, id, targets, title=title)

    @classmethod
    def load(cls, framework: Framework, path) -> Profile:
        """Loads the profile in the YAML file at path."""
        handle = _check(framework, Framework, "framework")
        return cls._wrap(_c.profile_load(handle, _path(path)))

    @classmethod
    def loads(cls, framework: Framework, text, source: str = "<string>") -> Profile:
        """Loads a profile from YAML text; source names it in errors."""
        handle = _check(framework, Framework, "framework")
        return cls._wrap(_c.profile_loads(handle, text, source))

    def _add(self, element, target) -> None:
        importance, critical = 1.0, False
        if isinstance(target, _Mapping):
            unknown = set(target) - {"level", "importance", "critical"}
            if unknown or "level" not in target:
                raise _argument_error(
                    f"a target is a dict with the keys level, importance "
                    f"and critical (level required), not {dict(target)!r}"
                )
            level = target["level"]
            importance = target.get("importance", 1.0)
            critical = target.get("critical", False)
        elif isinstance(target, tuple):
            if not 1 <= len(target) <= 3:
                raise _argument_error(
                    f"a target tuple is (level, importance, critical), "
                    f"not {target!r}"
                )
            level, importance, critical = target + (None, 1.0, False)[len(target) :]
        else:
            level = target
        self.add_target(element, level, importance, critical)

    def add_target(
        self,
        element,
        level,
        importance: float = 1.0,
        critical: bool = False,
    ) -> None:
        """Adds a target: element (an Element or an id) must reach level
        (a value, a label or a Level); importance > 0 weighs it in the fit
        and the priorities; a critical target unmet makes a person not
        ready."""
        element_id = _element_id(element)
        value = _level_arg(level)
        if isinstance(value, str):
            self._h.add_target_label(
                element_id, value, float(importance), bool(critical)
            )
        else:
            self._h.add_target(element_id, value, float(importance), bool(critical))

    def analyze_matrix(
        self,
        levels,
        people: Optional[int] = None,
        *,
        missing: str = "skip",
        threads: int = 1,
    ) -> TeamMatrix:
        """Analyses people given as one dense matrix of levels, one row
        each (one column per element of the framework, NaN unrated), in
        one C call: see TeamMatrix. levels: a C-contiguous float64
        buffer (numpy array, array.array('d'), memoryview) or a list of
        rows."""
        return TeamMatrix(self, levels, people, missing=missing, threads=threads)

    @property
    def id(self) -> str:
        """The profile's id."""
        return self._h.id()

    @property
    def title(self) -> Optional[str]:
        """The profile's title, or None."""
        return self._h.title()

    @property
    def description(self) -> Optional[str]:
        """The profile's description, or None."""
        return self._h.description()

    @property
    def framework(self) -> Framework:
        """The framework the profile's targets are elements of."""
        return Framework._wrap(self._h.framework())

    @property
    def extensions(self) -> dict:
        """The `x-` keys of the profile as a dict of str to str."""
        return _extensions(self._h)

    @property
    def targets(self) -> list:
        """The targets, in the order given."""
        return list(self)

    def to_yaml(self) -> str:
        """The profile as a YAML profile document (docs/format.md),
        written by the C library through libyaml's emitter:
        Profile.loads(self.framework, p.to_yaml()) gives the same profile.
        Raises competency.Error for a profile without targets."""
        return self._h.to_yaml()

    def dumps(self) -> str:
        """The profile as YAML text, the inverse of Profile.loads: the same
        as to_yaml()."""
        return self._h.to_yaml()

    def __len__(self) -> int:
        """The number of targets."""
        return self._h.target_count()

    def __iter__(self):
        """The targets, in the order given."""
        h = self._h
        for i in range(h.target_count()):
            yield Target(
                Element._wrap(h.target_element(i)),
                h.target_level(i),
                h.target_importance(i),
                bool(h.target_critical(i)),
            )

    def __eq__(self, other) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return self._h.identity() == other._h.identity()

    def __hash__(self) -> int:
        return hash(self._h.identity())

    def __repr__(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"<Profile {self.id!r}{title}: {len(self)} targets>"


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


class _Report(_Handle):
    """What every report has: JSON, a dict, and rendering for people."""

    __slots__ = ()


    def to_json(self, pretty: bool = False) -> str:
        """The report as the JSON of docs/reports.md, written by the C
        library: compact on one line, or indented when pretty."""
        return self._h.to_json(1 if pretty else 0)

    def to_dict(self) -> dict:
        """The report as plain Python objects: json.loads(self.to_json()),
        so keys and values are exactly those of docs/reports.md (null is
        None, whole numbers are ints)."""
        return _json.loads(self._h.to_json(0))

    def render(
        self,
        format: str = "text",
        width: int = 80,
        *,
        color: bool = False,
        pretty: bool = True,
    ) -> str:
        """The report for people, as the competency command writes it.

        format: "text" (aligned tables, fitting width columns; width at
        least 20), "json" (indented when pretty), "csv", "markdown" or
        "html" (one self-contained page with SVG charts). color adds ANSI
        colours to text. Ends with a line feed.
        """
        if isinstance(width, bool) or not isinstance(width, int) or width < 0:
            raise _argument_error(f"width must be a whole number, not {width!r}")
        return self._h.render(format, width, 1 if color else 0, 1 if pretty else 0)


class ElementScore(NamedTuple):
    """The score of one element (a row of a scores report)."""

    element: Element
    #: The score in level units, None when unscored.
    score: Optional[float]
    #: The score as a share of the element's scale, None when unscored.
    normalized: Optional[float]
    #: "rated", "derived" or "unscored".
    source: str
    #: The weight share of the element's subtree that is scored, 0 to 1.
    coverage: float


class Scores(_Report):
    """The score of every element of one assessment (cf_scores_compute).

    An element's score is its rating if it has one, else the rollup of its
    scored children, else none. scores["CR.1"] gives an element's
    ElementScore; iterating gives the scored elements in framework order.
    missing: "skip" leaves unscored children out of a rollup, "zero" counts
    them as the bottom of their scale.
    """

    __slots__ = ()

    def __init__(self, assessment: Assessment, *, missing: str = "skip") -> None:
        self._h = _c.scores_compute(
            _check(assessment, Assessment, "assessment"),
            _choice(_MISSING, missing, "missing policy"),
        )

    @property
    def assessment(self) -> Assessment:
        """The assessment scored."""
        return Assessment._wrap(self._h.assessment())

    def _row(self, element: Element) -> ElementScore:
        h, i = self._h, element.index
        return ElementScore(
            element,
            _number(h.value(i)),
            _number(h.normalized(i)),
            h.source(i),
            h.coverage(i),
        )

    def __getitem__(self, element) -> ElementScore:
        """The ElementScore of an element (an Element or an id)."""
        return self._row(self.assessment.framework[_element_id(element)])

    def __iter__(self):
        """The ElementScores of the scored elements, framework order."""
        for element in self.assessment.framework:
            row = self._row(element)
            if row.source != "unscored":
                yield row

    def __len__(self) -> int:
        """The number of scored elements."""
        h = self._h
        fw = h.assessment().framework()
        return sum(1 for i in range(fw.element_count()) if h.source(i) != "unscored")

    def __repr__(self) -> str:
        a = self.assessment
        return (
            f"<Scores of {a.subject!r}: {len(self)} of "
            f"{len(a.framework)} elements scored>"
        )


class GapInput(NamedTuple):
    """One input of a target's achievement (the explanation as data)."""

    element: Element
    #: Its score in level units of its own scale, None when unscored.
    score: Optional[float]
    #: Its weight in the framework.
    weight: float
    #: Its share of the target's achievement, 0 to 1.
    share: float


class GapTarget(NamedTuple):
    """One target of a gap report: required, achieved, gap and why."""

    element: Element
    #: "met", "unmet" or "unassessed".
    status: str
    required: float
    required_normalized: float
    #: None when unassessed (likewise the three after it).
    achieved: Optional[float]
    achieved_normalized: Optional[float]
    #: required - achieved: positive is a shortfall.
    gap: Optional[float]
    gap_normalized: Optional[float]
    importance: float
    critical: bool
    #: How the achievement came about, for people to read.
    explanation: str
    inputs: Tuple[GapInput, ...]


class GapReport(_Report):
    """One person against one profile (cf_gap_analyze).

    Per target: what is required, what was achieved, the gap and why
    (targets, in the profile's order). Overall: fit (0 to 1), ready (every
    critical target met) and priorities (the targets not met, most
    important first).
    """

    __slots__ = ()

    def __init__(
        self,
        assessment: Assessment,
        profile: Profile,
        *,
        missing: str = "skip",
    ) -> None:
        self._h = _c.gap_analyze(
            _check(assessment, Assessment, "assessment"),
            _check(profile, Profile, "profile"),
            _choice(_MISSING, missing, "missing policy"),
        )

    @property
    def assessment(self) -> Assessment:
        """The assessment analysed."""
        return Assessment._wrap(self._h.assessment())

    @property
    def profile(self) -> Profile:
        """The profile it was compared with."""
        return Profile._wrap(self._h.profile())

    @property
    def subject(self) -> str:
        """Who was assessed."""
        return self._h.assessment().subject()

    @property
    def fit(self) -> float:
        """0 to 1: the importance-weighted share of the required levels
        achieved; 1 when every target is met."""
        return self._h.fit()

    @property
    def ready(self) -> bool:
        """Whether every critical target is met."""
        return bool(self._h.ready())

    def _target(self, t: int) -> GapTarget:
        h = self._h
        inputs = tuple(
            GapInput(
                Element._wrap(h.input_element(t, k)),
                _number(h.input_score(t, k)),
                h.input_weight(t, k),
                h.input_share(t, k),
            )
            for k in range(h.input_count(t))
        )
        return GapTarget(
            Element._wrap(h.element(t)),
            h.status(t),
            h.required(t),
            h.required_normalized(t),
            _number(h.achieved(t)),
            _number(h.achieved_normalized(t)),
            _number(h.gap(t)),
            _number(h.gap_normalized(t)),
            h.importance(t),
            bool(h.critical(t)),
            h.explanation(t),
            inputs,
        )

    @property
    def targets(self) -> list:
        """Every target, in the profile's order."""
        return [self._target(t) for t in range(self._h.target_count())]

    @property
    def priorities(self) -> list:
        """The targets not met (unmet or unassessed), most important
        first: by importance times normalised gap."""
        h = self._h
        return [self._target(h.priority(k)) for k in range(h.priority_count())]

    def target(self, element) -> GapTarget:
        """The target on an element (an Element or an id); KeyError."""
        element_id = _element_id(element)
        h = self._h
        for t in range(h.target_count()):
            if h.element(t).id() == element_id:
                return self._target(t)
        raise KeyError(f"{element_id!r} is not a target of {self.profile.id!r}")

    def explanation(self, element) -> str:
        """Why a target achieved what it did, in words."""
        return self.target(element).explanation

    def __len__(self) -> int:
        """The number of targets."""
        return self._h.target_count()

    def __iter__(self):
        """The GapTargets, in the profile's order."""
        return iter(self.targets)

    def __repr__(self) -> str:
        ready = "ready" if self.ready else "not ready"
        return (
            f"<GapReport of {self.subject!r} against {self.profile.id!r}: "
            f"fit {self.fit:.0%}, {ready}, "
            f"{self._h.priority_count()} targets not met>"
        )


class TeamTarget(NamedTuple):
    """One target of a team report: the team's bench strength on it."""

    element: Element
    #: How many people have a score there.
    assessed: int
    #: Mean, lowest and highest achievement, None when nobody is assessed.
    mean: Optional[float]
    min: Optional[float]
    max: Optional[float]
    #: How many people meet it.
    meeting: int
    #: Whether at most one person meets it.
    single_point_of_failure: bool


def _assessment_set(assessments):
    found = _c.assessments_new()
    for a in assessments:
        found.add(_check(a, Assessment, "each assessment"))
    return found


class TeamReport(_Report):
    """Several people (one assessment each) against one profile
    (cf_team_analyze): bench strength per target, each person's gap
    report, and a ranking by fit."""

    __slots__ = ()

    def __init__(self, assessments, profile: Profile, *, missing: str = "skip") -> None:
        self._h = _c.team_analyze(
            _assessment_set(assessments),
            _check(profile, Profile, "profile"),
            _choice(_MISSING, missing, "missing policy"),
        )

    @property
    def profile(self) -> Profile:
        """The profile everyone was compared with."""
        return Profile._wrap(self._h.profile())

    @property
    def targets(self) -> list:
        """Every target with the team's numbers, in the profile's order."""
        h = self._h
        return [
            TeamTarget(
                Element._wrap(h.element(t)),
                h.assessed(t),
                _number(h.mean(t)),
                _number(h.min(t)),
                _number(h.max(t)),
                h.meeting(t),
                bool(h.single_point(t)),
            )
            for t in range(h.target_count())
        ]

    @property
    def people(self) -> list:
        """Each person's GapReport, in the order given."""
        h = self._h
        return [GapReport._wrap(h.person(i)) for i in range(h.person_count())]

    @property
    def ranking(self) -> list:
        """Each person's GapReport, best candidate first (fit descending,
        ties by subject)."""
        h = self._h
        return [GapReport._wrap(h.person(h.rank(k))) for k in range(h.person_count())]

    def __len__(self) -> int:
        """The number of people."""
        return self._h.person_count()

    def __repr__(self) -> str:
        h = self._h
        text = f"<TeamReport of {h.person_count()} people against {self.profile.id!r}"
        if h.person_count():
            best = h.person(h.rank(0))
            text += f": best {best.assessment().subject()!r} " f"(fit {best.fit():.0%})"
        return text + ">"


# ---------------------------------------------------------------------------
# Dense team analysis: many people at once
# ---------------------------------------------------------------------------


def _count(value, what: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _argument_error(
            f"{what} must be a whole number, {minimum} or more, not {value!r}"
        )
    return value


def _matrix_args(framework: Framework, levels, people, threads):
    """levels as something with the buffer protocol (a list or tuple of
    rows or of numbers becomes an array.array('d'), None meaning unrated),
    people as the C binding's count (0: as many rows as the levels hold),
    and threads checked."""
    people = 0 if people is None else _count(people, "people", minimum=1)
    threads = _count(threads, "threads", minimum=0)
    if isinstance(levels, (list, tuple)):
        width = len(framework)
        flat = _array.array("d")
        nan = float("nan")
        for r, row in enumerate(levels):
            if isinstance(row, (list, tuple)):
                if len(row) != width:
                    raise _argument_error(
                        f"levels: row {r} has {len(row)} levels, not one per "
                        f"element ({width})"
                    )
                flat.extend(nan if x is None else float(x) for x in row)
            else:
                flat.append(nan if row is None else float(row))
        levels = flat
    return levels, people, threads


def _doubles(data: bytes) -> _array.array:
    found = _array.array("d")
    found.frombytes(data)
    return found


def _matrix_view(data: bytes, rows: int, columns: int) -> memoryview:
    view = memoryview(data)
    if rows == 0 or columns == 0:
        return view.cast("d")
    return view.cast("d", (rows, columns))


class TeamMatrix:
    """A team analysed from a dense matrix of levels, many people at once
    (cf_team_matrix_analyze): the numbers of a TeamReport, for thousands
    of people, without a gap report per person.

    levels: one row per person, one column per element of the profile's
    framework (in pre-order, as fw[i]), NaN where unrated: any
    C-contiguous float64 buffer (a numpy array of shape (people,
    len(fw)), an array.array('d'), a memoryview of either), read in place
    during the call; a list of rows (None unrated) is copied first.
    people: the number of rows, None to take as many as the levels hold
    (their length must be a multiple of len(fw)). missing: "skip" or
    "zero", as everywhere. threads: how many threads may share the work (1,
    the default: the calling thread only; 0: one per processor); the
    results are the same whatever the number.

    Person i is row i. Per person: fit(i), ready(i), achieved_at(i, t),
    status(i, t), and in bulk fits, readiness, achieved and
    achieved_matrix(). Per target (in the profile's order): targets, as
    TeamReport's TeamTarget. ranking: the rows, best fit first.

    A numpy user gets arrays without copies::

        fits = numpy.frombuffer(report.fits)            # or asarray
        achieved = numpy.asarray(report.achieved_matrix())

    Raises TypeError for levels that are not float64 (array('f'),
    bytes, a list of str), ValueError for a buffer that is not
    C-contiguous, and Error (code "CF_EARG") for a length that is not
    people x len(fw) or (code "CF_EINVALID") for a level outside its
    element's scale, naming the row and the element.
    """

    __slots__ = ("_h",)

    def __init__(
        self,
        profile: Profile,
        levels,
        people: Optional[int] = None,
        *,
        missing: str = "skip",
        threads: int = 1,
    ) -> None:
        handle = _check(profile, Profile, "profile")
        levels, people, threads = _matrix_args(
            profile.framework, levels, people, threads
        )
        self._h = _c.team_matrix_analyze(
            handle,
            levels,
            people,
            _choice(_MISSING, missing, "missing policy"),
            threads,
        )

    def _person(self, i: int) -> int:
        count = self._h.person_count()
        if isinstance(i, bool) or not isinstance(i, int):
            raise TypeError(f"a person is a row index (int), not {type(i).__name__}")
        index = i + count if i < 0 else i
        if not 0 <= index < count:
            raise IndexError(f"row {i} out of range for {count} people")
        return index

    def _target(self, t) -> int:
        count = self._h.target_count()
        if isinstance(t, int) and not isinstance(t, bool):
            index = t + count if t < 0 else t
            if not 0 <= index < count:
                raise IndexError(f"target {t} out of range for {count} targets")
            return index
        element_id = _element_id(t)
        for index in range(count):
            if self._h.element(index).id() == element_id:
                return index
        raise KeyError(f"{element_id!r} is not a target of {self.profile.id!r}")

    @property
    def profile(self) -> Profile:
        """The profile everyone was compared with."""
        return Profile._wrap(self._h.profile())

    @property
    def people(self) -> int:
        """The number of people (rows)."""
        return self._h.person_count()

    @property
    def fits(self) -> _array.array:
        """Every row's fit (0 to 1), as an array.array('d') (one copy)."""
        return _doubles(self._h._fits_bytes())

    @property
    def readiness(self) -> list:
        """Every row's readiness (every critical target met), as bools."""
        h = self._h
        return [bool(h.ready(i)) for i in range(h.person_count())]

    @property
    def achieved(self) -> _array.array:
        """Every achieved level, people x targets row-major (row i's
        target t at i * len(targets) + t), NaN where unassessed, as an
        array.array('d') (one copy)."""
        return _doubles(self._h._achieved_bytes())

    def achieved_matrix(self) -> memoryview:
        """The achieved levels as a read-only memoryview of format 'd' and
        shape (people, targets): m[i, t], m.tolist(), numpy.asarray(m)."""
        h = self._h
        return _matrix_view(h._achieved_bytes(), h.person_count(), h.target_count())

    def fit(self, i: int) -> float:
        """Row i's fit, 0 to 1."""
        return self._h.fit(self._person(i))

    def ready(self, i: int) -> bool:
        """Whether row i meets every critical target."""
        return bool(self._h.ready(self._person(i)))

    def achieved_at(self, i: int, t) -> Optional[float]:
        """Row i's achieved level on target t (an index in the profile, an
        Element or an id), None when unassessed."""
        return _number(self._h.achieved(self._person(i), self._target(t)))

    def achieved_row(self, i: int) -> _array.array:
        """Row i's achieved levels, one per target (NaN unassessed)."""
        h, i = self._h, self._person(i)
        return _array.array("d", (h.achieved(i, t) for t in range(h.target_count())))

    def status(self, i: int, t) -> str:
        """Row i's status on target t: "met", "unmet" or "unassessed"."""
        return self._h.status(self._person(i), self._target(t))

    def target(self, t) -> TeamTarget:
        """The team's numbers on target t (an index, an Element or an id)."""
        h, t = self._h, self._target(t)
        return TeamTarget(
            Element._wrap(h.element(t)),
            h.assessed(t),
            _number(h.mean(t)),
            _number(h.min(t)),
            _number(h.max(t)),
            h.meeting(t),
            bool(h.single_point(t)),
        )

    @property
    def targets(self) -> list:
        """Every target with the team's numbers, in the profile's order
        (TeamTarget, as TeamReport.targets)."""
        return [self.target(t) for t in range(self._h.target_count())]

    @property
    def ranking(self) -> list:
        """The rows, best candidate first (fit descending, ties by row)."""
        h = self._h
        return [h.rank(k) for k in range(h.person_count())]

    def to_dict(self) -> dict:
        """The report as plain Python objects, shaped as a team report's
        to_dict() where they share keys ("report" is "team_matrix"):
        targets as there; people as {"row", "fit", "ready", "achieved",
        "status"} (achieved None where unassessed); ranking as rows."""
        h = self._h
        profile = h.profile()
        targets = [target._asdict() for target in self.targets]
        for entry in targets:
            entry["element"] = entry["element"].id
        count = h.target_count()
        people = []
        for i in range(h.person_count()):
            people.append(
                {
                    "row": i,
                    "fit": h.fit(i),
                    "ready": bool(h.ready(i)),
                    "achieved": [_number(h.achieved(i, t)) for t in range(count)],
                    "status": [h.status(i, t) for t in range(count)],
                }
            )
        return {
            "report": "team_matrix",
            "framework": profile.framework().id(),
            "profile": {"id": profile.id(), "title": profile.title()},
            "targets": targets,
            "people": people,
            "ranking": self.ranking,
        }

    def __len__(self) -> int:
        """The number of people (rows)."""
        return self._h.person_count()

    def __repr__(self) -> str:
        h = self._h
        count = h.person_count()
        text = (
            f"<TeamMatrix of {count} {'person' if count == 1 else 'people'} "
            f"against {self.profile.id!r}"
        )
        if h.person_count():
            best = h.rank(0)
            text += f": best row {best} (fit {h.fit(best):.0%})"
        return text + ">"


class ConsolidationInput(NamedTuple):
    """One rater's assessment in a consolidation, with its role weight."""

    assessment: Assessment
    weight: float


class ConsolidationElement(NamedTuple):
    """One element of a consolidation: the raters' levels merged."""

    element: Element
    #: The role-weighted mean of the ratings, level units.
    level: float
    #: How many raters rated it.
    raters: int
    #: Highest minus lowest rating.
    spread: float
    #: The self rating, None when there is none.
    self: Optional[float]
    #: The role-weighted mean of the other raters, None when none.
    others: Optional[float]
    #: self - others, None when either is missing.
    self_minus_others: Optional[float]
    #: "blind_spot", "hidden_strength" or "none".
    flag: str


class Consolidation(_Report):
    """Several raters' assessments of one person merged into one
    (cf_consolidate, the 360 view).

    role_weights: a dict of role to weight (> 0; a role not listed weighs
    1). threshold: the level difference that flags a blind spot (self above
    others) or a hidden strength (others above self); 0 means the default,
    1 level.
    """

    __slots__ = ()

    def __init__(
        self,
        assessments,
        *,
        role_weights: Optional[_Mapping] = None,
        threshold: float = 1.0,
    ) -> None:
        found = _assessment_set(assessments)
        options = _c.consolidate_options_new(float(threshold))
        for role, weight in (role_weights or {}).items():
            options.add(role, float(weight))
        self._h = _c.consolidate(found, options)

    @property
    def assessment(self) -> Assessment:
        """The consolidated assessment (its levels need not be levels of
        the scale)."""
        return Assessment._wrap(self._h.assessment())

    @property
    def subject(self) -> str:
        """The person."""
        return self._h.assessment().subject()

    @property
    def inputs(self) -> list:
        """The assessments consolidated, in the order given, with their
        role weights."""
        h = self._h
        return [
            ConsolidationInput(Assessment._wrap(h.input(i)), h.input_weight(i))
            for i in range(h.input_count())
        ]

    def _row(self, element: Element, merged) -> ConsolidationElement:
        h, i = self._h, element.index
        return ConsolidationElement(
            element,
            merged.level(i),
            h.raters(i),
            h.spread(i),
            _number(h.self_level(i)),
            _number(h.others(i)),
            _number(h.self_minus_others(i)),
            h.flag(i),
        )

    @property
    def elements(self) -> list:
        """The elements at least one rater rated, in framework order."""
        merged = self._h.assessment()
        return [
            self._row(element, merged)
            for element in self.assessment.framework
            if self._h.raters(element.index) > 0
        ]

    def __getitem__(self, element) -> ConsolidationElement:
        """The ConsolidationElement of a rated element; KeyError if nobody
        rated it."""
        found = self.assessment.framework[_element_id(element)]
        if self._h.raters(found.index) == 0:
            raise KeyError(f"nobody rated {found.id!r}")
        return self._row(found, self._h.assessment())

    def __len__(self) -> int:
        """The number of elements somebody rated."""
        return len(self.elements)

    def __iter__(self):
        """The ConsolidationElements, in framework order."""
        return iter(self.elements)

    def __repr__(self) -> str:
        rows = self.elements
        flags = [row.flag for row in rows]
        return (
            f"<Consolidation of {self.subject!r} from "
            f"{self._h.input_count()} assessments: {len(rows)} elements, "
            f"{flags.count('blind_spot')} blind spots, "
            f"{flags.count('hidden_strength')} hidden strengths>"
        )


class ProgressElement(NamedTuple):
    """One element of a progress report: its score before and after."""

    element: Element
    #: The scores in level units, None when unscored then.
    before: Optional[float]
    after: Optional[float]
    #: after - before, None when either is None.
    change: Optional[float]
    #: "improved", "declined", "unchanged" or "unscored".
    trend: str


class ProgressReport(_Report):
    """Two assessments of one person compared (cf_progress_analyze): per
    element the score before and after; with a profile, the fit before and
    after."""

    __slots__ = ()

    def __init__(
        self,
        before: Assessment,
        after: Assessment,
        profile: Optional[Profile] = None,
        *,
        missing: str = "skip",
    ) -> None:
        self._h = _c.progress_analyze(
            _check(before, Assessment, "before"),
            _check(after, Assessment, "after"),
            None if profile is None else _check(profile, Profile, "profile"),
            _choice(_MISSING, missing, "missing policy"),
        )

    @property
    def before(self) -> Assessment:
        """The earlier assessment."""
        return Assessment._wrap(self._h.before_assessment())

    @property
    def after(self) -> Assessment:
        """The later assessment."""
        return Assessment._wrap(self._h.after_assessment())

    @property
    def subject(self) -> str:
        """The person."""
        return self._h.after_assessment().subject()

    @property
    def profile(self) -> Optional[Profile]:
        """The profile given, or None."""
        handle = self._h.profile()
        return None if handle is None else Profile._wrap(handle)

    @property
    def fit_before(self) -> Optional[float]:
        """The fit before, None without a profile."""
        return _number(self._h.fit_before())

    @property
    def fit_after(self) -> Optional[float]:
        """The fit after, None without a profile."""
        return _number(self._h.fit_after())

    @property
    def fit_change(self) -> Optional[float]:
        """fit_after - fit_before, None without a profile."""
        return _number(self._h.fit_after() - self._h.fit_before())

    @property
    def elements(self) -> list:
        """The elements scored before, after or both, framework order."""
        h = self._h
        rows = []
        for element in self.after.framework:
            i = element.index
            before, after = _number(h.before(i)), _number(h.after(i))
            if before is None and after is None:
                continue
            rows.append(
                ProgressElement(
                    element, before, after, _number(h.change(i)), h.trend(i)
                )
            )
        return rows

    def __len__(self) -> int:
        """The number of elements scored before, after or both."""
        return len(self.elements)

    def __iter__(self):
        """The ProgressElements, in framework order."""
        return iter(self.elements)

    def __repr__(self) -> str:
        text = f"<ProgressReport of {self.subject!r}"
        before, after = self.before.date, self.after.date
        if before or after:
            text += f" from {before or '?'} to {after or '?'}"
        if self.profile is not None:
            text += (
                f", fit for {self.profile.id!r} {self.fit_before:.0%} -> "
                f"{self.fit_after:.0%}"
            )
        return text + f": {len(self)} elements>"


# ---------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------


def load(path) -> Framework:
    """Framework.load(path): the framework in a YAML file."""
    return Framework.load(path)


def loads(text, source: str = "<string>") -> Framework:
    """Framework.loads(text, source): a framework from YAML text."""
    return Framework.loads(text, source)


def score(assessment: Assessment, *, missing: str = "skip") -> Scores:
    """Scores(assessment, missing=...): every element's score."""
    return Scores(assessment, missing=missing)


def gap(
    assessment: Assessment, profile: Profile, *, missing: str = "skip"
) -> GapReport:
    """GapReport(assessment, profile, missing=...): one person against a
    profile."""
    return GapReport(assessment, profile, missing=missing)


def team(assessments, profile: Profile, *, missing: str = "skip") -> TeamReport:
    """TeamReport(assessments, profile, missing=...): several people
    against a profile."""
    return TeamReport(assessments, profile, missing=missing)


def consolidate(
    assessments,
    *,
    role_weights: Optional[_Mapping] = None,
    threshold: float = 1.0,
) -> Consolidation:
    """Consolidation(assessments, role_weights=..., threshold=...): one
    person's raters merged."""
    return Consolidation(assessments, role_weights=role_weights, threshold=threshold)


def progress(
    before: Assessment,
    after: Assessment,
    profile: Optional[Profile] = None,
    *,
    missing: str = "skip",
) -> ProgressReport:
    """ProgressReport(before, after, profile, missing=...): two assessments
    of one person compared."""
    return ProgressReport(before, after, profile, missing=missing)


def team_matrix(
    profile: Profile,
    levels,
    people: Optional[int] = None,
    *,
    missing: str = "skip",
    threads: int = 1,
) -> TeamMatrix:
    """TeamMatrix(profile, levels, people, missing=..., threads=...): a
    dense matrix of people's levels against a profile."""
    return TeamMatrix(profile, levels, people, missing=missing, threads=threads)
