/*
 * The Lua binding's C module, competency.core: SWIG's wrappers of the
 * handles and functions of ../common.i, which bindings/lua/competency.lua
 * turns into the module scripts use (`require "competency"`). Scripts use
 * that module, never this one.
 *
 * SWIG's Lua typemaps predate Lua 5.3's integers and push every C number
 * as a float, so the typemaps here come first: counts, indexes and ints
 * cross as Lua integers (lua_pushinteger; an argument must have an exact
 * integer value); a double arrives as the JSON of the reports has it (a
 * whole number as an integer, NaN, the C API's "no value", as nil). A
 * failing call raises a competency.Error object (lua_support.h).
 * Every typemap must precede the declarations of ../common.i to apply.
 */
%module competency_core

%{
#include <lauxlib.h>
#include <math.h>

#include "competency.h"
#include "glue.h"
#include "lua_json.h"
#include "lua_support.h"

/* An argument that must be an integer: 3 and 3.0 are, 3.5 is not. */
static int cfb_lua_integer_arg(lua_State *L, int index, lua_Integer *out)
{
    int exact = 0;
    *out = lua_tointegerx(L, index, &exact);
    return exact;
}
%}

/* ---- integers ------------------------------------------------------------ */

%typemap(in, checkfn="lua_isnumber") size_t (lua_Integer value),
                                      unsigned int (lua_Integer value) {
    if (!cfb_lua_integer_arg(L, $input, &value) || value < 0) {
        SWIG_Lua_pushferrstring(L, "%s: argument %d must be a non-negative "
                                   "integer", "$symname", $argnum);
        SWIG_fail;
    }
    $1 = ($1_ltype)value;
}
%typemap(in, checkfn="lua_isnumber") int (lua_Integer value) {
    if (!cfb_lua_integer_arg(L, $input, &value)) {
        SWIG_Lua_pushferrstring(L, "%s: argument %d must be an integer",
                                "$symname", $argnum);
        SWIG_fail;
    }
    $1 = (int)value;
}
%typemap(out) size_t, unsigned int, int
%{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}

/* ---- doubles: as in the JSON, NaN (no value) as nil --------------------- */

%typemap(out) double {
    cfb_lua_push_number(L, $1);
    SWIG_arg++;
}

/*
 * The typemaps that ../common.i asks of each language (errors, strings
 * with a length, ratings) are in its SWIGLUA block.
 */

%include "../common.i"

/* ---- Lua only ------------------------------------------------------------ */

/*
 * json_decode(text [, null]): JSON text as plain Lua values (lua_json.h),
 * the walker behind report:to_table().
 */
%native(json_decode) int cf_lua_json_decode(lua_State *L);

%init %{
    /* The metatable of error objects, as the module's Error. */
    cfb_lua_error_metatable(L);
    lua_setfield(L, -2, "Error");

    /*
     * SWIG's initialisation puts swig_type and swig_equals into the
     * global table; a module should not, so take back those two (only
     * if they are still SWIG's own).
     */
    lua_getglobal(L, "swig_type");
    if (lua_tocfunction(L, -1) == SWIG_Lua_type) {
        lua_pushnil(L);
        lua_setglobal(L, "swig_type");
    }
    lua_pop(L, 1);
    lua_getglobal(L, "swig_equals");
    if (lua_tocfunction(L, -1) == SWIG_Lua_class_equal) {
        lua_pushnil(L);
        lua_setglobal(L, "swig_equals");
    }
    lua_pop(L, 1);
%}
