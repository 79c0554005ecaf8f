/*
 * JSON text to plain Lua values (lua_json.h). jansson parses the text into
 * a tree; a protected call walks the tree into Lua tables, so that a Lua
 * memory error in the middle of the walk cannot leak the tree.
 */
#include "lua_json.h"

#include <jansson.h>
#include <lauxlib.h>

/* The stack index, in the protected call, of the value standing for null. */
#define NULL_SLOT 2

static void push_value(lua_State *L, const json_t *v);

static void push_object(lua_State *L, const json_t *obj)
{
    const char *key;
    const json_t *member;

    lua_createtable(L, 0, (int)json_object_size(obj));
    json_object_foreach((json_t *)obj, key, member)
    {
        push_value(L, member);
        lua_setfield(L, -2, key);
    }
}

static void push_array(lua_State *L, const json_t *arr)
{
    size_t n = json_array_size(arr);

    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_value(L, json_array_get(arr, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_value(lua_State *L, const json_t *v)
{
    /* Each level of nesting holds a table and the value being set. */
    luaL_checkstack(L, 4, "JSON nested too deeply");
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        push_object(L, v);
        break;
    case JSON_ARRAY:
        push_array(L, v);
        break;
    case JSON_STRING:
        lua_pushlstring(L, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        lua_pushinteger(L, (lua_Integer)json_integer_value(v));
        break;
    case JSON_REAL:
        lua_pushnumber(L, (lua_Number)json_real_value(v));
        break;
    case JSON_TRUE:
        lua_pushboolean(L, 1);
        break;
    case JSON_FALSE:
        lua_pushboolean(L, 0);
        break;
    case JSON_NULL:
    default:
        lua_pushvalue(L, NULL_SLOT);
        break;
    }
}

/* Protected: the tree (light userdata) at 1, the null value at 2. */
static int walk(lua_State *L)
{
    push_value(L, (const json_t *)lua_touserdata(L, 1));
    return 1;
}

int cf_lua_push_json(lua_State *L, const char *text, size_t len, int null_index)
{
    json_error_t jerr;
    json_t *root;
    int rc;

    if (null_index != 0) {
        null_index = lua_absindex(L, null_index);
    }
    root = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (root == NULL) {
        return luaL_error(L, "json: line %d, column %d: %s", jerr.line,
                          jerr.column, jerr.text);
    }
    luaL_checkstack(L, 3, NULL);
    lua_pushcfunction(L, walk);
    lua_pushlightuserdata(L, root);
    if (null_index != 0) {
        lua_pushvalue(L, null_index);
    } else {
        lua_pushnil(L);
    }
    rc = lua_pcall(L, 2, 1, 0);
    json_decref(root);
    if (rc != LUA_OK) {
        return lua_error(L);
    }
    return 1;
}

int cf_lua_json_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);

    return cf_lua_push_json(L, text, len, lua_isnoneornil(L, 2) ? 0 : 2);
}
