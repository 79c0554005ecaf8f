/*
 * JSON text to plain Lua values, for the Lua binding's report:to_table():
 * the C library writes each report as JSON (docs/reports.md), and this
 * walks jansson's tree of that text into Lua tables.
 */
#ifndef CF_LUA_JSON_H
#define CF_LUA_JSON_H

#include <lua.h>
#include <stddef.h>

/*
 * Pushes the Lua value of the len bytes of JSON at text: an object becomes
 * a table with string keys, an array a sequence (index 1 first), a string
 * a string, an integer a Lua integer, any other number a float, true and
 * false booleans, and null the value at stack index null_index (nil when
 * null_index is 0). Returns 1 (the number of values pushed). Raises a Lua
 * error for text that is not JSON ("json: line L, column C: ...") or when
 * memory runs out; jansson's tree is freed in every case.
 */
int cf_lua_push_json(lua_State *L, const char *text, size_t len,
                     int null_index);

/*
 * The Lua function json_decode(text [, null]): cf_lua_push_json of the
 * string text, with null (default nil) standing for JSON null.
 */
int cf_lua_json_decode(lua_State *L);

#endif /* CF_LUA_JSON_H */
