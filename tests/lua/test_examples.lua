-- examples/lua/gap_report.lua: run as a user would, its fits, readiness
-- and priorities are those of the C library (the CLI's team report for
-- the same people), and a bad input ends it with C's message.
local support = require "support"
local competency = require "competency"

local T = {}

local function run(...)
  local words = { os.getenv("CF_LUA") or "lua5.4", support.path("examples/lua/gap_report.lua") }
  for _, a in ipairs({ ... }) do
    words[#words + 1] = "'" .. a .. "'"
  end
  local p = assert(io.popen(table.concat(words, " ") .. " 2>&1"))
  local out = p:read("a")
  local ok, _, code = p:close()
  return out, ok, code
end

function T.gap_report_of_the_team()
  local out, ok = run()
  assert(ok, "the example failed:\n" .. out)
  local args = { "team", "--format", "json", "frameworks/sols-community-relations.yaml",
    "examples/profiles/branch-manager.yaml" }
  local names = { "harriet-quill", "juniper-stacks", "omar-colophon", "priya-vellum",
    "tobias-ledger", "wren-folio" }
  for _, name in ipairs(names) do
    args[#args + 1] = "examples/assessments/" .. name .. "-manager.yaml"
  end
  local team = competency.json_decode(support.run_cli(table.unpack(args)))
  local expected = {}
  for _, person in ipairs(team.people) do
    expected[#expected + 1] = string.format("%s against Branch Manager: fit %d%%, %s",
      person.subject, math.floor(person.fit * 100 + 0.5), person.ready and "ready" or "not ready")
    for i, id in ipairs(person.unmet) do
      expected[#expected + 1] = string.format("  %d. %-7s ", i, id)
    end
  end
  local got = {}
  for line in out:gmatch("[^\n]+") do
    got[#got + 1] = line
  end
  support.assert_equal(#got, #expected, "lines")
  for i, line in ipairs(expected) do
    support.assert_equal(got[i]:sub(1, #line), line, "line " .. i)
  end
  assert(out:find("Wren Folio against Branch Manager: fit 86%, not ready\n  1. CR.1.1  1 below "
    .. "the required 3 (critical)\n", 1, true), out)
end

function T.bad_input()
  local out, ok, code = run("tests/data/bad/unknown-key-element.yaml",
    "examples/profiles/branch-manager.yaml")
  assert(not ok and code == 1, "exit status 1")
  support.assert_equal(out, "gap_report.lua: tests/data/bad/unknown-key-element.yaml:16:11: "
    .. "unknown key 'titel' in element 'CR.1' (did you mean 'title'?)\n", "message")
end

support.run(T)
