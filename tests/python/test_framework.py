"""Frameworks, elements, scales and levels through the Python binding."""

import os
import pathlib
import unittest

import competency
from support import FRAMEWORK, SMALL, SOURCE_DIR, sols


class LoadTest(unittest.TestCase):
    def test_load_path_str_and_pathlike(self):
        for path in (str(FRAMEWORK), FRAMEWORK, pathlib.PurePath(FRAMEWORK)):
            fw = competency.Framework.load(path)
            self.assertEqual(fw.id, "sols-community-relations")
            self.assertEqual(fw.source, os.fspath(path))

    def test_load_relative_path_is_the_source(self):
        fw = competency.Framework.load("frameworks/sols-community-relations.yaml")
        self.assertEqual(fw.source, "frameworks/sols-community-relations.yaml")

    def test_loads_str_and_bytes(self):
        fw = competency.Framework.loads(SMALL)
        self.assertEqual(
            (fw.id, fw.title, fw.source), ("tiny", "Tiny framework", "<string>")
        )
        fw = competency.Framework.loads(SMALL.encode("utf-8"), source="tiny.yaml")
        self.assertEqual(fw.source, "tiny.yaml")
        self.assertEqual(len(fw), 4)

    def test_module_functions(self):
        self.assertEqual(competency.load(FRAMEWORK).id, "sols-community-relations")
        self.assertEqual(competency.loads(SMALL, "x").source, "x")

    def test_loads_rejects_other_types(self):
        with self.assertRaises(TypeError):
            competency.Framework.loads(42)

    def test_cannot_construct_directly(self):
        with self.assertRaises(TypeError):
            competency.Framework()
        with self.assertRaises(TypeError):
            competency.Element()

    def test_metadata(self):
        fw = sols()
        self.assertEqual(fw.title, "Community Relations")
        self.assertEqual(fw.version, "2015-08-13")
        self.assertEqual(fw.hierarchy, ("area", "competency", "ksa"))
        small = competency.Framework.loads(SMALL)
        self.assertIsNone(small.version)
        self.assertIsNone(small.publisher)
        self.assertIsNone(small.description)
        self.assertEqual(small.hierarchy, ())
        self.assertEqual(small.extensions, {})

    def test_version(self):
        self.assertRegex(competency.__version__, r"^\d+\.\d+\.\d+$")


class IterationTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_len_and_preorder(self):
        elements = list(self.fw)
        self.assertEqual(len(self.fw), 42)
        self.assertEqual(len(elements), 42)
        self.assertEqual([el.index for el in elements], list(range(42)))
        self.assertEqual(elements[0].id, "CR")
        self.assertEqual([el.id for el in elements[1:4]], ["CR.1", "CR.1.1", "CR.1.2"])
        # Pre-order: each parent comes before its children, siblings in order.
        for el in elements:
            if el.parent is not None:
                self.assertLess(el.parent.index, el.index)
            kids = el.children
            if kids:
                self.assertEqual(kids[0].index, el.index + 1)

    def test_small_tree(self):
        fw = competency.Framework.loads(SMALL)
        self.assertEqual([el.id for el in fw], ["A", "A.1", "A.2", "B"])
        self.assertEqual([el.id for el in fw.roots], ["A", "B"])
        self.assertEqual([el.id for el in fw["A"].children], ["A.1", "A.2"])
        self.assertEqual([el.id for el in fw["A"].descendants], ["A.1", "A.2"])
        self.assertEqual(fw["B"].children, [])


class LookupTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_by_id(self):
        el = self.fw["CR.1.1"]
        self.assertEqual(el.id, "CR.1.1")
        self.assertTrue(el.title.startswith("Uses appropriate business and management"))

    def test_missing_id_is_key_error_with_suggestion(self):
        with self.assertRaises(KeyError) as caught:
            self.fw["CR.1.11"]
        self.assertEqual(
            caught.exception.args[0],
            "no element 'CR.1.11' in framework 'sols-community-relations' "
            "(did you mean 'CR.1.1'?)",
        )
        with self.assertRaises(KeyError) as caught:
            self.fw["nothing-like-it"]
        self.assertNotIn("did you mean", caught.exception.args[0])
        self.assertEqual(self.fw.suggest("cr.2.7"), "CR.2.7")
        self.assertIsNone(self.fw.suggest("zzzzzz"))

    def test_by_index(self):
        self.assertEqual(self.fw[0].id, "CR")
        self.assertEqual(self.fw[-1], list(self.fw)[-1])
        with self.assertRaises(IndexError):
            self.fw[42]
        with self.assertRaises(IndexError):
            self.fw[-43]
        with self.assertRaises(TypeError):
            self.fw[1.5]

    def test_get_and_contains(self):
        self.assertEqual(self.fw.get("CR.2").id, "CR.2")
        self.assertIsNone(self.fw.get("CR.99"))
        sentinel = object()
        self.assertIs(self.fw.get("CR.99", sentinel), sentinel)
        self.assertIn("CR.6.3", self.fw)
        self.assertNotIn("CR.99", self.fw)
        self.assertIn(self.fw["CR.6"], self.fw)
        self.assertNotIn(competency.Framework.loads(SMALL)["A"], self.fw)

    def test_equality_and_hash(self):
        a, b = self.fw["CR.3"], self.fw["CR.3"]
        self.assertIsNot(a, b)
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        self.assertNotEqual(a, self.fw["CR.4"])
        other = sols()
        self.assertNotEqual(self.fw, other)
        self.assertNotEqual(a, other["CR.3"])
        self.assertEqual(a.framework, self.fw)
        self.assertEqual(len({a, b, self.fw["CR.4"]}), 2)


class ElementTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_attributes(self):
        el = self.fw["CR.1.1"]
        self.assertEqual(el.kind, "ksa")
        self.assertEqual(el.depth, 2)
        self.assertEqual(el.index, 2)
        self.assertEqual(el.parent.id, "CR.1")
        self.assertEqual(el.parent.parent.id, "CR")
        self.assertIsNone(el.parent.parent.parent)
        self.assertEqual(el.children, [])
        self.assertEqual(el.weight, 1.0)
        self.assertEqual(el.rollup, "mean")
        self.assertEqual(el.scale.id, "proficiency")
        self.assertIsInstance(el.extensions, dict)
        area = self.fw["CR"]
        self.assertEqual((area.kind, area.depth), ("area", 0))
        self.assertEqual(self.fw["CR.1"].kind, "competency")

    def test_description(self):
        fw = competency.Framework.loads(
            "framework:\n  id: d\n  title: D\n  scales:\n    - id: s\n"
            "      levels: [{value: 1, label: L}]\n      proficient: 1\n"
            "  elements:\n    - id: E\n      title: E\n      description: Words\n"
            "      kind: skill\n      weight: 2.5\n      rollup: min\n"
            "      x-code: E-1\n"
        )
        el = fw["E"]
        self.assertEqual(el.description, "Words")
        self.assertEqual(el.kind, "skill")
        self.assertEqual(el.weight, 2.5)
        self.assertEqual(el.rollup, "min")
        self.assertEqual(el.extensions, {"x-code": "E-1"})
        self.assertIsNone(competency.Framework.loads(SMALL)["A"].description)

    def test_repr(self):
        self.assertEqual(
            repr(self.fw["CR.3"]),
            "<Element CR.3 'Engages the community in conversation'>",
        )
        self.assertEqual(
            repr(competency.Framework.loads(SMALL)["A.1"]),
            "<Element A.1 'First skill'>",
        )
        self.assertEqual(
            repr(self.fw),
            "<Framework 'sols-community-relations' (Community Relations), 42 elements, "
            "from '" + str(FRAMEWORK) + "'>",
        )


RELATED_YAML = """framework:
  id: rel
  title: Relations
  scales: [{id: s, levels: [{value: 1, label: Low}, {value: 2, label: High}], proficient: 2}]
  elements:
    - {id: A, title: a, related: [B, C], precedes: B}
    - {id: B, title: b, exact_match: A}
    - {id: C, title: c, replaced_by: [B]}
"""


class RelationTest(unittest.TestCase):
    def test_relations(self):
        fw = competency.Framework.loads(RELATED_YAML)
        a, b, c = fw["A"], fw["B"], fw["C"]
        self.assertEqual([e.id for e in a.related], ["B", "C"])
        self.assertEqual([e.id for e in a.precedes], ["B"])
        self.assertEqual([e.id for e in b.exact_match], ["A"])
        self.assertEqual([e.id for e in c.replaced_by], ["B"])
        self.assertEqual(b.related, [])

    def test_unknown_target_is_an_error(self):
        with self.assertRaises(competency.Error) as caught:
            competency.Framework.loads(RELATED_YAML.replace("[B, C]", "[B, Cx]"))
        self.assertIn("unknown element id 'Cx'", str(caught.exception))
        self.assertEqual(caught.exception.line, 6)


class ScaleTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()
        self.scale = self.fw.default_scale

    def test_levels(self):
        self.assertEqual(self.scale.id, "proficiency")
        self.assertEqual(len(self.scale), 4)
        self.assertEqual([lv.value for lv in self.scale], [1.0, 2.0, 3.0, 4.0])
        self.assertEqual(
            [lv.label for lv in self.scale.levels],
            ["Beginning", "Developing", "Proficient", "Advanced"],
        )
        self.assertEqual(self.scale.proficient.label, "Proficient")
        self.assertEqual([lv.index for lv in self.scale], [0, 1, 2, 3])
        self.assertEqual(self.scale.index, 0)
        self.assertEqual(self.fw.scales, [self.scale])
        self.assertEqual(self.fw.scale("proficiency"), self.scale)
        with self.assertRaises(KeyError):
            self.fw.scale("nope")

    def test_lookup(self):
        self.assertEqual(self.scale["Advanced"].value, 4.0)
        self.assertEqual(self.scale[2].label, "Developing")
        self.assertEqual(self.scale[2.0], self.scale["Developing"])
        with self.assertRaises(KeyError) as caught:
            self.scale["Expert"]
        self.assertIn("1 Beginning, 2 Developing", caught.exception.args[0])
        with self.assertRaises(KeyError):
            self.scale[2.5]
        with self.assertRaises(TypeError):
            self.scale[None]

    def test_normalize(self):
        self.assertEqual(self.scale.normalize(3), 2 / 3)
        self.assertEqual(self.scale.denormalize(1.0), 4.0)

    def test_level_parts(self):
        level = self.scale["Proficient"]
        self.assertEqual(level.scale, self.scale)
        self.assertIsInstance(level.description, str)
        self.assertEqual(repr(level), "<Level 3 'Proficient'>")
        self.assertEqual(
            repr(self.scale),
            "<Scale 'proficiency': 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced>",
        )
        self.assertEqual(len({level, self.scale[3]}), 1)
        self.assertEqual(self.scale.framework, self.fw)


if __name__ == "__main__":
    unittest.main()
