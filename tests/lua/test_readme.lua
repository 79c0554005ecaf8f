-- The README's Lua example works as pasted: the ```lua block of its
-- "In Lua" section, saved to a file and run by the interpreter from the
-- source directory, prints exactly the ```text block that follows it.
local support = require "support"

local T = {}

-- The contents of the first fenced block of the given language after the
-- heading.
local function block(text, heading, language)
  local start = text:find("\n" .. heading .. "\n", 1, true)
  assert(start, "README.md has no section '" .. heading .. "'")
  local body = text:match("\n```" .. language .. "\n(.-)```", start)
  assert(body, "README.md has no ```" .. language .. " block under '" .. heading .. "'")
  return body
end

function T.readme_lua_example()
  local readme = support.read_file(support.path("README.md"))
  local code = block(readme, "## In Lua", "lua")
  local expected = block(readme, "## In Lua", "text")
  local lines = select(2, code:gsub("\n", ""))
  assert(lines <= 10, "the example has " .. lines .. " lines, at most 10")

  local dir = os.getenv("CF_LUA_TMP_DIR") or support.build_dir .. "/tests/tmp"
  local path = dir .. "/readme_example.lua"
  local f = assert(io.open(path, "wb"))
  f:write(code)
  f:close()
  local lua = os.getenv("CF_LUA") or "lua5.4"
  local p = assert(io.popen(string.format("'%s' '%s' 2>&1", lua, path)))
  local out = p:read("a")
  local ok = p:close()
  assert(ok, "the example failed:\n" .. out)
  support.assert_equal(out, expected, "its output")
end

support.run(T)
