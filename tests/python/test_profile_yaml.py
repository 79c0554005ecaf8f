"""Profile.to_yaml() / Profile.dumps(): the C library's YAML writer
(cf_profile_to_yaml), read back by Profile.loads to the same profile,
whatever the title and description hold."""

import json
import unittest

import competency
from support import PROFILE, sols

# Text that needs quoting, escaping or a block style to survive YAML.
HOSTILE = [
    "Branch Manager: #1",
    "- not a list",
    "? not a key",
    "*not an alias",
    "&not an anchor",
    "!not a tag",
    "%not a directive",
    "@at",
    "`backtick",
    "  leading and trailing spaces  ",
    "yes",
    "null",
    "~",
    "1e3",
    "0x10",
    ".inf",
    "Ünïcødé ✓ 日本語 🎉",
    "bell\a, tab\t and delete\x7f",
    "line one\n---\n...\n  indented\n",
    "crlf\r\nline",
    "x" * 5000 + ": " + "y" * 5000,
]


def targets(p):
    return [(t.element.id, t.level, t.importance, t.critical) for t in p]


class ProfileYamlTest(unittest.TestCase):
    def setUp(self):
        self.fw = sols()

    def test_round_trip_hostile_title(self):
        for title in HOSTILE:
            with self.subTest(title=title[:40]):
                p = competency.Profile(
                    self.fw,
                    "lead",
                    {"CR.1": 3, "CR.4": (2, 1.5), "CR.5": (3, 2, True)},
                    title=title,
                )
                text = p.to_yaml()
                self.assertIsInstance(text, str)
                self.assertEqual(p.dumps(), text)
                q = competency.Profile.loads(self.fw, text)
                self.assertEqual(q.title, title)
                self.assertEqual(q.id, "lead")
                self.assertEqual(targets(q), targets(p))
                self.assertEqual(q.to_yaml(), text)  # stable

    def test_round_trip_file(self):
        p = competency.Profile.load(self.fw, PROFILE)
        text = p.dumps()
        self.assertTrue(text.startswith("profile:\n  id: branch-manager\n"))
        q = competency.Profile.loads(self.fw, text)
        self.assertEqual((q.id, q.title, q.description), (p.id, p.title, p.description))
        self.assertEqual(q.extensions, p.extensions)
        self.assertEqual(targets(q), targets(p))
        self.assertEqual(q.dumps(), text)

    def test_hostile_description_and_extension(self):
        for s in HOSTILE:
            with self.subTest(text=s[:40]):
                # The description and x- keys come only from a file. A JSON
                # string is a YAML double-quoted scalar (DEL escaped, as
                # YAML wants it).
                quoted = json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")
                text = (
                    "profile:\n  id: p\n  title: %s\n  description: %s\n"
                    "  targets: {CR.1: 3}\n  x-note: %s\n" % (quoted, quoted, quoted)
                )
                p = competency.Profile.loads(self.fw, text)
                self.assertEqual((p.title, p.description), (s, s))
                written = p.to_yaml()
                q = competency.Profile.loads(self.fw, written)
                self.assertEqual((q.title, q.description), (s, s))
                self.assertEqual(q.extensions, {"x-note": s})
                self.assertEqual(q.to_yaml(), written)

    def test_other_yaml_readers_agree(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML is not installed")
        for title in HOSTILE:
            with self.subTest(title=title[:40]):
                p = competency.Profile(self.fw, "lead", {"CR.1": 3}, title=title)
                doc = yaml.safe_load(p.to_yaml())
                self.assertEqual(doc["profile"]["title"], title)
                self.assertEqual(doc["profile"]["targets"], {"CR.1": 3})

    def test_no_targets(self):
        p = competency.Profile(self.fw, "empty")
        with self.assertRaises(competency.Error) as caught:
            p.to_yaml()
        self.assertEqual(caught.exception.code, "CF_EINVALID")


if __name__ == "__main__":
    unittest.main()
