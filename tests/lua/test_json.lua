-- competency.json_decode, the C walker behind report:to_table(): every
-- JSON type, null, nesting, errors.
local support = require "support"
local competency = require "competency"

local T = {}

local decode = competency.json_decode

function T.scalars()
  support.assert_equal(decode("3"), 3, "integer")
  support.assert_equal(math.type(decode("3")), "integer", "an integer")
  support.assert_equal(math.type(decode("3.0")), "float", "a float")
  support.assert_equal(decode("0.1"), 0.1, "float")
  support.assert_equal(decode("2.3333333333333335"), 7 / 3, "read back to the same double")
  support.assert_equal(decode("-0.5"), -0.5, "negative")
  support.assert_equal(decode("1e3"), 1000.0, "exponent")
  support.assert_equal(decode("true"), true, "true")
  support.assert_equal(decode("false"), false, "false")
  support.assert_equal(decode("null"), nil, "null is nil")
  support.assert_equal(decode('"a\\u00e9\\n"'), "aé\n", "string with escapes")
  support.assert_equal(decode('"a\\u0000b"'), "a\0b", "embedded NUL")
  support.assert_equal(decode('"’"'), "’", "UTF-8 passes through")
end

function T.containers()
  local t = decode('{"a":[1,2,{"b":null,"c":"x"}],"d":{},"e":[]}')
  support.assert_deep_equal(t, { a = { 1, 2, { c = "x" } }, d = {}, e = {} }, "tree")
  support.assert_equal(#t.a, 3, "array length")
  support.assert_equal(getmetatable(t), nil, "plain tables")
end

function T.null_value()
  local null = competency.null
  local t = decode('{"a":null,"b":[1,null,3]}', null)
  assert(t.a == null, "null stands for null")
  support.assert_equal(#t.b, 3, "arrays keep their length")
  assert(t.b[2] == null, "null in an array")
  support.assert_equal(tostring(null), "null", "tostring(competency.null)")
  local marker = {}
  assert(decode("null", marker) == marker, "any value may stand for null")
end

function T.deep_nesting()
  local depth = 1000
  local t = decode(string.rep("[", depth) .. string.rep("]", depth))
  for _ = 1, depth - 1 do
    t = t[1]
  end
  support.assert_equal(next(t), nil, "the innermost array")
end

function T.errors()
  local err = support.raises(decode, '{"a":')
  assert(type(err) == "string" and err:find("^json: line 1, column"), err)
  err = support.raises(decode, "[1,]")
  assert(err:find("json:", 1, true), err)
  err = support.raises(decode, {})
  assert(type(err) == "string", "a non-string is an argument error")
end

function T.big_report()
  -- A report with many entries, to exercise the stack use of the walk.
  local parts = {}
  for i = 1, 20000 do
    parts[i] = string.format('{"element":"E.%d","score":%d.5}', i, i)
  end
  local t = decode('{"elements":[' .. table.concat(parts, ",") .. "]}")
  support.assert_equal(#t.elements, 20000, "every entry")
  support.assert_equal(t.elements[20000].score, 20000.5, "the last one")
end

support.run(T)
