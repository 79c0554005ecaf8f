-- Loading frameworks from files and strings; the framework's, elements',
-- scales' and levels' fields; integers arriving as Lua integers.
local support = require "support"
local competency = require "competency"

local T = {}

local MINIMAL = [[
framework:
  id: tiny
  title: Tiny framework
  hierarchy: [area, skill]
  x-owner: HR
  scales:
    - id: yes-no
      title: Yes or no
      levels:
        - {value: 0, label: "No"}
        - {value: 1, label: "Yes", description: Can do it}
      proficient: "Yes"
  elements:
    - id: A
      title: The area
      weight: 2
      rollup: min
      children:
        - id: A.1
          title: First skill
          description: Does the first thing
          x-code: "17"
        - id: A.2
          title: Second skill
          kind: special
    - id: B
      title: Another area
]]

function T.version()
  assert(type(competency.VERSION) == "string")
  assert(competency.VERSION:match("^%d+%.%d+%.%d+$"), competency.VERSION)
  support.assert_equal(competency.version(), competency.VERSION, "version()")
end

function T.load_file()
  local fw = competency.load(support.SOLS)
  support.assert_equal(fw.id, "sols-community-relations", "id")
  support.assert_equal(fw.title, "Community Relations", "title")
  support.assert_equal(fw.version, "2015-08-13", "version")
  support.assert_equal(fw.publisher, "Southern Ontario Library Service", "publisher")
  support.assert_equal(fw.language, "en", "language")
  assert(fw.description:find("^Traditionally, community relations work"))
  support.assert_equal(fw.source, support.SOLS, "source")
  support.assert_equal(#fw, 42, "#fw")
  support.assert_equal(math.type(#fw), "integer", "#fw is an integer")
  support.assert_deep_equal(fw.hierarchy, { "area", "competency", "ksa" }, "hierarchy")
  -- Framework.load is the same function.
  support.assert_equal(competency.Framework.load(support.SOLS).id, fw.id, "Framework.load")
end

function T.loads_text()
  local fw = competency.loads(MINIMAL, "tiny.yaml")
  support.assert_equal(fw.id, "tiny", "id")
  support.assert_equal(fw.source, "tiny.yaml", "source")
  support.assert_equal(fw.version, nil, "absent version is nil")
  support.assert_equal(fw.publisher, nil, "absent publisher is nil")
  support.assert_equal(#fw, 4, "#fw")
  support.assert_deep_equal(fw:extensions(), { ["x-owner"] = "HR" }, "extensions")
  -- Without a name the source is "<buffer>", as in C.
  support.assert_equal(competency.Framework.loads(MINIMAL).source, "<buffer>", "default source")
end

function T.element_fields()
  local fw = competency.loads(MINIMAL, "tiny.yaml")
  local a, a1, a2, b = fw:find("A"), fw:find("A.1"), fw:find("A.2"), fw:find("B")
  support.assert_equal(a.id, "A", "id")
  support.assert_equal(a.title, "The area", "title")
  support.assert_equal(a.description, nil, "no description")
  support.assert_equal(a.kind, "area", "kind from the hierarchy")
  support.assert_equal(a2.kind, "special", "own kind")
  support.assert_equal(a.depth, 0, "depth")
  support.assert_equal(a1.depth, 1, "depth")
  support.assert_equal(math.type(a1.depth), "integer", "depth is an integer")
  support.assert_equal(a.index, 1, "index is 1-based")
  support.assert_equal(b.index, 4, "pre-order index")
  support.assert_equal(math.type(b.index), "integer", "index is an integer")
  support.assert_equal(a.weight, 2, "weight")
  support.assert_equal(a1.weight, 1, "default weight")
  support.assert_equal(a.rollup, "min", "rollup")
  support.assert_equal(a1.rollup, "mean", "default rollup")
  support.assert_equal(a1.description, "Does the first thing", "description")
  support.assert_deep_equal(a1:extensions(), { ["x-code"] = "17" }, "extensions")
  assert(a1.parent == a, "parent")
  support.assert_equal(a.parent, nil, "a root has no parent")
  support.assert_equal(#a:children(), 2, "children")
  assert(a:children()[2] == a2, "second child")
  support.assert_equal(#a1:children(), 0, "a leaf has no children")
  assert(a1.framework.id == "tiny", "framework")
  assert(a1.scale.id == "yes-no", "effective scale")
  support.assert_equal(tostring(a1), "A.1: First skill", "tostring")
end

function T.scales_and_levels()
  local fw = competency.loads(MINIMAL, "tiny.yaml")
  local scales = fw:scales()
  support.assert_equal(#scales, 1, "one scale")
  local s = scales[1]
  assert(s == fw:scale("yes-no"), "scale by id")
  assert(fw:scale("nope") == nil, "unknown scale is nil")
  assert(fw.default_scale == s, "default scale")
  support.assert_equal(s.id, "yes-no", "id")
  support.assert_equal(s.title, "Yes or no", "title")
  support.assert_equal(s.description, nil, "description")
  local levels = s.levels
  support.assert_equal(#levels, 2, "levels")
  support.assert_equal(levels[1].value, 0, "value")
  support.assert_equal(levels[1].label, "No", "label")
  support.assert_equal(levels[2].description, "Can do it", "description")
  support.assert_equal(levels[2].index, 2, "1-based index")
  assert(s.proficient == levels[2], "proficient level")
  assert(s:level("Yes") == levels[2], "level by label")
  assert(s:level(0) == levels[1], "level by value")
  assert(s:level(7) == nil, "no such level")
  support.assert_equal(s:normalize(1), 1.0, "normalize")
  support.assert_equal(s:denormalize(0), 0.0, "denormalize")

  local sols = competency.load(support.SOLS)
  local p = sols:find("CR.1.1").scale
  support.assert_equal(#p.levels, 4, "SOLS has four levels")
  support.assert_equal(p.proficient.label, "Proficient", "SOLS proficient")
  support.assert_equal(p:normalize(3), 2 / 3, "normalised 3 of 1..4")
end

function T.file_and_string_agree()
  local text = support.read_file(support.SOLS)
  local a = competency.load(support.SOLS)
  local b = competency.loads(text, support.SOLS)
  support.assert_equal(#a, #b, "same count")
  for i, el in ipairs(a) do
    support.assert_equal(b[i].id, el.id, "same order")
    support.assert_equal(b[i].title, el.title, "same title")
  end
end

support.run(T)
