-- Shared helpers of the Lua tests (tests/lua/test_*.lua): a tiny runner,
-- deep comparison, a JSON reader written in Lua (to check the binding's C
-- JSON walker against something independent of it), and the paths of the
-- build. ctest runs each test file with lua5.4 from the source directory,
-- with LUA_PATH and LUA_CPATH pointing into the build tree.
local support = {}

support.source_dir = os.getenv("CF_SOURCE_DIR") or "."
support.build_dir = os.getenv("CF_BUILD_DIR") or "build"
support.cli = os.getenv("COMPETENCY_BIN") or (support.build_dir .. "/competency")
-- Set by CMake in a sanitizer build: the interpreter then runs with the
-- sanitizer's runtime preloaded, whose quarantine makes RSS meaningless.
support.sanitized = os.getenv("CF_SANITIZE") == "1"

function support.path(relative)
  return support.source_dir .. "/" .. relative
end

support.SOLS = support.path("frameworks/sols-community-relations.yaml")
support.BRANCH_MANAGER = support.path("examples/profiles/branch-manager.yaml")
support.WREN = support.path("examples/assessments/wren-folio-manager.yaml")

-- Runs the functions of the table tests in name order; stops at the first
-- failure with an error naming the test, so that lua5.4 exits non-zero.
function support.run(tests)
  local names = {}
  for name in pairs(tests) do
    names[#names + 1] = name
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local ok, err = xpcall(tests[name], debug.traceback)
    if not ok then
      error(string.format("FAIL %s: %s", name, tostring(err)), 0)
    end
    print("ok " .. name)
  end
  print(string.format("%d tests passed", #names))
end

local function describe(v)
  if type(v) == "string" then
    return string.format("%q", v)
  end
  return tostring(v) .. " (" .. (math.type(v) or type(v)) .. ")"
end

-- Whether a and b are equal: tables key by key, recursively; numbers by
-- value and by math.type (3 and 3.0 differ: the binding gives whole
-- numbers as integers everywhere). Returns false and the path of the
-- first difference.
function support.deep_equal(a, b, path)
  path = path or "$"
  if type(a) ~= type(b) then
    return false, path .. ": " .. describe(a) .. " vs " .. describe(b)
  end
  if type(a) ~= "table" then
    if a == b and math.type(a) == math.type(b) then
      return true
    end
    return false, path .. ": " .. describe(a) .. " vs " .. describe(b)
  end
  for k, v in pairs(a) do
    local ok, where = support.deep_equal(v, b[k], path .. "." .. tostring(k))
    if not ok then
      return false, where
    end
  end
  for k, v in pairs(b) do
    if a[k] == nil then
      return false, path .. "." .. tostring(k) .. ": missing vs " .. describe(v)
    end
  end
  return true
end

function support.assert_deep_equal(a, b, what)
  local ok, where = support.deep_equal(a, b)
  assert(ok, (what or "tables differ") .. " at " .. tostring(where))
end

function support.assert_equal(actual, expected, what)
  if actual ~= expected then
    error(string.format("%s: got %s, expected %s", what or "values differ",
      describe(actual), describe(expected)), 2)
  end
end

-- Calls f and returns the error it raises; fails when it raises none.
function support.raises(f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error, got none")
  return err
end

function support.read_file(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

-- Runs the command-line tool with the given arguments (quoted for the
-- shell) and returns its standard output; fails unless it exits 0.
function support.run_cli(...)
  local words = { support.cli }
  for _, arg in ipairs({ ... }) do
    words[#words + 1] = "'" .. arg:gsub("'", "'\\''") .. "'"
  end
  local p = assert(io.popen(table.concat(words, " ")))
  local out = p:read("a")
  local ok, how, code = p:close()
  assert(ok, string.format("%s: %s %s", table.concat(words, " "), how, code))
  return out
end

-- Memory in use: the Lua heap in KiB and the resident set in KiB
-- (/proc/self/statm counts pages; Linux pages are 4 KiB here, and a
-- different size only scales the bound).
function support.memory()
  local rss
  local f = io.open("/proc/self/statm", "r")
  if f then
    local line = f:read("l")
    f:close()
    local pages = tonumber(line:match("^%d+%s+(%d+)"))
    rss = pages and pages * 4
  end
  return collectgarbage("count"), rss
end

---------------------------------------------------------------------------
-- A JSON reader in plain Lua, for the documented report JSON: objects,
-- arrays, strings with escapes, numbers (integers as Lua integers, others
-- as floats, as jansson reads them), true, false and null (as the value
-- null, default nil).
---------------------------------------------------------------------------

local function utf8_of(code)
  return utf8.char(code)
end

function support.json_read(text, null)
  local pos = 1

  local function fail(what)
    error(string.format("json_read: %s at byte %d", what, pos), 0)
  end

  local function skip()
    pos = text:find("[^ \t\r\n]", pos) or #text + 1
  end

  local value

  local function read_string()
    local parts = {}
    pos = pos + 1
    while true do
      local stop = text:find('["\\]', pos)
      if not stop then
        fail("unterminated string")
      end
      parts[#parts + 1] = text:sub(pos, stop - 1)
      pos = stop + 1
      if text:sub(stop, stop) == '"' then
        return table.concat(parts)
      end
      local esc = text:sub(pos, pos)
      pos = pos + 1
      local simple = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b",
        f = "\f", n = "\n", r = "\r", t = "\t" }
      if simple[esc] then
        parts[#parts + 1] = simple[esc]
      elseif esc == "u" then
        local code = tonumber(text:sub(pos, pos + 3), 16)
        pos = pos + 4
        if code >= 0xD800 and code < 0xDC00 and text:sub(pos, pos + 1) == "\\u" then
          local low = tonumber(text:sub(pos + 2, pos + 5), 16)
          pos = pos + 6
          code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
        end
        parts[#parts + 1] = utf8_of(code)
      else
        fail("bad escape")
      end
    end
  end

  function value()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      local obj = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "}" then
        pos = pos + 1
        return obj
      end
      while true do
        skip()
        if text:sub(pos, pos) ~= '"' then
          fail("expected a key")
        end
        local key = read_string()
        skip()
        if text:sub(pos, pos) ~= ":" then
          fail("expected ':'")
        end
        pos = pos + 1
        obj[key] = value()
        skip()
        c = text:sub(pos, pos)
        pos = pos + 1
        if c == "}" then
          return obj
        elseif c ~= "," then
          fail("expected ',' or '}'")
        end
      end
    elseif c == "[" then
      local arr = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "]" then
        pos = pos + 1
        return arr
      end
      while true do
        arr[#arr + 1] = value()
        skip()
        c = text:sub(pos, pos)
        pos = pos + 1
        if c == "]" then
          return arr
        elseif c ~= "," then
          fail("expected ',' or ']'")
        end
      end
    elseif c == '"' then
      return read_string()
    elseif text:find("^true", pos) then
      pos = pos + 4
      return true
    elseif text:find("^false", pos) then
      pos = pos + 5
      return false
    elseif text:find("^null", pos) then
      pos = pos + 4
      return null
    end
    local number = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not number or number == "" then
      fail("unexpected character")
    end
    pos = pos + #number
    if number:find("[.eE]") then
      return tonumber(number) + 0.0
    end
    return math.tointeger(tonumber(number))
  end

  local result = value()
  skip()
  if pos <= #text then
    fail("trailing text")
  end
  return result
end

return support
