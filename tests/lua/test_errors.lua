-- Errors: every failure of the C library is raised with error() as a
-- competency.Error object whose tostring() is C's "source:line:column:
-- message" and whose fields are those of cf_error (code by its name, as
-- the Python binding gives it). The bad-input corpus of tests/data/bad
-- gives the same code, position and message as in C.
local support = require "support"
local competency = require "competency"

local T = {}

function T.unknown_key_element()
  local path = support.path("tests/data/bad/unknown-key-element.yaml")
  local err = support.raises(competency.load, path)
  assert(competency.is_error(err), "a competency.Error")
  assert(getmetatable(err) == competency.Error, "its metatable is competency.Error")
  support.assert_equal(err.code, "CF_EINVALID", "code")
  support.assert_equal(err.line, 16, "line")
  support.assert_equal(err.column, 11, "column")
  support.assert_equal(math.type(err.line), "integer", "line is an integer")
  support.assert_equal(math.type(err.column), "integer", "column is an integer")
  support.assert_equal(err.source, path, "source")
  support.assert_equal(err.message,
    "unknown key 'titel' in element 'CR.1' (did you mean 'title'?)", "message")
  support.assert_equal(err.reason, "invalid document", "reason: cf_strerror")
  assert(math.type(err.offset) == "integer" and err.offset > 0, "offset")
  local text = path .. ":16:11: unknown key 'titel' in element 'CR.1' (did you mean 'title'?)"
  support.assert_equal(tostring(err), text, "tostring")
  support.assert_equal("error: " .. err, "error: " .. text, "concatenation")
  support.assert_equal(err .. "!", text .. "!", "concatenation on the right")
end

function T.same_message_as_the_cli()
  -- The CLI prints "source:line:column: error: message"; the binding
  -- prints the same without the word "error: ", as C's convention says.
  local path = "tests/data/bad/unknown-key-element.yaml"
  local p = assert(io.popen(support.cli .. " validate " .. path .. " 2>&1"))
  local out = p:read("a")
  p:close()
  local err = support.raises(competency.load, path)
  support.assert_equal(out:match("^[^\n]*"),
    (tostring(err):gsub(": ", ": error: ", 1)), "the CLI's line")
end

-- Every file of tests/data/bad, as tests/test_errors.c checks it in C.
function T.bad_corpus()
  local dir = support.path("tests/data/bad")
  local count = 0
  for line in io.lines(dir .. "/EXPECTED") do
    if line ~= "" and not line:find("^#") then
      local file, code, l, c, message = line:match("^([^\t]+)\t([^\t]+)\t(%d+)\t(%d+)\t(.*)$")
      assert(file, "EXPECTED line: " .. line)
      local path = dir .. "/" .. file
      local err = support.raises(competency.load, path)
      assert(competency.is_error(err), file .. ": a competency.Error")
      support.assert_equal(err.code, code, file .. ": code")
      support.assert_equal(err.line, tonumber(l), file .. ": line")
      support.assert_equal(err.column, tonumber(c), file .. ": column")
      assert(err.message:find(message, 1, true),
        file .. ": message '" .. err.message .. "' lacks '" .. message .. "'")
      support.assert_equal(err.source, path, file .. ": source")
      count = count + 1
    end
  end
  assert(count > 50, "the corpus was read")
end

function T.no_position()
  local err = support.raises(competency.load, "no/such/file.yaml")
  support.assert_equal(err.code, "CF_EIO", "code")
  support.assert_equal(err.line, 0, "no line")
  support.assert_equal(err.column, 0, "no column")
  support.assert_equal(err.source, "no/such/file.yaml", "source")
  -- Without a position, "source: message".
  support.assert_equal(tostring(err), "no/such/file.yaml: " .. err.message, "tostring")
end

function T.syntax_error_in_a_string()
  local err = support.raises(competency.loads, "framework: [unclosed\n", "inline.yaml")
  support.assert_equal(err.code, "CF_ESYNTAX", "code")
  support.assert_equal(err.source, "inline.yaml", "source")
  assert(err.line >= 1, "a line")
  assert(tostring(err):find("^inline%.yaml:%d+:%d+: "), tostring(err))
end

function T.error_escapes_pcall_uncaught_as_text()
  -- The interpreter prints an uncaught error object through __tostring.
  local lua = os.getenv("CF_LUA") or "lua5.4"
  local script = "local c = require 'competency'; c.load('tests/data/bad/unknown-key-element.yaml')"
  local p = assert(io.popen(lua .. " -e \"" .. script .. "\" 2>&1"))
  local out = p:read("a")
  local ok = p:close()
  assert(not ok, "the interpreter fails")
  assert(out:find("tests/data/bad/unknown-key-element.yaml:16:11: unknown key 'titel'", 1, true), out)
end

function T.assessment_errors()
  local fw = competency.load(support.SOLS)
  -- An unknown element id, with C's suggestion.
  local err = support.raises(competency.Assessment.new, fw, "Ann", { ["CR.1.l"] = 3 })
  support.assert_equal(err.code, "CF_EINVALID", "unknown id")
  assert(err.message:find("CR.1.l", 1, true), err.message)
  assert(err.message:find("did you mean 'CR.1.1'", 1, true), err.message)
  -- A level off the scale.
  err = support.raises(competency.Assessment.new, fw, "Ann", { ["CR.1.1"] = 9 })
  support.assert_equal(err.code, "CF_EINVALID", "level off the scale")
  -- An unknown label.
  err = support.raises(competency.Assessment.new, fw, "Ann", { ["CR.1.1"] = "Expert" })
  support.assert_equal(err.code, "CF_EINVALID", "unknown label")
  -- A bad date.
  err = support.raises(competency.Assessment.new, fw, "Ann", {}, { date = "2026-13-01" })
  support.assert_equal(err.code, "CF_EINVALID", "bad date")
  -- An empty subject.
  err = support.raises(competency.Assessment.new, fw, "", {})
  support.assert_equal(err.code, "CF_EARG", "empty subject")
  -- Rating twice.
  local a = competency.Assessment.new(fw, "Ann", { ["CR.1.1"] = 3 })
  err = support.raises(a.rate, a, "CR.1.1", 2)
  support.assert_equal(err.code, "CF_EINVALID", "rated twice")
  support.assert_equal(a:level("CR.1.1"), 3, "unchanged after the error")
end

function T.assessment_file_errors()
  local fw = competency.load(support.SOLS)
  local dir = support.path("tests/data/assessments/bad")
  local err = support.raises(competency.Assessment.load, fw, dir .. "/level-off-scale.yaml")
  support.assert_equal(err.code, "CF_EINVALID", "code")
  support.assert_equal(err.source, dir .. "/level-off-scale.yaml", "source")
  assert(err.line > 0 and err.column > 0, "a position")
  err = support.raises(competency.Assessment.load, fw, dir .. "/level-off-scale.csv")
  assert(err.line > 0, "CSV errors have a line")
end

function T.profile_errors()
  local fw = competency.load(support.SOLS)
  local text = "profile:\n  id: p\n  framework: sols-community-relations\n" ..
      "  targets:\n    CR.9: 3\n"
  local err = support.raises(competency.Profile.loads, fw, text, "p.yaml")
  support.assert_equal(err.code, "CF_EINVALID", "code")
  support.assert_equal(err.source, "p.yaml", "source")
  support.assert_equal(err.line, 5, "line")
  assert(err.message:find("CR.9", 1, true), err.message)
end

function T.report_errors()
  local fw = competency.load(support.SOLS)
  local ann = competency.Assessment.new(fw, "Ann", { ["CR.1.1"] = 3 })
  local bob = competency.Assessment.new(fw, "Bob", { ["CR.1.1"] = 2 })
  -- Consolidating two people is an input error.
  local err = support.raises(competency.consolidate, { ann, bob })
  support.assert_equal(err.code, "CF_EINVALID", "two subjects")
  -- An unknown format names the close one.
  local s = competency.scores(ann)
  err = support.raises(s.render, s, "jsno")
  support.assert_equal(err.code, "CF_EARG", "bad format")
  assert(err.message:find("json", 1, true), err.message)
  -- A framework mismatch.
  local other = competency.load(support.path("examples/frameworks/digital-services.yaml"))
  local p = competency.Profile.load(other, support.path("examples/frameworks/digital-services-profile.yaml"))
  err = support.raises(competency.gap, ann, p)
  support.assert_equal(err.code, "CF_EINVALID", "different frameworks")
end

function T.usage_errors_are_strings()
  -- Calling with the wrong types is a programming error: a plain string,
  -- as Lua's own functions raise.
  local err = support.raises(competency.load, {})
  assert(type(err) == "string", "a string")
  assert(err:find("bad argument #1 to 'load'", 1, true), err)
  err = support.raises(competency.gap, "not an assessment", nil)
  assert(type(err) == "string" and err:find("competency.Assessment expected", 1, true), err)
  err = support.raises(competency.scores, competency.Assessment.new(competency.load(support.SOLS), "A"),
    { missing = "sometimes" })
  assert(type(err) == "string" and err:find("'skip' or 'zero'", 1, true), err)
  -- A method called with '.' instead of ':'.
  local fw = competency.load(support.SOLS)
  err = support.raises(fw.find, "CR.1")
  assert(type(err) == "string" and err:find("call methods with ':'", 1, true), err)
end

support.run(T)
