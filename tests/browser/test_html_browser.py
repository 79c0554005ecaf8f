"""The HTML reports in a real browser.

tests/browser/make_report (built by CMake, named by CF_MAKE_REPORT) writes a
team report and a gap report for the SOLS framework; headless Chromium
loads each page from a file and dumps the DOM it built, which must hold the
SVG charts with one radar axis per target, one heat cell per person and
target, one bench bar per target and one gap bar per priority. A
screenshot of the team report must show a page that is not blank: the PNG
is decoded here with zlib alone, and must have many colours, including
those of the heat map.

Chromium is Debian's `chromium` package, which tools/install-deps.sh
installs: when it is missing the test fails rather than skips, so that a
machine set up without it cannot pass `make test` unnoticed.

Environment (set by tests/CMakeLists.txt): CF_SOURCE_DIR, CF_MAKE_REPORT.
"""

import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest
import zlib
from html.parser import HTMLParser

SOURCE_DIR = os.environ.get(
    "CF_SOURCE_DIR",
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
)
MAKE_REPORT = os.environ.get("CF_MAKE_REPORT", "")
FRAMEWORK = os.path.join(SOURCE_DIR, "frameworks", "sols-community-relations.yaml")

# Seconds one browser run may take before the test gives up on it.
BROWSER_TIMEOUT = 60

# The heat map's fills (lib/svg.c): met, small gap, large gap, unassessed.
HEAT_COLOURS = {
    "met": (0x86, 0xD2, 0x9A),
    "small gap": (0xF8, 0xC9, 0x5B),
    "large gap": (0xEE, 0x8A, 0x8A),
    "not assessed": (0xD5, 0xD8, 0xDE),
}


def chromium_command(profile_dir):
    """The browser and the flags for a quiet, offline, headless run."""
    browser = shutil.which("chromium")
    if browser is None:
        raise AssertionError(
            "chromium is not on PATH: install it with tools/install-deps.sh "
            "(Debian package chromium)"
        )
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--mute-audio",
        "--hide-scrollbars",
        "--user-data-dir=" + profile_dir,
    ]


def file_url(path):
    return "file://" + os.path.abspath(path)


# ---- the DOM -------------------------------------------------------------


class Elements(HTMLParser):
    """Every start tag of a document, with its attributes and parents."""

    VOID = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs, parent index or None)
        self.text = {}  # index -> text directly inside
        self.stack = []

    def handle_starttag(self, tag, attrs):
        parent = self.stack[-1] if self.stack else None
        self.elements.append((tag, dict(attrs), parent))
        index = len(self.elements) - 1
        if tag not in self.VOID:
            self.stack.append(index)

    def handle_startendtag(self, tag, attrs):
        parent = self.stack[-1] if self.stack else None
        self.elements.append((tag, dict(attrs), parent))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.elements[self.stack[depth]][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if self.stack:
            index = self.stack[-1]
            self.text[index] = self.text.get(index, "") + data

    def with_class(self, name, tag=None):
        """Indexes of the elements whose class list has name."""
        return [
            i
            for i, (t, attrs, _) in enumerate(self.elements)
            if name in attrs.get("class", "").split() and (tag is None or t == tag)
        ]

    def children(self, index, tag):
        return [
            i for i, (t, _, parent) in enumerate(self.elements)
            if parent == index and t == tag
        ]

    def inside(self, index, tag):
        """Whether element index has an ancestor with this tag."""
        parent = self.elements[index][2]
        while parent is not None:
            if self.elements[parent][0] == tag:
                return True
            parent = self.elements[parent][2]
        return False

    def title_of(self, index):
        """The text of the <title> child of element index."""
        titles = self.children(index, "title")
        return self.text.get(titles[0], "") if titles else None


def parse_dom(text):
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


# ---- PNG -----------------------------------------------------------------


def decode_png(data):
    """(width, height, channels, rows) of an 8-bit RGB or RGBA PNG, rows
    being the unfiltered scanlines as bytearrays."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG file")
    pos = 8
    header = None
    idat = []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None or not idat:
        raise AssertionError("PNG without IHDR or IDAT")
    width, height, depth, colour, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise AssertionError(
            "unexpected PNG: depth %d, colour type %d, interlace %d"
            % (depth, colour, interlace)
        )
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise AssertionError("PNG data has the wrong size")
    rows = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:  # Up
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                if pa <= pb and pa <= pc:
                    predictor = a
                elif pb <= pc:
                    predictor = b
                else:
                    predictor = c
                row[i] = (row[i] + predictor) & 0xFF
        elif kind != 0:
            raise AssertionError("unknown PNG filter %d" % kind)
        rows.append(row)
        previous = row
    return width, height, channels, rows


def colours(rows, channels):
    """How often each (r, g, b) occurs."""
    seen = {}
    for row in rows:
        for i in range(0, len(row), channels):
            key = (row[i], row[i + 1], row[i + 2])
            seen[key] = seen.get(key, 0) + 1
    return seen


def near(colour, target, tolerance=6):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


# ---- the test --------------------------------------------------------------


class HtmlInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="cf-browser-")
        cls.dir = cls.tmp.name
        if not MAKE_REPORT or not os.path.exists(MAKE_REPORT):
            raise AssertionError(
                "CF_MAKE_REPORT does not name the make_report program: %r"
                % MAKE_REPORT
            )
        subprocess.run(
            [MAKE_REPORT, FRAMEWORK, cls.dir], check=True, timeout=60
        )
        cls.expect = {}
        with open(os.path.join(cls.dir, "expect.txt"), encoding="utf-8") as f:
            for line in f:
                key, _, value = line.strip().partition(" ")
                cls.expect[key] = value
        cls.targets = cls.expect["targets"].split()
        cls.people = int(cls.expect["people"])
        cls.doms = {}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def browser(self, *args):
        """Runs Chromium with args; its standard output."""
        profile = tempfile.mkdtemp(prefix="profile-", dir=self.dir)
        command = chromium_command(profile) + list(args)
        result = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=BROWSER_TIMEOUT,
        )
        if result.returncode != 0:
            self.fail(
                "chromium exited with %d:\n%s"
                % (result.returncode, result.stderr.decode("utf-8", "replace"))
            )
        return result.stdout.decode("utf-8")

    def dom(self, name):
        """The DOM Chromium built for the page, as text and parsed."""
        if name not in self.doms:
            text = self.browser("--dump-dom", file_url(os.path.join(self.dir, name)))
            self.assertIn("<svg", text, "no SVG in the DOM of " + name)
            self.doms[name] = (text, parse_dom(text))
        return self.doms[name]

    def source(self, name):
        with open(os.path.join(self.dir, name), encoding="utf-8") as f:
            return f.read()

    def test_pages_are_self_contained(self):
        for name in ("team.html", "gap.html"):
            page = self.source(name)
            self.assertTrue(page.startswith("<!DOCTYPE html>"), name)
            self.assertIn('<meta charset="utf-8">', page)
            lower = page.lower()
            for banned in ("http:", "https:", "//", "<script", "<link", "url("):
                self.assertNotIn(banned, lower, "%s has %s" % (name, banned))

    def test_team_heat_map(self):
        text, dom = self.dom("team.html")
        cells = dom.with_class("heat-cell", "rect")
        self.assertEqual(len(cells), self.people * len(self.targets))
        for cell in cells:
            self.assertTrue(dom.inside(cell, "svg"))
            title = dom.title_of(cell)
            self.assertIsNotNone(title, "a heat cell without a title")
            self.assertRegex(title, r"achieved .* / required \d")
            self.assertIn(dom.elements[cell][1].get("data-status"),
                          ("met", "small-gap", "large-gap", "unassessed"))
        # Each row of cells goes through the targets in the profile's order.
        for row in range(self.people):
            for t, target in enumerate(self.targets):
                title = dom.title_of(cells[row * len(self.targets) + t])
                self.assertIn(" \u2014 " + target + " ", title)
        # Sam O'Neill's apostrophe survives escaping, as text.
        self.assertIn("Sam O'Neill", "".join(dom.text.values()))

    def test_team_bench_strength(self):
        text, dom = self.dom("team.html")
        bars = dom.with_class("bench-bar", "rect")
        self.assertEqual(len(bars), len(self.targets))
        flagged = [b for b in bars if dom.elements[b][1].get("data-spof") == "yes"]
        self.assertEqual(len(flagged), int(self.expect["single_points"]))
        for bar, target in zip(bars, self.targets):
            self.assertTrue(dom.title_of(bar).startswith(target + " "))
            self.assertGreaterEqual(float(dom.elements[bar][1]["width"]), 0)

    def test_gap_charts(self):
        text, dom = self.dom("gap.html")
        sections = dom.with_class("subject", "section")
        self.assertEqual(len(sections), self.people)
        axes = dom.with_class("radar-axis", "line")
        # One axis per competency target in each subject's radar, in order.
        self.assertEqual(len(axes), self.people * len(self.targets))
        for k, axis in enumerate(axes):
            target = self.targets[k % len(self.targets)]
            self.assertTrue(dom.title_of(axis).startswith(target + " "))
        self.assertEqual(len(dom.with_class("radar-achieved", "polygon")), self.people)
        self.assertEqual(len(dom.with_class("radar-required", "polygon")), self.people)
        for polygon in dom.with_class("radar-achieved", "polygon"):
            points = dom.elements[polygon][1]["points"].split()
            self.assertEqual(len(points), len(self.targets))
        self.assertEqual(
            len(dom.with_class("gap-bar", "rect")), int(self.expect["priorities"])
        )
        # The index links every section.
        for k in range(self.people):
            self.assertIn('href="#subject-%d"' % (k + 1), text)

    def test_coordinates_have_two_decimals_at_most(self):
        number = re.compile(r"^-?\d+(\.\d{1,2})?$")
        for name in ("team.html", "gap.html"):
            _, dom = self.dom(name)
            for tag, attrs, _ in dom.elements:
                for key in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
                            "width", "height", "points", "viewbox"):
                    if key in attrs and tag != "meta":
                        for value in re.split(r"[ ,]+", attrs[key].strip()):
                            self.assertRegex(value, number, "%s %s" % (tag, key))

    def test_screenshot_is_not_blank(self):
        shot = os.path.join(self.dir, "team.png")
        self.browser(
            "--screenshot=" + shot,
            "--window-size=1200,900",
            file_url(os.path.join(self.dir, "team.html")),
        )
        with open(shot, "rb") as f:
            width, height, channels, rows = decode_png(f.read())
        self.assertEqual((width, height), (1200, 900))
        seen = colours(rows, channels)
        self.assertGreater(len(seen), 10, "too few colours: a blank page?")
        white = seen.get((255, 255, 255), 0)
        self.assertLess(white, width * height, "the screenshot is all white")
        # The heat map is on screen, drawn in its colours.
        for what, target in HEAT_COLOURS.items():
            count = sum(n for colour, n in seen.items() if near(colour, target))
            self.assertGreater(count, 200, "no %s cells on screen" % what)


if __name__ == "__main__":
    unittest.main()
