-- Every report kind from Lua: scores, gap, team, consolidation, progress.
-- Each report's to_table() equals the C JSON that the command-line tool
-- writes for the same inputs, read by the binding's JSON walker and by a
-- JSON reader in Lua; the numbers read through the accessors are the
-- ones in the JSON; render() gives the CLI's text byte for byte. The SOLS
-- demo case (Wren Folio against Branch Manager) gives exactly the C
-- numbers.
local support = require "support"
local competency = require "competency"

local T = {}

local F = "frameworks/sols-community-relations.yaml"
local P = "examples/profiles/branch-manager.yaml"
local A = "examples/assessments/"
local MANAGERS = {
  "harriet-quill", "juniper-stacks", "omar-colophon", "priya-vellum",
  "tobias-ledger", "wren-folio",
}

local fw = competency.load(F)
local profile = competency.Profile.load(fw, P)

local function one(path)
  local list = competency.Assessment.load(fw, path)
  support.assert_equal(#list, 1, path .. " holds one assessment")
  return list[1]
end

-- The CLI's JSON for the arguments, as a table (by the C walker), checked
-- against the Lua reader's table of the same text.
local function cli_table(...)
  local text = support.run_cli(...)
  local t = competency.json_decode(text)
  support.assert_deep_equal(t, support.json_read(text), "C walker vs Lua reader")
  return t, text
end

function T.scores()
  local a = one(A .. "wren-folio-manager.yaml")
  local s = competency.scores(a)
  local expected = cli_table("score", "--format", "json", F, A .. "wren-folio-manager.yaml")
  -- score renders several reports: JSON is an array even for one.
  support.assert_deep_equal(s:to_table(), expected[1], "scores to_table vs CLI")
  local t = s:to_table()
  support.assert_equal(t.report, "scores", "report")
  support.assert_equal(t.subject, "Wren Folio", "subject")
  -- The accessors give the JSON's numbers.
  for _, entry in ipairs(t.elements) do
    local e = s:get(entry.element)
    support.assert_deep_equal(e, entry, "scores:get(" .. entry.element .. ")")
  end
  support.assert_equal(s:get("CR.1.2"), nil, "an unscored element")
  local cr = s:get("CR")
  support.assert_equal(cr.source, "derived", "source")
  assert(cr.coverage > 0 and cr.coverage < 1, "coverage")
  -- An unrated element is absent from the JSON and nil in Lua.
  assert(s.assessment == a, "scores.assessment")
end

function T.scores_missing_zero()
  local a = one(A .. "wren-folio-manager.yaml")
  local s = competency.scores(a, { missing = "zero" })
  local expected = cli_table("score", "--format", "json", "--missing", "zero", F,
    A .. "wren-folio-manager.yaml")
  support.assert_deep_equal(s:to_table(), expected[1], "missing=zero")
  local err = support.raises(competency.scores, a, { missing = "sometimes" })
  assert(tostring(err):find("missing", 1, true), tostring(err))
end

function T.gap_sols_demo_case()
  local a = one(A .. "wren-folio-manager.yaml")
  local r = competency.gap(a, profile)
  local expected = cli_table("gap", "--format", "json", F, P, A .. "wren-folio-manager.yaml")
  support.assert_deep_equal(r:to_table(), expected[1], "gap to_table vs CLI")
  -- Exactly the C numbers: 6/7 and not ready, CR.1.1 first.
  support.assert_equal(r.fit, expected[1].fit, "fit")
  support.assert_equal(r.fit, 0.8571428571428572, "fit is 6/7 as C computes it")
  support.assert_equal(r.ready, false, "not ready")
  support.assert_deep_equal(r.priorities, { "CR.1.1", "CR.1" }, "priorities")
  support.assert_equal(#r, 9, "#r: nine targets")
  for i, target in ipairs(r:targets()) do
    support.assert_deep_equal(target, expected[1].targets[i], "target " .. i)
  end
  local t = r:target("CR.1.1")
  support.assert_equal(t.status, "unmet", "status")
  support.assert_equal(t.required, 3, "required")
  support.assert_equal(t.achieved, 2, "achieved")
  support.assert_equal(t.gap, 1, "gap")
  support.assert_equal(t.critical, true, "critical")
  support.assert_equal(r:target("CR.4.1"), nil, "not a target")
  assert(r.assessment == a and r.profile == profile, "inputs")
  support.assert_equal(competency.scores(a):get("CR.6").score, expected[1].targets[8].achieved,
    "the score behind a target")
end

function T.gap_unassessed_is_nil()
  -- Omar Colophon has nothing rated under CR.4: its achievement is null
  -- in JSON, nil in Lua; the key is absent unless a null value is given.
  local a = one(A .. "omar-colophon-manager.yaml")
  local r = competency.gap(a, profile)
  local t = r:target("CR.4")
  support.assert_equal(t.status, "unassessed", "status")
  support.assert_equal(t.achieved, nil, "achieved")
  support.assert_equal(t.gap, nil, "gap")
  local with_null = r:to_table(competency.null)
  for _, target in ipairs(with_null.targets) do
    if target.element == "CR.4" then
      assert(target.achieved == competency.null, "null kept as competency.null")
    end
  end
  local expected = cli_table("gap", "--format", "json", F, P, A .. "omar-colophon-manager.yaml")
  support.assert_deep_equal(r:to_table(), expected[1], "to_table vs CLI")
end

function T.gap_render_matches_the_cli()
  local path = A .. "wren-folio-manager.yaml"
  local r = competency.gap(one(path), profile)
  for _, format in ipairs({ "text", "json", "csv", "markdown", "html" }) do
    local cli = support.run_cli("gap", "--format", format, "--width", "80", F, P, path)
    support.assert_equal(r:render(format, { width = 80 }), cli, "render " .. format)
  end
  support.assert_equal(r:render(), r:render("text"), "text by default")
  -- to_json is the single object; render("json") the array of one.
  support.assert_deep_equal(competency.json_decode(r:to_json()), r:to_table(), "to_json")
  assert(not r:to_json():find("\n"), "compact by default")
  assert(r:to_json(true):find("\n  \"report\": \"gap\""), "pretty")
  assert(r:render("text", { width = 100 }) ~= r:render("text", { width = 60 }), "width")
  assert(r:render("text", { color = true }):find("\27%["), "color")
end

function T.team()
  local people, args = {}, { "team", "--format", "json", F, P }
  for _, name in ipairs(MANAGERS) do
    people[#people + 1] = one(A .. name .. "-manager.yaml")
    args[#args + 1] = A .. name .. "-manager.yaml"
  end
  local r = competency.team(people, profile)
  local expected = cli_table(table.unpack(args))
  support.assert_deep_equal(r:to_table(), expected, "team to_table vs CLI")
  support.assert_deep_equal(r.ranking, expected.ranking, "ranking")
  support.assert_equal(r.ranking[1], "Harriet Quill", "best fit")
  support.assert_equal(#r, 6, "#r: six people")
  local people_reports = r:people()
  support.assert_equal(#people_reports, 6, "a gap report per person")
  support.assert_equal(people_reports[6].fit, 0.8571428571428572, "Wren's fit")
  for i, target in ipairs(r:targets()) do
    support.assert_deep_equal(target, expected.targets[i], "target " .. i)
  end
  -- Assessments of the same people from the CSV give the same report.
  local csv = competency.Assessment.load(fw, A .. "team.csv")
  support.assert_equal(#csv, 6, "six people in team.csv")
  support.assert_deep_equal(competency.team(csv, profile):to_table().targets, expected.targets,
    "from CSV")
  args[3] = "text"
  table.insert(args, 4, "--width")
  table.insert(args, 5, "80")
  support.assert_equal(r:render("text", { width = 80 }), support.run_cli(table.unpack(args)),
    "text")
end

function T.consolidation()
  local files = { "manager", "peer", "self" }
  local list, args = {}, { "consolidate", "--format", "json", "--weight", "manager=2", F }
  for _, role in ipairs(files) do
    local path = A .. "tobias-ledger-" .. role .. ".yaml"
    list[#list + 1] = one(path)
    args[#args + 1] = path
  end
  local c = competency.consolidate(list, { weights = { manager = 2 } })
  local expected = cli_table(table.unpack(args))
  support.assert_deep_equal(c:to_table(), expected, "consolidation to_table vs CLI")
  local blind = 0
  for _, e in ipairs(expected.elements) do
    support.assert_deep_equal(c:get(e.element), e, "consolidation:get(" .. e.element .. ")")
    if e.flag == "blind_spot" then
      blind = blind + 1
    end
  end
  assert(blind >= 5, "Tobias Ledger's blind spots")
  local inputs = c:inputs()
  support.assert_equal(#inputs, 3, "three raters")
  support.assert_equal(inputs[1].weight, 2, "the manager weighs 2")
  support.assert_equal(inputs[3].weight, 1, "self weighs 1")
  assert(inputs[1].assessment == list[1], "the inputs are the assessments given")
  support.assert_equal(c.subject, "Tobias Ledger", "subject")
  local merged = c.assessment
  support.assert_equal(merged.subject, "Tobias Ledger", "the consolidated assessment")
  -- Threshold: a high one flags nothing.
  local calm = competency.consolidate(list, { threshold = 10 })
  for _, e in ipairs(calm:to_table().elements) do
    support.assert_equal(e.flag, "none", "threshold 10")
  end
end

function T.progress()
  local before = one(A .. "harriet-quill-2025.yaml")
  local after = one(A .. "harriet-quill-manager.yaml")
  local r = competency.progress(before, after, profile)
  local expected = cli_table("progress", "--format", "json", "--profile", P, F,
    A .. "harriet-quill-2025.yaml", A .. "harriet-quill-manager.yaml")
  support.assert_deep_equal(r:to_table(), expected, "progress to_table vs CLI")
  support.assert_equal(r.fit_before, expected.fit_before, "fit before")
  support.assert_equal(r.fit_after, expected.fit_after, "fit after")
  for _, e in ipairs(expected.elements) do
    support.assert_deep_equal(r:get(e.element), e, "progress:get(" .. e.element .. ")")
  end
  assert(r.before == before and r.after == after and r.profile == profile, "its inputs")
  support.assert_equal(r.fit_change, expected.fit_change, "fit change")
  -- Without a profile, no fit.
  local bare = competency.progress(before, after)
  support.assert_equal(bare.fit_before, nil, "no fit without a profile")
  local plain = cli_table("progress", "--format", "json", F,
    A .. "harriet-quill-2025.yaml", A .. "harriet-quill-manager.yaml")
  support.assert_deep_equal(bare:to_table(), plain, "progress without a profile")
end

function T.reports_built_from_tables()
  -- Assessment.new and Profile.new give the same report as the files.
  local file = one(A .. "wren-folio-manager.yaml")
  local ratings = file:ratings()
  support.assert_equal(ratings["CR.1.1"], 2, "ratings()")
  local a = competency.Assessment.new(fw, "Wren Folio", ratings, {
    rater = "Celeste Marginalia", role = "manager", date = "2026-03-19",
  })
  local targets = {}
  for _, t in ipairs(profile:targets()) do
    targets[#targets + 1] = {
      element = t.element.id, level = t.level, importance = t.importance, critical = t.critical,
    }
  end
  local p = competency.Profile.new(fw, "branch-manager", "Branch Manager", targets)
  support.assert_deep_equal(competency.gap(a, p):to_table(), competency.gap(file, profile):to_table(),
    "same report")
end

function T.assessments_and_profiles_from_text()
  local path = A .. "wren-folio-manager.yaml"
  local from_text = competency.Assessment.loads(fw, support.read_file(path), "wren.yaml")
  support.assert_equal(#from_text, 1, "one assessment")
  support.assert_equal(from_text[1].source, "wren.yaml", "source")
  support.assert_deep_equal(from_text[1]:ratings(), one(path):ratings(), "same ratings")
  -- CSV text, by format.
  local csv = support.read_file(A .. "team.csv")
  local people = competency.Assessment.loads(fw, csv, "team.csv", "csv")
  support.assert_equal(#people, 6, "six people in the CSV")
  local wren
  for _, a in ipairs(people) do
    if a.subject == "Wren Folio" then
      wren = a
    end
  end
  support.assert_deep_equal(wren:ratings(), one(path):ratings(), "the CSV rates Wren the same")
  assert(wren.line > 1, "the line where its rows start")
  -- A CSV error in text names the row and field.
  local err = support.raises(competency.Assessment.loads, fw,
    "subject,element,level\nAnn,CR.1.1,7\n", "bad.csv", "csv")
  support.assert_equal(err.source, "bad.csv", "source")
  support.assert_equal(err.line, 2, "line")
  assert(err.column > 0, "column")
  -- A profile from text equals the file's.
  local p = competency.Profile.loads(fw, support.read_file(P), "bm.yaml")
  support.assert_equal(#p, #profile, "targets")
  support.assert_deep_equal(competency.gap(wren, p):to_table(), competency.gap(wren, profile):to_table(),
    "same gap report")
  support.assert_deep_equal(p:extensions(), profile:extensions(), "extensions")
  support.assert_equal(p:extensions()["x-owner"], "Human Resources", "x-owner")
end

function T.tostring_of_reports()
  local r = competency.gap(one(A .. "wren-folio-manager.yaml"), profile)
  local s = tostring(r)
  assert(s:find("Wren Folio", 1, true) and s:find("branch-manager", 1, true), s)
end

support.run(T)
