-- Lifetimes: a script may drop frameworks, elements, assessments,
-- profiles and reports in any order; what is still reachable keeps what it
-- needs alive (the C references), nothing crashes, and nothing leaks:
-- building and dropping 100,000 objects leaves the Lua heap and the
-- resident set where they were.
local support = require "support"
local competency = require "competency"

local T = {}

local FRAMEWORK = [[
framework:
  id: small
  title: Small framework
  scales:
    - id: s
      levels: [{value: 1, label: Low}, {value: 2, label: Mid}, {value: 3, label: High}]
      proficient: Mid
  elements:
    - id: A
      title: Area
      children:
        - {id: A.1, title: One}
        - {id: A.2, title: Two}
    - id: B
      title: Other
]]

local PROFILE = [[
profile:
  id: role
  framework: small
  targets:
    A: 2
    A.1: {level: High, critical: true}
    B: Mid
]]

local function full_gc()
  collectgarbage("collect")
  collectgarbage("collect")
end

function T.reports_outlive_their_inputs()
  local r, el, scores
  do
    local fw = competency.loads(FRAMEWORK, "small.yaml")
    local p = competency.Profile.loads(fw, PROFILE, "role.yaml")
    local a = competency.Assessment.new(fw, "Ann", { ["A.1"] = 3, ["A.2"] = 1, B = 2 })
    r = competency.gap(a, p)
    el = fw["A.2"]
    scores = competency.scores(a)
  end
  full_gc()
  support.assert_equal(r.fit, 1.0 * r:to_table().fit, "the report still reads")
  support.assert_equal(r.profile.id, "role", "its profile")
  support.assert_equal(r.assessment.subject, "Ann", "its assessment")
  support.assert_equal(r.assessment.framework.id, "small", "and the framework")
  support.assert_equal(el.parent.id, "A", "an element keeps its framework")
  support.assert_equal(scores:get("A").score, 2, "scores keep their assessment")
end

function T.inputs_outlive_their_reports()
  local fw = competency.loads(FRAMEWORK, "small.yaml")
  local a = competency.Assessment.new(fw, "Ann", { ["A.1"] = 3 })
  do
    local p = competency.Profile.loads(fw, PROFILE, "role.yaml")
    local _ = competency.gap(a, p):to_table()
  end
  full_gc()
  support.assert_equal(a:level("A.1"), 3, "the assessment is intact")
  support.assert_equal(#fw, 4, "the framework is intact")
end

function T.list_members_outlive_the_list()
  local one
  do
    local fw = competency.load(support.SOLS)
    one = competency.Assessment.load(fw, "examples/assessments/team.csv")[3]
  end
  full_gc()
  assert(one.subject ~= nil and one.framework.id == "sols-community-relations", "still valid")
end

-- One round of the churn: objects of every kind, dropped in an order that
-- depends on i.
local function churn(i)
  local fw = competency.loads(FRAMEWORK, "small.yaml")
  local kind = i % 5
  if kind == 0 then
    local el = fw[(i % #fw) + 1]
    fw = nil
    return el.id
  elseif kind == 1 then
    local a = competency.Assessment.new(fw, "P" .. i, { ["A.1"] = (i % 3) + 1, B = 2 })
    fw = nil
    return competency.scores(a):get("A").score
  elseif kind == 2 then
    local p = competency.Profile.loads(fw, PROFILE, "role.yaml")
    local a = competency.Assessment.new(fw, "P" .. i, { ["A.2"] = 2 })
    local r = competency.gap(a, p)
    a, p, fw = nil, nil, nil
    return r.fit
  elseif kind == 3 then
    local a = competency.Assessment.new(fw, "Q", { ["A.1"] = 1 })
    local b = competency.Assessment.new(fw, "Q", { ["A.1"] = 3 }, { role = "self" })
    local c = competency.consolidate({ a, b })
    local pr = competency.progress(a, b)
    return #c:to_table().elements + #pr:to_table().elements
  else
    -- An error: nothing is handed back, nothing may leak.
    local ok = pcall(competency.Assessment.new, fw, "P", { ["A.9"] = 1 })
    assert(not ok)
    return 0
  end
end

function T.hundred_thousand_objects_do_not_leak()
  local rounds = tonumber(os.getenv("CF_LUA_ROUNDS")) or 100000
  -- Warm up: let the allocator and Lua's heap reach their working size.
  for i = 1, 2000 do
    churn(i)
  end
  full_gc()
  local heap0, rss0 = support.memory()
  for i = 1, rounds do
    churn(i)
    if i % 20000 == 0 then
      full_gc()
      local heap, rss = support.memory()
      print(string.format("  %6d rounds: Lua heap %.0f KiB (start %.0f), RSS %s KiB (start %s)",
        i, heap, heap0, tostring(rss), tostring(rss0)))
    end
  end
  full_gc()
  local heap1, rss1 = support.memory()
  -- Each round makes 3 to 10 objects; a leak of even one small handle a
  -- round (100,000 x 32 bytes = 3.2 MB) would break these bounds. Under
  -- a sanitizer RSS means nothing, but LeakSanitizer checks at exit.
  assert(heap1 - heap0 < 256, string.format("Lua heap grew from %.0f to %.0f KiB", heap0, heap1))
  if rss0 and not support.sanitized then
    assert(rss1 - rss0 < 2048, string.format("RSS grew from %d to %d KiB", rss0, rss1))
  end
end

support.run(T)
