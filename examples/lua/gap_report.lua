-- Gap reports from Lua: how each person fits a role's profile, and what
-- to work on first.
--
--   lua5.4 examples/lua/gap_report.lua [FRAMEWORK PROFILE ASSESSMENT...]
--
-- Without arguments it reports on the sample branch team
-- (examples/assessments/*-manager.yaml) against the Branch Manager profile.
-- Run it from the source tree after `make build` with the module on Lua's
-- paths (LUA_CPATH='build/bindings/lua/?.so;;'
-- LUA_PATH='build/bindings/lua/?.lua;;'), or
-- anywhere after `make install`.
local competency = require "competency"

local framework_path = arg[1] or "frameworks/sols-community-relations.yaml"
local profile_path = arg[2] or "examples/profiles/branch-manager.yaml"
local assessment_paths = { table.unpack(arg, 3) }
if #assessment_paths == 0 then
  for _, name in ipairs({ "harriet-quill", "juniper-stacks", "omar-colophon",
    "priya-vellum", "tobias-ledger", "wren-folio" }) do
    assessment_paths[#assessment_paths + 1] = "examples/assessments/" .. name .. "-manager.yaml"
  end
end

-- A level for people: 3 stays 3, 2.5 becomes 2.5, 3.8000000000000003 3.8.
local function level(x)
  if x == nil then
    return "none"
  end
  return (string.format("%.2f", x):gsub("%.?0+$", ""))
end

local function report(framework, profile, path)
  for _, assessment in ipairs(competency.Assessment.load(framework, path)) do
    local r = competency.gap(assessment, profile)
    print(string.format("%s against %s: fit %d%%, %s", assessment.subject,
      profile.title or profile.id, math.floor(r.fit * 100 + 0.5),
      r.ready and "ready" or "not ready"))
    for i, id in ipairs(r.priorities) do
      local t = r:target(id)
      local why
      if t.status == "unassessed" then
        why = "not assessed"
      else
        why = string.format("%s below the required %s", level(t.gap), level(t.required))
      end
      print(string.format("  %d. %-7s %s%s", i, id, why, t.critical and " (critical)" or ""))
    end
  end
end

-- Errors from the library are competency.Error objects; tostring gives
-- "file:line:column: message", as a compiler would.
local ok, err = pcall(function()
  local framework = competency.load(framework_path)
  local profile = competency.Profile.load(framework, profile_path)
  for _, path in ipairs(assessment_paths) do
    report(framework, profile, path)
  end
end)
if not ok then
  io.stderr:write("gap_report.lua: ", tostring(err), "\n")
  os.exit(1)
end
