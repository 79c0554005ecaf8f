-- profile:to_yaml() and profile:dumps(): the C library's YAML writer
-- (cf_profile_to_yaml), read back by Profile.loads to the same profile,
-- whatever the title holds.
local support = require "support"
local competency = require "competency"

local T = {}

-- Text that needs quoting, escaping or a block style to survive YAML.
local HOSTILE = {
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
  "bell\a, tab\t and delete\127",
  "line one\n---\n...\n  indented\n",
  "crlf\r\nline",
  string.rep("x", 5000) .. ": " .. string.rep("y", 5000),
}

local function targets(p)
  local t = {}
  for i, target in ipairs(p:targets()) do
    t[i] = { target.element.id, target.level, target.importance, target.critical }
  end
  return t
end

function T.round_trip_hostile_title()
  local fw = competency.load(support.SOLS)
  for _, title in ipairs(HOSTILE) do
    local p = competency.Profile.new(fw, "lead", title, {
      { element = "CR.1", level = 3 },
      { element = "CR.4", level = 2, importance = 1.5 },
      { element = "CR.5", level = 3, importance = 2, critical = true },
    })
    local text = p:to_yaml()
    support.assert_equal(type(text), "string", "to_yaml gives text")
    support.assert_equal(p:dumps(), text, "dumps is to_yaml")
    local q = competency.Profile.loads(fw, text, "written.yaml")
    support.assert_equal(q.title, title, "title read back")
    support.assert_equal(q.id, "lead", "id read back")
    support.assert_deep_equal(targets(q), targets(p), "targets read back")
    support.assert_equal(q:to_yaml(), text, "the same text again")
  end
end

function T.round_trip_file()
  local fw = competency.load(support.SOLS)
  local p = competency.Profile.load(fw, support.BRANCH_MANAGER)
  local text = p:to_yaml()
  assert(text:find("^profile:\n  id: branch%-manager\n"), text)
  local q = competency.Profile.loads(fw, text)
  support.assert_equal(q.title, p.title, "title")
  support.assert_equal(q.description, p.description, "description")
  support.assert_deep_equal(q:extensions(), p:extensions(), "extensions")
  support.assert_deep_equal(targets(q), targets(p), "targets")
end

function T.no_targets()
  local fw = competency.load(support.SOLS)
  local p = competency.Profile.new(fw, "empty")
  local err = support.raises(p.to_yaml, p)
  assert(tostring(err):find("no targets"), tostring(err))
end

support.run(T)
