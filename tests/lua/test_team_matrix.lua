-- The dense team analysis from Lua: profile:analyze_matrix (a TeamMatrix),
-- fw:score_matrix and a:levels(), against the object API's team report
-- and scores on the six sample managers, on a case worked out by hand,
-- and on bad input. Rows and targets are 1-based, as everywhere in Lua.
local support = require "support"
local competency = require "competency"

local T = {}

local A = "examples/assessments/"
local MANAGERS = {
  "harriet-quill", "juniper-stacks", "omar-colophon", "priya-vellum",
  "tobias-ledger", "wren-folio",
}

local fw = competency.load(support.SOLS)
local profile = competency.Profile.load(fw, support.BRANCH_MANAGER)
local people = {}
for i, name in ipairs(MANAGERS) do
  people[i] = competency.Assessment.load(fw, support.path(A .. name .. "-manager.yaml"))[1]
end
local N = #fw

-- The six managers' levels: as rows, and flat (row-major, nil unrated).
local function rows_of(list)
  local rows = {}
  for i, a in ipairs(list) do
    rows[i] = a:levels()
  end
  return rows
end

local function flat_of(rows, width)
  local flat = {}
  for i, row in ipairs(rows) do
    for e = 1, width do
      flat[(i - 1) * width + e] = row[e]
    end
  end
  return flat
end

local function close(a, b, what)
  assert(math.abs(a - b) < 1e-12, string.format("%s: got %s, expected %s", what, a, b))
end

-- A small framework: A (A.1, A.2 of weight 2) and B on one scale 1..3,
-- normalised (level - 1) / 2; the profile wants A at 2 (Ln 0.5,
-- importance 1) and B at 3 (Ln 1, importance 2, critical).
local SMALL = [[
framework:
  id: tiny
  title: Tiny framework
  scales:
    - id: three
      levels:
        - {value: 1, label: Low}
        - {value: 2, label: Mid}
        - {value: 3, label: High}
      proficient: 2
  elements:
    - id: A
      title: Area A
      children:
        - {id: A.1, title: First skill}
        - {id: A.2, title: Second skill, weight: 2}
    - id: B
      title: Area B
]]

local function small()
  local sfw = competency.loads(SMALL, "small.yaml")
  local role = competency.Profile.new(sfw, "tiny-role", nil, {
    { element = "A", level = 2, importance = 1 },
    { element = "B", level = 3, importance = 2, critical = true },
  })
  return sfw, role
end

function T.assessment_levels_are_their_rows()
  for _, a in ipairs(people) do
    local levels = a:levels()
    local ratings = a:ratings()
    for i = 1, N do
      support.assert_equal(levels[i], ratings[fw[i].id], a.subject .. " " .. fw[i].id)
    end
  end
end

function T.sample_team_equals_the_team_report()
  local team = competency.team(people, profile)
  local m = profile:analyze_matrix(rows_of(people))
  support.assert_equal(#m, 6, "#m")
  support.assert_equal(m.people, 6, "m.people")
  assert(m.profile == profile)
  local gaps = team:people()
  local fits, readiness = m.fits, m.readiness
  for i, g in ipairs(gaps) do
    support.assert_equal(fits[i], g.fit, "fit " .. i)
    support.assert_equal(m:fit(i), g.fit, "m:fit " .. i)
    support.assert_equal(readiness[i], g.ready, "ready " .. i)
    support.assert_equal(m:ready(i), g.ready, "m:ready " .. i)
    local achieved = m:achieved_matrix()[i]
    for t, target in ipairs(g:targets()) do
      support.assert_equal(m:status(i, t), target.status, "status " .. i .. " " .. t)
      support.assert_equal(m:status(i, target.element), target.status, "status by id")
      support.assert_equal(m:achieved(i, t), target.achieved, "achieved " .. i .. " " .. t)
      support.assert_equal(achieved[t], target.achieved, "achieved_matrix " .. i .. " " .. t)
    end
  end
  support.assert_deep_equal(m:targets(), team:targets(), "targets")
  support.assert_deep_equal(m:target("CR.1"), team:targets()[1], "target CR.1")
  -- Harriet Quill alone is ready; CR.1 is met by one person only.
  support.assert_deep_equal(readiness, { true, false, false, false, false, false }, "readiness")
  assert(m:target(1).single_point_of_failure)
  -- Ranking: the team report's subjects as rows (fits 0.966, 0.626, 0.6,
  -- 0.229, 0.606, 0.857 by row).
  local row_of = {}
  for i, a in ipairs(people) do
    row_of[a.subject] = i
  end
  local rows = {}
  for k, subject in ipairs(team.ranking) do
    rows[k] = row_of[subject]
  end
  support.assert_deep_equal(m.ranking, rows, "ranking")
  support.assert_deep_equal(rows, { 1, 6, 2, 5, 3, 4 }, "ranking by hand")
  local t = m:to_table()
  support.assert_equal(t.report, "team_matrix", "report")
  support.assert_deep_equal(t.targets, team:to_table().targets, "to_table targets")
  support.assert_deep_equal(t.ranking, rows, "to_table ranking")
end

function T.flat_table_with_people_gives_the_same()
  local rows = rows_of(people)
  local by_rows = profile:analyze_matrix(rows)
  local flat = flat_of(rows, N)
  -- The last levels of the last row may be nil: people says how many.
  local by_flat = profile:analyze_matrix(flat, 6)
  support.assert_deep_equal(by_flat.fits, by_rows.fits, "fits")
  support.assert_deep_equal(by_flat:achieved_matrix(), by_rows:achieved_matrix(), "achieved")
  local packed = table.pack(table.unpack(flat, 1, 6 * N))
  support.assert_deep_equal(competency.team_matrix(profile, packed).fits, by_rows.fits,
    "table.pack's n")
  -- NaN (0/0) is unrated as nil is.
  local nans = {}
  for k = 1, 6 * N do
    nans[k] = flat[k] == nil and 0 / 0 or flat[k]
  end
  support.assert_deep_equal(profile:analyze_matrix(nans, 6).fits, by_rows.fits, "NaN")
end

function T.missing_zero_reaches_c()
  local zero = profile:analyze_matrix(rows_of(people), nil, { missing = "zero" })
  local team = competency.team(people, profile, { missing = "zero" })
  for i, g in ipairs(team:people()) do
    support.assert_equal(zero:fit(i), g.fit, "zero fit " .. i)
  end
  assert(zero:fit(2) ~= profile:analyze_matrix(rows_of(people)):fit(2))
end

function T.score_matrix_equals_scores()
  local rows = fw:score_matrix(rows_of(people))
  support.assert_equal(#rows, 6, "rows")
  for i, a in ipairs(people) do
    local scores = competency.scores(a)
    for e = 1, N do
      local entry = scores:get(fw[e].id)
      support.assert_equal(rows[i][e], entry and entry.normalized, a.subject .. " " .. fw[e].id)
    end
  end
end

-- Rows (columns A, A.1, A.2, B), fit = sum(I min(An, Ln)) / 2.5:
--   1: A.1 3, B 2: A = 3 (A.2 skipped), An 1 -> 0.5; B An 0.5 -> 0.5:
--      fit 1.5 / 2.5 = 0.6; B unmet: not ready.
--   2: A 1 (overrides its rollup), A.1 3; B unassessed: fit 0.
--   3: A.1 1, A.2 3, B 3: A = (1 + 2 * 3) / 3 = 7/3, An 2/3 -> 0.5;
--      B 1 -> 1: fit 2.5 / 2.5 = 1; ready.
-- Targets: A 3, 1, 7/3: mean 19/9, min 1, max 3, 2 meeting; B 2, nil, 3:
-- assessed 2, mean 2.5, 1 meeting (a single point of failure).
local HAND = { nil, 3, nil, 2, 1, 3, nil, nil, nil, 1, 3, 3 }

function T.hand_worked_case()
  local sfw, role = small()
  local m = role:analyze_matrix(HAND, 3)
  support.assert_equal(#m, 3, "people")
  close(m:fit(1), 0.6, "fit 1")
  support.assert_equal(m:fit(2), 0, "fit 2")
  support.assert_equal(m:fit(3), 1, "fit 3")
  support.assert_deep_equal(m.readiness, { false, false, true }, "readiness")
  support.assert_deep_equal(m.ranking, { 3, 1, 2 }, "ranking")
  local statuses = {}
  for i = 1, 3 do
    statuses[i] = { m:status(i, 1), m:status(i, "B") }
  end
  support.assert_deep_equal(statuses, {
    { "met", "unmet" }, { "unmet", "unassessed" }, { "met", "met" },
  }, "statuses")
  local achieved = m:achieved_matrix()
  support.assert_equal(achieved[1][1], 3, "A row 1")
  support.assert_equal(achieved[2][2], nil, "B row 2")
  support.assert_equal(m:achieved(2, "B"), nil, "B row 2")
  close(achieved[3][1], 7 / 3, "A row 3")
  local a, b = m:target(1), m:target("B")
  support.assert_equal(a.assessed, 3, "A assessed")
  close(a.mean, 19 / 9, "A mean")
  support.assert_deep_equal({ a.min, a.max, a.meeting, a.single_point_of_failure },
    { 1, 3, 2, false }, "A")
  support.assert_deep_equal(b, {
    element = "B", assessed = 2, mean = 2.5, min = 2, max = 3, meeting = 1,
    single_point_of_failure = true,
  }, "B")
  -- missing = "zero": row 1's A = (3 + 2 * 1) / 3 = 5/3, An 1/3 < 0.5:
  -- fit (1/3 + 1) / 2.5 = 8/15.
  local zero = role:analyze_matrix(HAND, 3, { missing = "zero" })
  close(zero:fit(1), 8 / 15, "zero fit 1")
  support.assert_equal(zero:status(1, "A"), "unmet", "zero status")
  -- Scores: row 1's A from A.1 alone (1), A.2 unscored, B 0.5; row 3's A
  -- (7/3 - 1) / 2 = 2/3.
  local scores = sfw:score_matrix(HAND, 3)
  support.assert_deep_equal({ scores[1][1], scores[1][2], scores[1][3], scores[1][4] },
    { 1, 1, nil, 0.5 }, "score row 1")
  close(scores[3][1], 2 / 3, "score row 3")
end

function T.threads_give_the_same()
  local width = N
  local count = 400
  local flat = { n = count * width }
  local seed = 12345
  local function next_random(limit)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % limit
  end
  local values = {}
  for e = 1, width do
    values[e] = {}
    for _, level in ipairs(fw[e].scale.levels) do
      values[e][#values[e] + 1] = level.value
    end
  end
  for i = 0, count - 1 do
    for e = 1, width do
      if next_random(10) < 6 then
        flat[i * width + e] = values[e][next_random(#values[e]) + 1]
      end
    end
  end
  local one = profile:analyze_matrix(flat)
  for _, threads in ipairs({ 2, 0 }) do
    local other = profile:analyze_matrix(flat, count, { threads = threads })
    support.assert_deep_equal(other.fits, one.fits, "fits, threads " .. threads)
    support.assert_deep_equal(other:achieved_matrix(), one:achieved_matrix(), "achieved")
    support.assert_deep_equal(other.ranking, one.ranking, "ranking")
    support.assert_deep_equal(other:targets(), one:targets(), "targets")
    support.assert_deep_equal(fw:score_matrix(flat, count, { threads = threads }),
      fw:score_matrix(flat, count), "scores")
  end
end

function T.report_outlives_its_inputs()
  local m
  do
    local sfw, role = small()
    m = role:analyze_matrix(HAND, 3)
  end
  collectgarbage()
  collectgarbage()
  support.assert_equal(m:target(2).element, "B", "target")
  support.assert_equal(m.profile.framework.id, "tiny", "framework")
end

function T.errors()
  local sfw, role = small()
  -- A level outside its scale (the 12th number: row 3, element B): the
  -- message names the row (from 1, as Lua counts) and the element.
  local bad = { nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, 7 }
  for _, call in ipairs({
    function() return role:analyze_matrix(bad, 3) end,
    function() return sfw:score_matrix(bad, 3) end,
  }) do
    local err = support.raises(call)
    assert(competency.is_error(err), tostring(err))
    support.assert_equal(err.code, "CF_EINVALID", "code")
    assert(err.message:find("row 3,", 1, true) and err.message:find("'B'", 1, true), err.message)
  end
  -- Lengths that are not people x #fw.
  local err = support.raises(role.analyze_matrix, role, { 1, 2, 3, 1, 2 })
  support.assert_equal(err.code, "CF_EARG", "code")
  assert(err.message:find("5", 1, true), err.message)
  err = support.raises(role.analyze_matrix, role, { 1, 2, 3, 1, 2 }, 1)
  assert(err:find("5 levels, more than 1 people x 4", 1, true), err)
  -- With people given, missing numbers at the end are unrated: row 2 here.
  local short = role:analyze_matrix({ 1, 2, 3, 1 }, 2)
  support.assert_equal(short:status(2, "A"), "unassessed", "short")
  err = support.raises(role.analyze_matrix, role, {})
  assert(tostring(err):find("empty", 1, true), tostring(err))
  -- Misuse raises strings.
  err = support.raises(role.analyze_matrix, role, { 1, "2", 3, 1 })
  assert(type(err) == "string" and err:find("levels[2]", 1, true), tostring(err))
  err = support.raises(role.analyze_matrix, role, nil)
  assert(type(err) == "string" and err:find("table of levels expected", 1, true), err)
  err = support.raises(role.analyze_matrix, role, { 1, 2, 3, 1 }, 0)
  assert(err:find("people", 1, true), err)
  err = support.raises(role.analyze_matrix, role, { 1, 2, 3, 1 }, 1, { threads = -1 })
  assert(err:find("threads", 1, true), err)
  err = support.raises(role.analyze_matrix, role, { 1, 2, 3, 1 }, 1, { missing = "nope" })
  assert(err:find("missing", 1, true), err)
  err = support.raises(role.analyze_matrix, role, { { 1, 2, 3, 1 }, 5 })
  assert(err:find("row 2", 1, true), err)
  err = support.raises(role.analyze_matrix, role, { { 1, 2, 3, 1, 2 } })
  assert(err:find("row 1 has 5 levels", 1, true), err)
  err = support.raises(competency.team_matrix, nil, { 1, 2, 3, 1 })
  assert(err:find("competency.Profile expected", 1, true), err)
  local m = role:analyze_matrix({ 1, 2, 3, 1 })
  err = support.raises(m.fit, m, 2)
  assert(err:find("row 2 out of range", 1, true), err)
  err = support.raises(m.status, m, 1, "A.1")
  assert(err:find("not a target", 1, true), err)
  err = support.raises(m.achieved, m, 1, 3)
  assert(err:find("target 3 out of range", 1, true), err)
end

support.run(T)
