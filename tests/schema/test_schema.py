"""Checks docs/schema/framework.schema.json against the shipped frameworks.

Run from the repository root:

    python3 -m unittest -v tests/schema/test_schema.py

The repository root is taken from the CF_SOURCE_DIR environment variable when
it is set, else found relative to this file. Needs the jsonschema and PyYAML
modules (Debian: python3-jsonschema, python3-yaml); without them every test
is skipped and says why, unless CF_REQUIRE_TEST_DEPS=1 (as under ctest, where
tools/install-deps.sh has installed them): then their absence is a failure.
"""

import copy
import json
import os
import unittest

try:
    import jsonschema
except ImportError:  # pragma: no cover - depends on the machine
    jsonschema = None

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    yaml = None

HAVE_DEPS = jsonschema is not None and yaml is not None
SKIP_REASON = (
    "needs the Python modules jsonschema and yaml "
    "(Debian packages python3-jsonschema and python3-yaml)"
)
if not HAVE_DEPS and os.environ.get("CF_REQUIRE_TEST_DEPS") == "1":
    raise ImportError(SKIP_REASON)


def source_dir():
    env = os.environ.get("CF_SOURCE_DIR")
    if env:
        return env
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


SCHEMA_PATH = os.path.join("docs", "schema", "framework.schema.json")
SOLS_PATH = os.path.join("frameworks", "sols-community-relations.yaml")


def load_yaml(relpath):
    with open(os.path.join(source_dir(), relpath), encoding="utf-8") as f:
        return yaml.safe_load(f)


def assert_json_types(test, value, where="$"):
    """Fails unless value holds only types a JSON document can hold."""
    if isinstance(value, dict):
        for key, item in value.items():
            test.assertIsInstance(key, str, "non-string key at %s" % where)
            assert_json_types(test, item, "%s.%s" % (where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            assert_json_types(test, item, "%s[%d]" % (where, i))
    else:
        test.assertTrue(
            value is None or isinstance(value, (str, int, float, bool)),
            "%s is a %s, not a JSON type (quote it in the YAML)"
            % (where, type(value).__name__),
        )


@unittest.skipUnless(HAVE_DEPS, SKIP_REASON)
class FrameworkSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(source_dir(), SCHEMA_PATH), encoding="utf-8") as f:
            cls.schema = json.load(f)
        cls.validator = jsonschema.Draft7Validator(cls.schema)
        cls.sols = load_yaml(SOLS_PATH)

    # -- the schema itself ------------------------------------------------

    def test_schema_is_valid_draft7(self):
        jsonschema.Draft7Validator.check_schema(self.schema)
        self.assertEqual(
            self.schema["$schema"], "http://json-schema.org/draft-07/schema#"
        )
        self.assertIn("$id", self.schema)
        self.assertIn("title", self.schema)

    def test_every_property_has_a_description(self):
        # Editors show these as hover help.
        missing = []

        def walk(node, path):
            if isinstance(node, dict):
                for name, sub in node.get("properties", {}).items():
                    if "description" not in sub:
                        missing.append("%s/properties/%s" % (path, name))
                for key, sub in node.items():
                    if key != "if":  # a condition, never shown as help
                        walk(sub, "%s/%s" % (path, key))
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, "%s/%d" % (path, i))

        walk(self.schema, "#")
        self.assertEqual(missing, [])

    # -- the shipped framework --------------------------------------------

    def test_sols_loads_to_json_types(self):
        assert_json_types(self, self.sols)
        self.assertEqual(self.sols["framework"]["version"], "2015-08-13")

    def test_sols_is_valid(self):
        errors = sorted(self.validator.iter_errors(self.sols), key=str)
        self.assertEqual([e.message for e in errors], [])

    def test_sols_shape(self):
        fw = self.sols["framework"]
        self.assertEqual(fw["id"], "sols-community-relations")
        (root,) = fw["elements"]
        self.assertEqual(root["id"], "CR")
        counts = [len(c["children"]) for c in root["children"]]
        self.assertEqual(counts, [5, 7, 3, 8, 7, 5])
        ids = []

        def walk(el):
            ids.append(el["id"])
            for child in el.get("children", []):
                walk(child)

        walk(root)
        self.assertEqual(len(ids), 1 + 6 + 35)
        self.assertEqual(len(set(ids)), len(ids), "element ids are not unique")

    # -- broken variants must be rejected ---------------------------------

    def assertRejected(self, doc, why):
        errors = list(self.validator.iter_errors(doc))
        self.assertTrue(errors, "schema accepted a framework with " + why)

    def competency(self, doc):
        return doc["framework"]["elements"][0]["children"][0]

    def test_rejects_missing_title(self):
        doc = copy.deepcopy(self.sols)
        del doc["framework"]["title"]
        self.assertRejected(doc, "no framework title")
        doc = copy.deepcopy(self.sols)
        del self.competency(doc)["title"]
        self.assertRejected(doc, "an element without a title")

    def test_rejects_unknown_key(self):
        doc = copy.deepcopy(self.sols)
        el = self.competency(doc)
        el["titel"] = el.pop("title")
        self.assertRejected(doc, "the unknown key 'titel'")
        doc = copy.deepcopy(self.sols)
        doc["framework"]["titel"] = "Community Relations"
        self.assertRejected(doc, "an unknown framework key")

    def test_accepts_x_keys(self):
        doc = copy.deepcopy(self.sols)
        doc["framework"]["x-owner"] = "HR"
        self.competency(doc)["x-tags"] = ["a", "b"]
        doc["framework"]["scales"][0]["levels"][0]["x-colour"] = {"r": 1}
        self.assertEqual([e.message for e in self.validator.iter_errors(doc)], [])

    def test_relations(self):
        # One id or a list of ids is accepted; a number, a repeated id or a
        # malformed id is not.
        doc = copy.deepcopy(self.sols)
        cr1 = self.competency(doc)
        cr1["related"] = ["CR.2", "CR.3"]
        cr1["precedes"] = "CR.2"
        cr1["children"][0]["exact_match"] = ["CR.2.1"]
        cr1["children"][1]["replaced_by"] = "CR.1.3"
        self.assertEqual([e.message for e in self.validator.iter_errors(doc)], [])
        for bad in ([1], ["CR.2", "CR.2"], "CR 2"):
            doc = copy.deepcopy(self.sols)
            self.competency(doc)["related"] = bad
            self.assertRejected(doc, "related %r" % (bad,))

    def test_rejects_zero_weight(self):
        for weight in (0, -1, "1"):
            doc = copy.deepcopy(self.sols)
            self.competency(doc)["children"][0]["weight"] = weight
            self.assertRejected(doc, "weight %r" % (weight,))

    def test_rejects_unknown_rollup(self):
        doc = copy.deepcopy(self.sols)
        self.competency(doc)["rollup"] = "avg"
        self.assertRejected(doc, "rollup 'avg'")

    def test_rejects_bad_id(self):
        for bad in ("CR 1", "", ".CR", "CR/1"):
            doc = copy.deepcopy(self.sols)
            self.competency(doc)["id"] = bad
            self.assertRejected(doc, "element id %r" % bad)

    def test_rejects_missing_default_scale_with_two_scales(self):
        doc = copy.deepcopy(self.sols)
        fw = doc["framework"]
        fw["scales"].append(
            {"id": "yes-no", "levels": [{"value": 0, "label": "No"},
                                        {"value": 1, "label": "Yes"}],
             "proficient": "Yes"})
        del fw["default_scale"]
        self.assertRejected(doc, "two scales and no default_scale")

    def test_rejects_empty_elements(self):
        doc = copy.deepcopy(self.sols)
        doc["framework"]["elements"] = []
        self.assertRejected(doc, "no elements")


if __name__ == "__main__":
    unittest.main()
