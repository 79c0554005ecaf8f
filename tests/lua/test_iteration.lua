-- Iterating over a framework (ipairs, pairs, elements(), roots()) and
-- looking elements up (fw[i], fw[id], fw:find, fw:get).
local support = require "support"
local competency = require "competency"

local T = {}

local fw = competency.load(support.SOLS)

function T.relations()
  local rel = competency.loads([[
framework:
  id: rel
  title: Relations
  scales: [{id: s, levels: [{value: 1, label: Low}, {value: 2, label: High}], proficient: 2}]
  elements:
    - {id: A, title: a, related: [B, C], precedes: B}
    - {id: B, title: b, exact_match: A}
    - {id: C, title: c, replaced_by: [B]}
]])
  local related = rel.A:relations("related")
  support.assert_equal(#related, 2, "A names two related elements")
  support.assert_equal(related[1].id, "B", "B first")
  support.assert_equal(related[2].id, "C", "then C")
  support.assert_equal(rel.C:relations("replaced_by")[1].id, "B", "C replaced by B")
  support.assert_equal(rel.B:relations("exact_match")[1].id, "A", "B matches A")
  support.assert_equal(#rel.B:relations("related"), 0, "B names none")
  local ok, err = pcall(function() return rel.A:relations("sibling") end)
  assert(not ok and tostring(err):find("unknown relation 'sibling'"), tostring(err))
end

function T.length()
  support.assert_equal(#fw, 42, "#fw")
  support.assert_equal(math.type(#fw), "integer", "an integer")
end

function T.ipairs_in_pre_order()
  local ids, n = {}, 0
  for i, el in ipairs(fw) do
    n = n + 1
    support.assert_equal(i, n, "consecutive indexes")
    support.assert_equal(el.index, i, "index matches the position")
    ids[#ids + 1] = el.id
  end
  support.assert_equal(n, 42, "every element")
  support.assert_equal(ids[1], "CR", "the root first")
  support.assert_equal(ids[2], "CR.1", "then its first child")
  support.assert_equal(ids[3], "CR.1.1", "then that child's first child")
  -- Each parent comes before its children.
  local seen = {}
  for _, el in ipairs(fw) do
    if el.parent then
      assert(seen[el.parent.id], el.id .. " after its parent")
    end
    seen[el.id] = true
  end
end

function T.index_by_position()
  support.assert_equal(fw[1].id, "CR", "fw[1]")
  support.assert_equal(fw[42].id, fw:elements()[42].id, "fw[#fw]")
  support.assert_equal(fw[0], nil, "fw[0]")
  support.assert_equal(fw[43], nil, "past the end")
  support.assert_equal(fw[-1], nil, "negative")
  support.assert_equal(fw[2.0].id, "CR.1", "a float with an integer value")
  support.assert_equal(fw[1.5], nil, "a fraction")
end

function T.pairs_by_id()
  local count, order = 0, {}
  for id, el in pairs(fw) do
    assert(type(id) == "string", "keys are ids")
    support.assert_equal(el.id, id, "key matches the element")
    count = count + 1
    order[#order + 1] = el.index
  end
  support.assert_equal(count, 42, "every element")
  for i = 2, #order do
    assert(order[i - 1] < order[i], "pairs goes in framework order")
  end
end

function T.elements_is_a_plain_table()
  local els = fw:elements()
  support.assert_equal(type(els), "table", "a table")
  support.assert_equal(getmetatable(els), nil, "a plain one")
  support.assert_equal(#els, 42, "every element")
  for i, el in ipairs(els) do
    assert(el == fw[i], "the same element as fw[i]")
  end
end

function T.lookup()
  local el = fw["CR.1.1"]
  assert(el, "fw[id]")
  support.assert_equal(el.id, "CR.1.1", "id")
  support.assert_equal(el.title,
    "Uses appropriate business and management approaches to communicate the library’s value to decision makers",
    "title, word for word")
  assert(fw:find("CR.1.1") == el, "find gives an equal element")
  support.assert_equal(fw["CR.99"], nil, "absent: nil")
  support.assert_equal(fw:find("CR.99"), nil, "find: nil")
  -- Framework fields win over element ids in fw.x; find() is unambiguous.
  support.assert_equal(fw.id, "sols-community-relations", "fields first")
end

function T.get_raises_with_a_suggestion()
  assert(fw:get("CR.2") == fw["CR.2"], "get finds")
  local err = support.raises(fw.get, fw, "CR.l.1")
  assert(type(err) == "string", "a plain string, like a failed lookup")
  assert(err:find("no element 'CR.l.1'", 1, true), err)
  assert(err:find("did you mean 'CR.1.1'?", 1, true), err)
end

function T.tree()
  local roots = fw:roots()
  support.assert_equal(#roots, 1, "one root")
  local cr = roots[1]
  support.assert_equal(cr.id, "CR", "the root")
  local children = cr:children()
  support.assert_equal(#children, 6, "six competencies")
  for i, child in ipairs(children) do
    support.assert_equal(child.id, "CR." .. i, "in file order")
    assert(child.parent == cr, "parent")
    support.assert_equal(child.depth, 1, "depth")
    support.assert_equal(child.kind, "competency", "kind")
    for _, ksa in ipairs(child:children()) do
      support.assert_equal(ksa.depth, 2, "depth")
      support.assert_equal(ksa.kind, "ksa", "kind")
      assert(ksa.parent == child, "parent")
    end
  end
  -- The subtree of CR.1 is its five KSAs and itself.
  local cr1 = fw["CR.1"]
  local sub = cr1:subtree()
  support.assert_equal(#sub, 6, "subtree")
  assert(sub[1] == cr1, "starts with itself")
end

function T.equality_and_identity()
  local a, b = fw["CR.3"], fw:find("CR.3")
  assert(a == b, "equal")
  assert(rawequal(a, a), "the same object")
  assert(fw["CR.3"] ~= fw["CR.4"], "different elements differ")
  local other = competency.load(support.SOLS)
  assert(other["CR.3"] ~= a, "elements of different frameworks differ")
  assert(a ~= {}, "an element is not a plain table")
  assert(a ~= fw, "nor a framework")
  assert(fw ~= other and fw == a.framework, "frameworks compare by identity")
  assert(a.scale == b.scale and a.scale.levels[1] ~= a.scale.levels[2], "scales and levels")
end

function T.elements_outlive_the_framework_variable()
  local el
  do
    local f = competency.load(support.SOLS)
    el = f["CR.6.3"]
  end
  collectgarbage()
  collectgarbage()
  support.assert_equal(el.id, "CR.6.3", "still readable")
  support.assert_equal(el.parent.id, "CR.6", "its parent too")
  support.assert_equal(el.framework.id, "sols-community-relations", "and its framework")
end

support.run(T)
