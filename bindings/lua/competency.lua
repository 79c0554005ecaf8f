--[[
competency: load competency frameworks and score people against them, from
Lua 5.4. The module scripts use:

    local competency = require "competency"
    local fw = competency.load("frameworks/sols-community-relations.yaml")
    print(#fw, fw["CR.1.1"].title)

It wraps competency.core, the C module that SWIG generates from
bindings/lua/competency.i, with the conventions a Lua programmer expects;
bindings/lua/README.md describes every function. In brief:

  - Objects (Framework, Element, Scale, Level, Assessment, Profile and the
    reports) are tables with a metatable; their fields read the C library
    (fw.id, el.title, r.fit), their methods use the colon (fw:find(id)).
  - Positions are 1-based: fw[1] is the first element in pre-order,
    el.index is its position, levels[1] the lowest level.
  - "No value" is nil: an absent description, an unscored element, an
    unassessed target's achievement.
  - Failures of the library raise, with error(), a competency.Error: a
    table with message, code ("CF_EINVALID", ...), reason, source, line,
    column and offset, whose tostring() is C's "source:line:column:
    message". Misuse (a wrong argument type, an unknown option, an id
    that is not in the framework where one must be) raises a string, as
    Lua's own functions do.
  - Reports become plain tables with report:to_table(), which equals the
    JSON of docs/reports.md (JSON null becomes nil, or the value given).
  - Every object keeps alive what it needs (C reference counts): drop
    anything in any order.
]]

local core = require "competency.core"

local M = {}

M.VERSION = core.version()
M.Error = core.Error
-- A value that to_table() and json_decode() may put where JSON has null
-- (they put nil unless asked): unique, read-only, printed as "null".
M.null = setmetatable({}, {
  __name = "competency.null",
  __tostring = function() return "null" end,
  __newindex = function() error("competency.null is read-only", 2) end,
  __metatable = false,
})
M.json_decode = core.json_decode

--- The version of the C library, "MAJOR.MINOR.PATCH".
function M.version()
  return core.version()
end

--- Whether v is an error object raised by the library.
function M.is_error(v)
  return getmetatable(v) == core.Error
end

---------------------------------------------------------------------------
-- Objects: a table holding the core handle under a private key, with a
-- class metatable that serves methods, then fields, then (for some
-- classes) a lookup.
---------------------------------------------------------------------------

local H = setmetatable({}, { __name = "competency handle key" })

local function handle(obj)
  local h = type(obj) == "table" and rawget(obj, H)
  if not h then
    error("expected a competency object as self (call methods with ':')", 3)
  end
  return h
end

-- A class: the metatable of its objects and the table scripts see as
-- competency.Name (for its constructors).
local function class(name)
  local cls = {
    __name = "competency." .. name,
    methods = {},
    fields = {},
    setters = {},
  }
  local methods, fields = cls.methods, cls.fields
  function cls.__index(self, key)
    local m = methods[key]
    if m ~= nil then
      return m
    end
    local f = fields[key]
    if f ~= nil then
      return f(handle(self), self)
    end
    local lookup = cls.lookup
    if lookup ~= nil then
      return lookup(self, key)
    end
    return nil
  end
  function cls.__newindex(self, key, value)
    local set = cls.setters[key]
    if set == nil then
      error(string.format("%s: cannot set field '%s'", cls.__name, tostring(key)), 2)
    end
    set(handle(self), value)
  end
  return cls
end

-- The handles of a and b when both are objects of class cls (for __eq,
-- which Lua also calls with a table of another kind).
local function handles_of(cls, a, b)
  if getmetatable(a) ~= cls or getmetatable(b) ~= cls then
    return nil
  end
  return rawget(a, H), rawget(b, H)
end

local function wrap(cls, h)
  if h == nil then
    return nil
  end
  return setmetatable({ [H] = h }, cls)
end

-- The handle of argument n of function fname, which must be of class cls.
local function check(v, cls, n, fname)
  if getmetatable(v) ~= cls then
    error(string.format("bad argument #%d to '%s' (%s expected, got %s)", n, fname,
      cls.__name, type(v) == "table" and (getmetatable(v) or {}).__name or type(v)), 3)
  end
  return handle(v)
end

local function check_string(v, n, fname)
  if type(v) ~= "string" then
    error(string.format("bad argument #%d to '%s' (string expected, got %s)", n, fname,
      type(v)), 3)
  end
  return v
end

local function check_options(v, n, fname)
  if v == nil then
    return {}
  end
  if type(v) ~= "table" then
    error(string.format("bad argument #%d to '%s' (table of options expected, got %s)", n,
      fname, type(v)), 3)
  end
  return v
end

-- The extensions (x- keys) of a core object as a table key -> text.
local function extensions(h)
  local t = {}
  for i = 0, h:extension_count() - 1 do
    t[h:extension_key(i)] = h:extension_value(i)
  end
  return t
end

-- A list of core objects from count and get(i) (0-based), wrapped.
local function list(cls, count, get)
  local t = {}
  for i = 0, count - 1 do
    t[i + 1] = wrap(cls, get(i))
  end
  return t
end

local Framework = class("Framework")
local Element = class("Element")
local Scale = class("Scale")
local Level = class("Level")
local Assessment = class("Assessment")
local Profile = class("Profile")
local Scores = class("Scores")
local GapReport = class("GapReport")
local TeamReport = class("TeamReport")
local Consolidation = class("Consolidation")
local ProgressReport = class("ProgressReport")

M.Framework, M.Element, M.Scale, M.Level = Framework, Element, Scale, Level
M.Assessment, M.Profile = Assessment, Profile
M.Scores, M.GapReport, M.TeamReport = Scores, GapReport, TeamReport
M.Consolidation, M.ProgressReport = Consolidation, ProgressReport

-- The element of core framework fwh with this id, or an error naming the
-- closest id (a string, raised at the caller's caller).
local function element_index(fwh, id, fname)
  if getmetatable(id) == Element then
    local eh = handle(id)
    if eh:framework():identity() ~= fwh:identity() then
      error(string.format("%s: element '%s' is of another framework", fname, eh:id()), 3)
    end
    return eh:index()
  end
  check_string(id, 2, fname)
  local eh = fwh:find(id)
  if eh == nil then
    local close = fwh:suggest(id)
    error(string.format("%s: no element '%s' in framework '%s'%s", fname, id, fwh:id(),
      close and string.format(" (did you mean '%s'?)", close) or ""), 3)
  end
  return eh:index()
end

---------------------------------------------------------------------------
-- Framework
---------------------------------------------------------------------------

--- Loads the framework in the YAML file at path.
function Framework.load(path)
  return wrap(Framework, core.framework_load(check_string(path, 1, "load")))
end

--- Loads a framework from YAML text; source names it in errors
--- (default "<buffer>").
function Framework.loads(text, source)
  check_string(text, 1, "loads")
  return wrap(Framework, core.framework_loads(text, source))
end

M.load = Framework.load
M.loads = Framework.loads

do
  local f, m = Framework.fields, Framework.methods
  function f.id(h) return h:id() end
  function f.title(h) return h:title() end
  function f.version(h) return h:version() end
  function f.publisher(h) return h:publisher() end
  function f.language(h) return h:language() end
  function f.description(h) return h:description() end
  function f.source(h) return h:source() end
  function f.default_scale(h) return wrap(Scale, h:default_scale()) end
  function f.hierarchy(h)
    local t = {}
    for d = 0, h:hierarchy_count() - 1 do
      t[d + 1] = h:hierarchy_name(d)
    end
    return t
  end

  --- The element with this id, nil when there is none.
  function m.find(self, id)
    return wrap(Element, handle(self):find(check_string(id, 2, "find")))
  end

  --- The element with this id; raises "no element ... (did you mean ...?)"
  --- when there is none.
  function m.get(self, id)
    local h = handle(self)
    return wrap(Element, h:element(element_index(h, id, "get")))
  end

  --- Every element in pre-order, as a sequence.
  function m.elements(self)
    local h = handle(self)
    return list(Element, h:element_count(), function(i) return h:element(i) end)
  end

  --- The top-level elements, in file order.
  function m.roots(self)
    local h = handle(self)
    return list(Element, h:root_count(), function(i) return h:root(i) end)
  end

  --- The scales, in file order.
  function m.scales(self)
    local h = handle(self)
    return list(Scale, h:scale_count(), function(i) return h:scale(i) end)
  end

  --- The scale with this id, nil when there is none.
  function m.scale(self, id)
    return wrap(Scale, handle(self):find_scale(check_string(id, 2, "scale")))
  end

  --- The x- keys of the framework: a table key -> text.
  function m.extensions(self)
    return extensions(handle(self))
  end
end

-- fw[i]: the i-th element in pre-order; fw[id]: the element with that id.
function Framework.lookup(self, key)
  local h = handle(self)
  if type(key) == "number" then
    local i = math.tointeger(key)
    if i and i >= 1 and i <= h:element_count() then
      return wrap(Element, h:element(i - 1))
    end
    return nil
  elseif type(key) == "string" then
    return wrap(Element, h:find(key))
  end
  return nil
end

-- Lua 5.4 passes the object twice to __len.
function Framework.__len(self)
  return handle(self):element_count()
end

-- pairs(fw): id, element for every element, in pre-order.
function Framework.__pairs(self)
  local h = handle(self)
  local n, i = h:element_count(), 0
  return function()
    if i >= n then
      return nil
    end
    local el = wrap(Element, h:element(i))
    i = i + 1
    return el.id, el
  end, self, nil
end

function Framework.__eq(a, b)
  local ha, hb = handles_of(Framework, a, b)
  return ha ~= nil and ha:identity() == hb:identity()
end

function Framework.__tostring(self)
  local h = handle(self)
  return string.format("%s: %s (%d elements)", h:id(), h:title(), h:element_count())
end

---------------------------------------------------------------------------
-- Element, Scale, Level
---------------------------------------------------------------------------

do
  local f, m = Element.fields, Element.methods
  function f.id(h) return h:id() end
  function f.title(h) return h:title() end
  function f.description(h) return h:description() end
  function f.kind(h) return h:kind() end
  function f.depth(h) return h:depth() end
  function f.index(h) return h:index() + 1 end
  function f.weight(h) return h:weight() end
  function f.rollup(h) return h:rollup() end
  function f.parent(h) return wrap(Element, h:parent()) end
  function f.scale(h) return wrap(Scale, h:scale()) end
  function f.framework(h) return wrap(Framework, h:framework()) end

  --- Its children, in file order.
  function m.children(self)
    local h = handle(self)
    return list(Element, h:child_count(), function(i) return h:child(i) end)
  end

  --- The elements it names under a relation: "related", "exact_match",
  --- "precedes" or "replaced_by" (an array, possibly empty).
  local relation_kinds = {related = 0, exact_match = 1, precedes = 2, replaced_by = 3}
  function m.relations(self, name)
    local kind = relation_kinds[name]
    if kind == nil then
      error(("unknown relation '%s' (related, exact_match, precedes or replaced_by)"):format(tostring(name)), 2)
    end
    local h = handle(self)
    return list(Element, h:relation_count(kind), function(i) return h:relation(kind, i) end)
  end

  --- Itself and its descendants, in pre-order.
  function m.subtree(self)
    local h = handle(self)
    local fwh = h:framework()
    local first = h:index()
    return list(Element, h:subtree_end() - first, function(i) return fwh:element(first + i) end)
  end

  --- The x- keys of the element: a table key -> text.
  function m.extensions(self)
    return extensions(handle(self))
  end
end

function Element.__eq(a, b)
  local ha, hb = handles_of(Element, a, b)
  return ha ~= nil and ha:same(hb) ~= 0
end

function Element.__tostring(self)
  local h = handle(self)
  return h:id() .. ": " .. h:title()
end

do
  local f, m = Scale.fields, Scale.methods
  function f.id(h) return h:id() end
  function f.title(h) return h:title() end
  function f.description(h) return h:description() end
  function f.index(h) return h:index() + 1 end
  function f.framework(h) return wrap(Framework, h:framework()) end
  function f.proficient(h) return wrap(Level, h:proficient()) end
  function f.levels(h)
    return list(Level, h:level_count(), function(i) return h:level(i) end)
  end

  --- The level with this value (a number) or label (a string); nil when
  --- there is none.
  function m.level(self, key)
    local h = handle(self)
    if type(key) == "string" then
      return wrap(Level, h:find_label(key))
    elseif type(key) == "number" then
      return wrap(Level, h:find_value(key))
    end
    error("bad argument #2 to 'level' (number or string expected, got " .. type(key) .. ")", 2)
  end

  --- A value in level units as a share of the scale (0 lowest, 1 highest).
  function m.normalize(self, value)
    return handle(self):normalize(value)
  end

  --- A share of the scale back in level units.
  function m.denormalize(self, share)
    return handle(self):denormalize(share)
  end
end

function Scale.__len(self)
  return handle(self):level_count()
end

function Scale.__eq(a, b)
  local ha, hb = handles_of(Scale, a, b)
  return ha ~= nil and ha:index() == hb:index()
    and ha:framework():identity() == hb:framework():identity()
end

function Scale.__tostring(self)
  return handle(self):id()
end

do
  local f = Level.fields
  function f.value(h) return h:value() end
  function f.label(h) return h:label() end
  function f.description(h) return h:description() end
  function f.index(h) return h:index() + 1 end
  function f.scale(h) return wrap(Scale, h:scale()) end
end

function Level.__eq(a, b)
  local ha, hb = handles_of(Level, a, b)
  return ha ~= nil and ha:index() == hb:index()
    and Scale.__eq(wrap(Scale, ha:scale()), wrap(Scale, hb:scale()))
end

function Level.__tostring(self)
  local h = handle(self)
  return string.format("%s %s", tostring(h:value()), h:label())
end

---------------------------------------------------------------------------
-- Assessments
---------------------------------------------------------------------------

local FORMATS = { auto = core.FORMAT_AUTO, yaml = core.FORMAT_YAML, csv = core.FORMAT_CSV }

local function format_code(format, n, fname)
  if format == nil then
    return core.FORMAT_AUTO
  end
  local code = FORMATS[format]
  if code == nil then
    error(string.format("bad argument #%d to '%s' (format must be 'auto', 'yaml' or 'csv', got %s)",
      n, fname, tostring(format)), 3)
  end
  return code
end

local function set_list(seth)
  return list(Assessment, seth:count(), function(i) return seth:get(i) end)
end

-- The pairs {id, level} for rate_batch from ratings given as a sequence
-- of pairs (order kept) or as a table id -> level (framework order).
local function rating_pairs(fwh, ratings)
  if ratings[1] ~= nil then
    return ratings
  end
  local pairs_list = {}
  for id, level in pairs(ratings) do
    local eh = type(id) == "string" and fwh:find(id) or nil
    pairs_list[#pairs_list + 1] = { id, level, eh and eh:index() or math.maxinteger }
  end
  table.sort(pairs_list, function(x, y)
    if x[3] ~= y[3] then
      return x[3] < y[3]
    end
    return tostring(x[1]) < tostring(y[1])
  end)
  return pairs_list
end

--- A new assessment of subject against framework fw, rated in one call
--- (all or nothing): ratings is a table element id -> level (a level value
--- or a label), or a sequence of {element_id, level} pairs; info may give
--- rater, role and date (YYYY-MM-DD).
function Assessment.new(fw, subject, ratings, info)
  local fwh = check(fw, Framework, 1, "Assessment.new")
  check_string(subject, 2, "Assessment.new")
  info = check_options(info, 4, "Assessment.new")
  local h = core.assessment_new(fwh, subject)
  if info.rater ~= nil then h:set_rater(info.rater) end
  if info.role ~= nil then h:set_role(info.role) end
  if info.date ~= nil then h:set_date(info.date) end
  if ratings ~= nil then
    if type(ratings) ~= "table" then
      error("bad argument #3 to 'Assessment.new' (table of ratings expected, got "
        .. type(ratings) .. ")", 2)
    end
    h:rate_batch(rating_pairs(fwh, ratings))
  end
  return wrap(Assessment, h)
end

--- Every assessment in a file (YAML, or CSV by its .csv name or format
--- "csv"), as a sequence.
function Assessment.load(fw, path, format)
  local fwh = check(fw, Framework, 1, "Assessment.load")
  check_string(path, 2, "Assessment.load")
  return set_list(core.assessments_load(fwh, path, format_code(format, 3, "Assessment.load")))
end

--- Every assessment in text (YAML unless format is "csv"); source names
--- it in errors.
function Assessment.loads(fw, text, source, format)
  local fwh = check(fw, Framework, 1, "Assessment.loads")
  check_string(text, 2, "Assessment.loads")
  return set_list(core.assessments_loads(fwh, text, source, format_code(format, 4,
    "Assessment.loads")))
end

do
  local f, m, s = Assessment.fields, Assessment.methods, Assessment.setters
  function f.subject(h) return h:subject() end
  function f.rater(h) return h:rater() end
  function f.role(h) return h:role() end
  function f.date(h) return h:date() end
  function f.source(h) return h:source() end
  function f.line(h)
    local line = h:line()
    return line > 0 and line or nil
  end
  function f.rated_count(h) return h:rated_count() end
  function f.framework(h) return wrap(Framework, h:framework()) end
  function s.rater(h, v) h:set_rater(v) end
  function s.role(h, v) h:set_role(v) end
  function s.date(h, v) h:set_date(v) end

  --- Rates the element (an id or an Element) at level (a value or a
  --- label), with an optional note. Returns the assessment.
  function m.rate(self, id, level, note)
    if getmetatable(id) == Element then
      id = id.id
    end
    check_string(id, 2, "rate")
    local h = handle(self)
    if type(level) == "string" then
      h:rate_label(id, level, note)
    else
      h:rate(id, level, note)
    end
    return self
  end

  --- The level of the element (an id or an Element), nil when unrated.
  function m.level(self, id)
    local h = handle(self)
    return h:level(element_index(h:framework(), id, "level"))
  end

  --- The note of the element's rating, nil when none.
  function m.note(self, id)
    local h = handle(self)
    return h:note(element_index(h:framework(), id, "note"))
  end

  --- The ratings as a table element id -> level.
  function m.ratings(self)
    local h = handle(self)
    local fwh = h:framework()
    local t = {}
    for i = 0, fwh:element_count() - 1 do
      local level = h:level(i)
      if level ~= nil then
        t[fwh:element(i):id()] = level
      end
    end
    return t
  end

  --- The x- keys of the assessment: a table key -> text.
  function m.extensions(self)
    return extensions(handle(self))
  end
end

function Assessment.__len(self)
  return handle(self):rated_count()
end

function Assessment.__eq(a, b)
  local ha, hb = handles_of(Assessment, a, b)
  return ha ~= nil and ha:identity() == hb:identity()
end

function Assessment.__tostring(self)
  local h = handle(self)
  local by = h:rater() and (" by " .. h:rater()) or ""
  local role = h:role() and (" (" .. h:role() .. ")") or ""
  local date = h:date() and (" on " .. h:date()) or ""
  return string.format("assessment of %s%s%s%s: %d ratings", h:subject(), by, role, date,
    h:rated_count())
end

---------------------------------------------------------------------------
-- Profiles
---------------------------------------------------------------------------

local function add_target(h, id, level, importance, critical)
  importance = importance or 1
  local crit = critical and 1 or 0
  if type(level) == "string" then
    h:add_target_label(id, level, importance, crit)
  else
    h:add_target(id, level, importance, crit)
  end
end

--- A new profile of framework fw with an id and an optional title.
--- targets, optional: a sequence of {element = id, level = value or label,
--- importance = number, critical = boolean} (order kept), or a table
--- id -> level or id -> {level = ..., importance = ..., critical = ...}
--- (framework order), as in a profile file.
function Profile.new(fw, id, title, targets)
  local fwh = check(fw, Framework, 1, "Profile.new")
  check_string(id, 2, "Profile.new")
  local h = core.profile_new(fwh, id, title)
  if targets ~= nil then
    if type(targets) ~= "table" then
      error("bad argument #4 to 'Profile.new' (table of targets expected, got "
        .. type(targets) .. ")", 2)
    end
    if targets[1] ~= nil then
      for _, t in ipairs(targets) do
        add_target(h, t.element, t.level, t.importance, t.critical)
      end
    else
      for _, p in ipairs(rating_pairs(fwh, targets)) do
        local spec = p[2]
        if type(spec) == "table" then
          add_target(h, p[1], spec.level, spec.importance, spec.critical)
        else
          add_target(h, p[1], spec)
        end
      end
    end
  end
  return wrap(Profile, h)
end

--- Loads the profile in the YAML file at path.
function Profile.load(fw, path)
  local fwh = check(fw, Framework, 1, "Profile.load")
  return wrap(Profile, core.profile_load(fwh, check_string(path, 2, "Profile.load")))
end

--- Loads a profile from YAML text; source names it in errors.
function Profile.loads(fw, text, source)
  local fwh = check(fw, Framework, 1, "Profile.loads")
  check_string(text, 2, "Profile.loads")
  return wrap(Profile, core.profile_loads(fwh, text, source))
end

do
  local f, m = Profile.fields, Profile.methods
  function f.id(h) return h:id() end
  function f.title(h) return h:title() end
  function f.description(h) return h:description() end
  function f.framework(h) return wrap(Framework, h:framework()) end

  --- Adds a target: the element (an id) must reach level (a value or a
  --- label); importance defaults to 1, critical to false. Returns the
  --- profile.
  function m.add_target(self, id, level, importance, critical)
    add_target(handle(self), check_string(id, 2, "add_target"), level, importance, critical)
    return self
  end

  --- The targets in order: {element = Element, level, importance, critical}.
  function m.targets(self)
    local h = handle(self)
    local t = {}
    for i = 0, h:target_count() - 1 do
      t[i + 1] = {
        element = wrap(Element, h:target_element(i)),
        level = h:target_level(i),
        importance = h:target_importance(i),
        critical = h:target_critical(i) ~= 0,
      }
    end
    return t
  end

  --- The x- keys of the profile: a table key -> text.
  function m.extensions(self)
    return extensions(handle(self))
  end

  --- The profile as YAML text (docs/format.md), written by the C library
  --- through libyaml's emitter: Profile.loads(p.framework, p:to_yaml())
  --- gives the same profile. dumps is the same, the inverse of loads.
  function m.to_yaml(self)
    return handle(self):to_yaml()
  end
  m.dumps = m.to_yaml
end

function Profile.__len(self)
  return handle(self):target_count()
end

function Profile.__eq(a, b)
  local ha, hb = handles_of(Profile, a, b)
  return ha ~= nil and ha:identity() == hb:identity()
end

function Profile.__tostring(self)
  local h = handle(self)
  return string.format("profile %s%s: %d targets", h:id(),
    h:title() and (" (" .. h:title() .. ")") or "", h:target_count())
end

---------------------------------------------------------------------------
-- Reports
---------------------------------------------------------------------------

local MISSING = { skip = core.MISSING_SKIP, zero = core.MISSING_ZERO }

local function missing_code(opts, fname)
  local missing = opts.missing
  if missing == nil then
    return core.MISSING_SKIP
  end
  local code = MISSING[missing]
  if code == nil then
    error(string.format("%s: option missing must be 'skip' or 'zero', not %s", fname,
      tostring(missing)), 3)
  end
  return code
end

-- The methods every report has.
local function report_methods(cls)
  local m = cls.methods

  --- The report as JSON text (docs/reports.md); indented when pretty.
  function m.to_json(self, pretty)
    return handle(self):to_json(pretty and 1 or 0)
  end

  --- The report as plain tables, equal to its JSON; null is nil unless a
  --- value is given for it (competency.null, say).
  function m.to_table(self, null)
    return core.json_decode(handle(self):to_json(0), null)
  end

  --- The report rendered for people: format "text" (default), "json",
  --- "csv", "markdown" or "html"; opts.width (columns of text, default
  --- 80), opts.color (ANSI colours in text), opts.pretty (indented JSON,
  --- the default).
  function m.render(self, format, opts)
    opts = check_options(opts, 3, "render")
    return handle(self):render(format or "text", opts.width or 0, opts.color and 1 or 0,
      opts.pretty == false and 0 or 1)
  end
end

-- The framework and element count behind a report, from its assessment.
local function frame(ah)
  local fwh = ah:framework()
  return fwh, fwh:element_count()
end

--- The score of every element of assessment a; opts.missing "skip"
--- (default) or "zero".
function M.scores(a, opts)
  local ah = check(a, Assessment, 1, "scores")
  opts = check_options(opts, 2, "scores")
  return wrap(Scores, core.scores_compute(ah, missing_code(opts, "scores")))
end

do
  local f, m = Scores.fields, Scores.methods
  report_methods(Scores)
  function f.assessment(h) return wrap(Assessment, h:assessment()) end

  local function entry(h, fwh, i)
    local source = h:source(i)
    if source == "unscored" then
      return nil
    end
    return {
      element = fwh:element(i):id(),
      score = h:value(i),
      normalized = h:normalized(i),
      source = source,
      coverage = h:coverage(i),
    }
  end

  --- The score of the element (an id or an Element): {element, score,
  --- normalized, source, coverage} as in the JSON; nil when unscored.
  function m.get(self, id)
    local h = handle(self)
    local fwh = h:assessment():framework()
    return entry(h, fwh, element_index(fwh, id, "get"))
  end

  --- The scored elements' entries, in framework order.
  function m.elements(self)
    local h = handle(self)
    local fwh, n = frame(h:assessment())
    local t = {}
    for i = 0, n - 1 do
      t[#t + 1] = entry(h, fwh, i)
    end
    return t
  end
end

function Scores.__tostring(self)
  return "scores of " .. handle(self):assessment():subject()
end

--- Assessment a against profile p: a GapReport. opts.missing as in scores.
function M.gap(a, p, opts)
  local ah = check(a, Assessment, 1, "gap")
  local ph = check(p, Profile, 2, "gap")
  opts = check_options(opts, 3, "gap")
  return wrap(GapReport, core.gap_analyze(ah, ph, missing_code(opts, "gap")))
end

do
  local f, m = GapReport.fields, GapReport.methods
  report_methods(GapReport)
  function f.assessment(h) return wrap(Assessment, h:assessment()) end
  function f.profile(h) return wrap(Profile, h:profile()) end
  function f.subject(h) return h:assessment():subject() end
  function f.fit(h) return h:fit() end
  function f.ready(h) return h:ready() ~= 0 end
  function f.priorities(h)
    local t = {}
    for k = 0, h:priority_count() - 1 do
      t[k + 1] = h:element(h:priority(k)):id()
    end
    return t
  end

  local function target(h, t)
    local inputs = {}
    for k = 0, h:input_count(t) - 1 do
      inputs[k + 1] = {
        element = h:input_element(t, k):id(),
        score = h:input_score(t, k),
        weight = h:input_weight(t, k),
        share = h:input_share(t, k),
      }
    end
    local el = h:element(t)
    return {
      element = el:id(),
      title = el:title(),
      status = h:status(t),
      required = h:required(t),
      required_normalized = h:required_normalized(t),
      achieved = h:achieved(t),
      achieved_normalized = h:achieved_normalized(t),
      gap = h:gap(t),
      gap_normalized = h:gap_normalized(t),
      importance = h:importance(t),
      critical = h:critical(t) ~= 0,
      explanation = h:explanation(t),
      inputs = inputs,
    }
  end

  --- The targets in the profile's order, each as in the JSON.
  function m.targets(self)
    local h = handle(self)
    local t = {}
    for i = 0, h:target_count() - 1 do
      t[i + 1] = target(h, i)
    end
    return t
  end

  --- The target on the element with this id (or Element), nil when the
  --- profile has none there.
  function m.target(self, id)
    local h = handle(self)
    if getmetatable(id) == Element then
      id = id.id
    end
    check_string(id, 2, "target")
    for i = 0, h:target_count() - 1 do
      if h:element(i):id() == id then
        return target(h, i)
      end
    end
    return nil
  end
end

function GapReport.__len(self)
  return handle(self):target_count()
end

function GapReport.__tostring(self)
  local h = handle(self)
  return string.format("gap report: %s against %s, fit %.3g, %s", h:assessment():subject(),
    h:profile():id(), h:fit(), h:ready() ~= 0 and "ready" or "not ready")
end

local function assessment_set(list_, fname)
  if type(list_) ~= "table" then
    error(string.format("bad argument #1 to '%s' (sequence of assessments expected, got %s)",
      fname, type(list_)), 3)
  end
  local set = core.assessments_new()
  for i, a in ipairs(list_) do
    if getmetatable(a) ~= Assessment then
      error(string.format("bad argument #1 to '%s' (item %d is not a competency.Assessment)",
        fname, i), 3)
    end
    set:add(handle(a))
  end
  return set
end

--- Several people (a sequence of assessments, one each) against profile
--- p: a TeamReport. opts.missing as in scores.
function M.team(assessments, p, opts)
  local set = assessment_set(assessments, "team")
  local ph = check(p, Profile, 2, "team")
  opts = check_options(opts, 3, "team")
  return wrap(TeamReport, core.team_analyze(set, ph, missing_code(opts, "team")))
end

do
  local f, m = TeamReport.fields, TeamReport.methods
  report_methods(TeamReport)
  function f.profile(h) return wrap(Profile, h:profile()) end
  function f.ranking(h)
    local t = {}
    for k = 0, h:person_count() - 1 do
      t[k + 1] = h:person(h:rank(k)):assessment():subject()
    end
    return t
  end

  --- The targets in the profile's order: {element, assessed, mean, min,
  --- max, meeting, single_point_of_failure} as in the JSON.
  function m.targets(self)
    local h = handle(self)
    local t = {}
    for i = 0, h:target_count() - 1 do
      t[i + 1] = {
        element = h:element(i):id(),
        assessed = h:assessed(i),
        mean = h:mean(i),
        min = h:min(i),
        max = h:max(i),
        meeting = h:meeting(i),
        single_point_of_failure = h:single_point(i) ~= 0,
      }
    end
    return t
  end

  --- Each person's GapReport, in the order given.
  function m.people(self)
    local h = handle(self)
    return list(GapReport, h:person_count(), function(i) return h:person(i) end)
  end
end

function TeamReport.__len(self)
  return handle(self):person_count()
end

function TeamReport.__tostring(self)
  local h = handle(self)
  return string.format("team report: %d people against %s", h:person_count(), h:profile():id())
end

---------------------------------------------------------------------------
-- Dense team analysis: many people at once
---------------------------------------------------------------------------

-- A whole number at least minimum, or an error naming what at the caller's
-- caller.
local function whole(v, minimum, what, fname)
  local n = math.tointeger(v)
  if n == nil or n < minimum then
    error(string.format("%s: %s must be a whole number, %d or more, not %s", fname, what,
      minimum, tostring(v)), 4)
  end
  return n
end

-- The levels table that core reads (1 to its n, nil unrated) and the
-- people count for core (0: as many rows as the levels hold), from
-- levels given as a flat table (people rows of width, row-major) or as a
-- sequence of rows.
local function matrix_args(levels, people, width, opts, fname)
  if type(levels) ~= "table" then
    error(string.format("bad argument #1 to '%s' (table of levels expected, got %s)", fname,
      type(levels)), 3)
  end
  local threads = opts.threads == nil and 1 or whole(opts.threads, 0, "option threads", fname)
  if people ~= nil then
    people = whole(people, 1, "people", fname)
  end
  if type(levels[1]) == "table" then
    local rows = #levels
    if people ~= nil and people ~= rows then
      error(string.format("%s: %d rows of levels, not %d people", fname, rows, people), 3)
    end
    local flat = { n = rows * width }
    for i = 1, rows do
      local row = levels[i]
      if type(row) ~= "table" then
        error(string.format("%s: row %d of the levels is a %s, not a table", fname, i,
          type(row)), 3)
      end
      if #row > width then
        error(string.format("%s: row %d has %d levels, more than one per element (%d)",
          fname, i, #row, width), 3)
      end
      local base = (i - 1) * width
      for e = 1, width do
        flat[base + e] = row[e]
      end
    end
    return flat, rows, threads
  end
  if people ~= nil then
    -- Read exactly people x width entries: the last ones may be nil
    -- (unrated), which #levels does not count, but none may lie beyond.
    local given = math.tointeger(levels.n) or #levels
    if given > people * width then
      error(string.format("%s: %d levels, more than %d people x %d elements", fname, given,
        people, width), 3)
    end
    return setmetatable({ n = people * width }, { __index = levels }), people, threads
  end
  return levels, 0, threads
end

-- Calls core function f; an error of C that names a row ("row 2, element
-- 'B': ...", C's 0-based index) is raised again with the row counted from
-- 1, as rows are in Lua.
local function matrix_call(f, ...)
  local ok, result = pcall(f, ...)
  if ok then
    return result
  end
  if M.is_error(result) and type(result.message) == "string" then
    result.message = (result.message:gsub("^row (%d+),", function(row)
      return "row " .. (math.tointeger(tonumber(row)) + 1) .. ","
    end, 1))
  end
  error(result, 0)
end

local TeamMatrix = class("TeamMatrix")
M.TeamMatrix = TeamMatrix

--- People given as one dense matrix of levels against profile p, in one
--- C call: a TeamMatrix. levels: a flat table, people rows of #fw levels
--- each (row-major, indexed like fw[i]; nil or 0/0 unrated), or a
--- sequence of such rows; people: the number of rows (optional when
--- #levels, or levels.n, gives it). opts.missing as in scores;
--- opts.threads: how many threads may share the work (default 1; 0, one
--- per processor): the results are the same whatever the number.
function M.team_matrix(p, levels, people, opts)
  local ph = check(p, Profile, 1, "team_matrix")
  opts = check_options(opts, 4, "team_matrix")
  local width = ph:framework():element_count()
  local flat, count, threads = matrix_args(levels, people, width, opts, "team_matrix")
  return wrap(TeamMatrix, matrix_call(core.team_matrix_analyze, ph, flat, count,
    missing_code(opts, "team_matrix"), threads))
end

--- p:analyze_matrix(levels, people, opts): competency.team_matrix(p, ...).
function Profile.methods.analyze_matrix(self, levels, people, opts)
  local ph = handle(self)
  opts = check_options(opts, 4, "analyze_matrix")
  local width = ph:framework():element_count()
  local flat, count, threads = matrix_args(levels, people, width, opts, "analyze_matrix")
  return wrap(TeamMatrix, matrix_call(core.team_matrix_analyze, ph, flat, count,
    missing_code(opts, "analyze_matrix"), threads))
end

--- fw:score_matrix(levels, people, opts): the normalised scores (0 to 1,
--- nil unscored) of many people at once (cf_scores_compute_matrix), as a
--- sequence of rows of #fw; levels, people and opts as in team_matrix.
function Framework.methods.score_matrix(self, levels, people, opts)
  local h = handle(self)
  opts = check_options(opts, 4, "score_matrix")
  local flat, count, threads = matrix_args(levels, people, h:element_count(), opts,
    "score_matrix")
  return matrix_call(core.scores_matrix, h, flat, count, missing_code(opts, "score_matrix"),
    threads)
end

--- a:levels(): every element's level, indexed like fw[i] (1 to #fw), nil
--- where unrated: the assessment's row of a team_matrix.
function Assessment.methods.levels(self)
  return core.assessment_levels(handle(self))
end

do
  local f, m = TeamMatrix.fields, TeamMatrix.methods
  function f.profile(h) return wrap(Profile, h:profile()) end
  function f.people(h) return h:person_count() end
  --- Every row's fit, in row order.
  function f.fits(h) return core.team_matrix_fits(h) end
  --- Every row's readiness (booleans), in row order.
  function f.readiness(h)
    local t = {}
    for i = 0, h:person_count() - 1 do
      t[i + 1] = h:ready(i) ~= 0
    end
    return t
  end
  --- The rows, best candidate first (fit descending, ties by row).
  function f.ranking(h)
    local t = {}
    for k = 0, h:person_count() - 1 do
      t[k + 1] = h:rank(k) + 1
    end
    return t
  end

  local function person(h, i, fname)
    local n = h:person_count()
    local k = math.tointeger(i)
    if k == nil or k < 1 or k > n then
      error(string.format("%s: row %s out of range 1 to %d", fname, tostring(i), n), 3)
    end
    return k - 1
  end

  -- Target t (1-based index, element id or Element) as a 0-based index.
  local function target_index(h, t, fname)
    local n = h:target_count()
    if type(t) == "number" then
      local k = math.tointeger(t)
      if k == nil or k < 1 or k > n then
        error(string.format("%s: target %s out of range 1 to %d", fname, tostring(t), n), 3)
      end
      return k - 1
    end
    if getmetatable(t) == Element then
      t = t.id
    end
    check_string(t, 3, fname)
    for k = 0, n - 1 do
      if h:element(k):id() == t then
        return k
      end
    end
    error(string.format("%s: '%s' is not a target of %s", fname, t, h:profile():id()), 3)
  end

  local function target(h, k)
    return {
      element = h:element(k):id(),
      assessed = h:assessed(k),
      mean = h:mean(k),
      min = h:min(k),
      max = h:max(k),
      meeting = h:meeting(k),
      single_point_of_failure = h:single_point(k) ~= 0,
    }
  end

  --- Row i's fit.
  function m.fit(self, i)
    local h = handle(self)
    return h:fit(person(h, i, "fit"))
  end

  --- Whether row i meets every critical target.
  function m.ready(self, i)
    local h = handle(self)
    return h:ready(person(h, i, "ready")) ~= 0
  end

  --- Row i's achieved level on target t (a 1-based index in the profile,
  --- an element id or an Element); nil when unassessed.
  function m.achieved(self, i, t)
    local h = handle(self)
    return h:achieved(person(h, i, "achieved"), target_index(h, t, "achieved"))
  end

  --- Row i's status on target t: "met", "unmet" or "unassessed".
  function m.status(self, i, t)
    local h = handle(self)
    return h:status(person(h, i, "status"), target_index(h, t, "status"))
  end

  --- Every achieved level: a sequence of rows, one level per target in
  --- the profile's order (nil where unassessed).
  function m.achieved_matrix(self)
    return core.team_matrix_achieved(handle(self))
  end

  --- The team's numbers on target t (index, id or Element): {element,
  --- assessed, mean, min, max, meeting, single_point_of_failure}.
  function m.target(self, t)
    local h = handle(self)
    return target(h, target_index(h, t, "target"))
  end

  --- Every target's numbers in the profile's order, as TeamReport's
  --- targets().
  function m.targets(self)
    local h = handle(self)
    local t = {}
    for k = 0, h:target_count() - 1 do
      t[k + 1] = target(h, k)
    end
    return t
  end

  --- The report as plain tables: report ("team_matrix"), framework,
  --- profile {id, title}, targets (as targets()), people ({row, fit,
  --- ready, achieved, status} per row) and ranking (rows).
  function m.to_table(self)
    local h = handle(self)
    local ph = h:profile()
    local achieved = core.team_matrix_achieved(h)
    local people = {}
    for i = 0, h:person_count() - 1 do
      local status = {}
      for k = 0, h:target_count() - 1 do
        status[k + 1] = h:status(i, k)
      end
      people[i + 1] = {
        row = i + 1,
        fit = h:fit(i),
        ready = h:ready(i) ~= 0,
        achieved = achieved[i + 1],
        status = status,
      }
    end
    return {
      report = "team_matrix",
      framework = ph:framework():id(),
      profile = { id = ph:id(), title = ph:title() },
      targets = self:targets(),
      people = people,
      ranking = self.ranking,
    }
  end
end

function TeamMatrix.__len(self)
  return handle(self):person_count()
end

function TeamMatrix.__tostring(self)
  local h = handle(self)
  return string.format("team matrix: %d people against %s", h:person_count(),
    h:profile():id())
end

--- One person's assessments by several raters merged into one: a
--- Consolidation. opts.weights: a table role -> weight (default 1 each);
--- opts.threshold: the difference in levels that is flagged (default 1).
function M.consolidate(assessments, opts)
  local set = assessment_set(assessments, "consolidate")
  opts = check_options(opts, 2, "consolidate")
  local oh = core.consolidate_options_new(opts.threshold or 0)
  if opts.weights ~= nil then
    local roles = {}
    for role in pairs(opts.weights) do
      roles[#roles + 1] = role
    end
    table.sort(roles)
    for _, role in ipairs(roles) do
      oh:add(role, opts.weights[role])
    end
  end
  return wrap(Consolidation, core.consolidate(set, oh))
end

do
  local f, m = Consolidation.fields, Consolidation.methods
  report_methods(Consolidation)
  function f.assessment(h) return wrap(Assessment, h:assessment()) end
  function f.subject(h) return h:assessment():subject() end

  local function entry(h, fwh, i)
    local raters = h:raters(i)
    if raters == 0 then
      return nil
    end
    return {
      element = fwh:element(i):id(),
      level = h:assessment():level(i),
      raters = raters,
      spread = h:spread(i),
      self = h:self_level(i),
      others = h:others(i),
      self_minus_others = h:self_minus_others(i),
      flag = h:flag(i),
    }
  end

  --- The element's entry {element, level, raters, spread, self, others,
  --- self_minus_others, flag} as in the JSON; nil when nobody rated it.
  function m.get(self, id)
    local h = handle(self)
    local fwh = h:assessment():framework()
    return entry(h, fwh, element_index(fwh, id, "get"))
  end

  --- The entries of the elements someone rated, in framework order.
  function m.elements(self)
    local h = handle(self)
    local fwh, n = frame(h:assessment())
    local t = {}
    for i = 0, n - 1 do
      t[#t + 1] = entry(h, fwh, i)
    end
    return t
  end

  --- The assessments consolidated: {assessment = ..., weight = ...}.
  function m.inputs(self)
    local h = handle(self)
    local t = {}
    for i = 0, h:input_count() - 1 do
      t[i + 1] = { assessment = wrap(Assessment, h:input(i)), weight = h:input_weight(i) }
    end
    return t
  end
end

function Consolidation.__tostring(self)
  local h = handle(self)
  return string.format("consolidation of %s: %d raters", h:assessment():subject(),
    h:input_count())
end

--- Two assessments of one person compared: a ProgressReport. profile
--- (optional) adds the fit before and after; opts.missing as in scores.
function M.progress(before, after, profile, opts)
  local bh = check(before, Assessment, 1, "progress")
  local ah = check(after, Assessment, 2, "progress")
  if opts == nil and profile ~= nil and getmetatable(profile) ~= Profile then
    profile, opts = nil, profile
  end
  local ph = profile ~= nil and check(profile, Profile, 3, "progress") or nil
  opts = check_options(opts, 4, "progress")
  return wrap(ProgressReport, core.progress_analyze(bh, ah, ph, missing_code(opts, "progress")))
end

do
  local f, m = ProgressReport.fields, ProgressReport.methods
  report_methods(ProgressReport)
  function f.before(h) return wrap(Assessment, h:before_assessment()) end
  function f.after(h) return wrap(Assessment, h:after_assessment()) end
  function f.profile(h) return wrap(Profile, h:profile()) end
  function f.subject(h) return h:after_assessment():subject() end
  function f.fit_before(h) return h:fit_before() end
  function f.fit_after(h) return h:fit_after() end
  function f.fit_change(h)
    local b, a = h:fit_before(), h:fit_after()
    return b and a and a - b or nil
  end

  local function entry(h, fwh, i)
    local before, after = h:before(i), h:after(i)
    if before == nil and after == nil then
      return nil
    end
    return {
      element = fwh:element(i):id(),
      before = before,
      after = after,
      change = h:change(i),
      trend = h:trend(i),
    }
  end

  --- The element's entry {element, before, after, change, trend} as in
  --- the JSON; nil when unscored both times.
  function m.get(self, id)
    local h = handle(self)
    local fwh = h:after_assessment():framework()
    return entry(h, fwh, element_index(fwh, id, "get"))
  end

  --- The entries of the elements scored before, after or both.
  function m.elements(self)
    local h = handle(self)
    local fwh, n = frame(h:after_assessment())
    local t = {}
    for i = 0, n - 1 do
      t[#t + 1] = entry(h, fwh, i)
    end
    return t
  end
end

function ProgressReport.__tostring(self)
  local h = handle(self)
  return string.format("progress of %s: %s to %s", h:after_assessment():subject(),
    h:before_assessment():date() or "?", h:after_assessment():date() or "?")
end

return M
