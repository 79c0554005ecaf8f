/* C helpers of the Lua binding (lua_support.h). */
#include "lua_support.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "glue.h"

/* The text of the error object at index: "source:line:column: message". */
static void push_error_text(lua_State *L, int index)
{
    luaL_Buffer b;
    const char *source, *message;
    lua_Integer line, column;

    index = lua_absindex(L, index);
    lua_getfield(L, index, "source");
    source = lua_tostring(L, -1);
    lua_getfield(L, index, "message");
    message = lua_tostring(L, -1);
    lua_getfield(L, index, "line");
    line = lua_tointeger(L, -1);
    lua_getfield(L, index, "column");
    column = lua_tointeger(L, -1);

    luaL_buffinit(L, &b);
    if (source != NULL && source[0] != '\0') {
        luaL_addstring(&b, source);
        if (line > 0) {
            lua_pushfstring(L, ":%I:%I", line, column);
            luaL_addvalue(&b);
        }
        luaL_addstring(&b, ": ");
    }
    luaL_addstring(&b, message != NULL ? message : "");
    luaL_pushresult(&b);
    /* Keep only the result: drop the four fields under it. */
    lua_replace(L, -5);
    lua_pop(L, 3);
}

static int error_tostring(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    push_error_text(L, 1);
    return 1;
}

/* a .. b where either is an error object (the other a string or number). */
static int error_concat(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    luaL_tolstring(L, 2, NULL);
    lua_concat(L, 2);
    return 1;
}

void cfb_lua_error_metatable(lua_State *L)
{
    if (luaL_newmetatable(L, CFB_LUA_ERROR)) {
        lua_pushcfunction(L, error_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushcfunction(L, error_concat);
        lua_setfield(L, -2, "__concat");
    }
}

static void set_integer(lua_State *L, const char *key, size_t value)
{
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

void cfb_lua_push_error(lua_State *L, const cf_error *e)
{
    luaL_checkstack(L, 4, NULL);
    lua_createtable(L, 0, 7);
    set_string(L, "message",
               e->message[0] != '\0' ? e->message : cf_strerror(e->code));
    set_string(L, "code", cfb_code_name(e->code));
    set_string(L, "reason", cf_strerror(e->code));
    set_string(L, "source", e->source);
    set_integer(L, "line", e->line);
    set_integer(L, "column", e->column);
    set_integer(L, "offset", e->offset);
    cfb_lua_error_metatable(L);
    lua_setmetatable(L, -2);
}

void cfb_lua_push_number(lua_State *L, double x)
{
    /* 2^53: past it not every whole number is a double. */
    const double exact = 9007199254740992.0;

    if (isnan(x)) {
        lua_pushnil(L);
    } else if (x == floor(x) && fabs(x) <= exact) {
        lua_pushinteger(L, (lua_Integer)x);
    } else {
        lua_pushnumber(L, (lua_Number)x);
    }
}

int cfb_lua_read_ratings(lua_State *L, int index, cfb_lua_ratings *out)
{
    lua_Integer n;
    size_t slots;
    char *block;
    int any_label = 0;

    index = lua_absindex(L, index);
    memset(out, 0, sizeof *out);
    if (!lua_istable(L, index)) {
        lua_pushstring(L, "ratings must be a table of {element_id, level} "
                          "pairs");
        return 0;
    }
    n = (lua_Integer)lua_rawlen(L, index);
    slots = n > 0 ? (size_t)n : 1;
    /* One block: ids, then labels, then levels (doubles, aligned first). */
    block = lua_newuserdatauv(
        L, slots * (sizeof(double) + 2 * sizeof(const char *)), 0);
    out->levels = (double *)(void *)block;
    out->ids = (const char **)(void *)(block + slots * sizeof(double));
    out->labels = out->ids + slots;
    for (lua_Integer i = 0; i < n; i++) {
        size_t k = (size_t)i;
        lua_rawgeti(L, index, i + 1);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 2);
            lua_pushfstring(L, "rating %I must be a {element_id, level} pair",
                            i + 1);
            return 0;
        }
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 4);
            lua_pushfstring(L, "rating %I: the element id must be a string",
                            i + 1);
            return 0;
        }
        /* Borrowed: the pair, in the table at index, keeps it alive. */
        out->ids[k] = lua_tostring(L, -2);
        if (lua_type(L, -1) == LUA_TSTRING) {
            out->labels[k] = lua_tostring(L, -1);
            out->levels[k] = NAN;
            any_label = 1;
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
            out->labels[k] = NULL;
            out->levels[k] = (double)lua_tonumber(L, -1);
        } else {
            lua_pop(L, 4);
            lua_pushfstring(L,
                            "rating %I: the level must be a number or a "
                            "label",
                            i + 1);
            return 0;
        }
        lua_pop(L, 3);
    }
    out->count = (size_t)n;
    if (!any_label) {
        out->labels = NULL;
    }
    return 1;
}
