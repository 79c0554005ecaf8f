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
#include <limits.h>
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

/*
 * The bulk results of the dense team analysis as Lua tables (NaN as nil,
 * numbers as cfb_lua_push_number gives them), in one call each rather
 * than one per number:
 *   team_matrix_fits(m): a sequence of each row's fit;
 *   team_matrix_achieved(m): a sequence of rows, each target_count
 *     achieved levels (nil where unassessed);
 *   assessment_levels(a): element_count levels (nil where unrated);
 *   scores_matrix(fw, levels, people, missing, threads): the normalised
 *     scores of cf_scores_compute_matrix as a sequence of rows.
 */
%{
/* The object of type type at argument index, or a raised error. */
static void *cfb_lua_self(lua_State *L, int index, swig_type_info *type,
                          const char *fname)
{
    void *p = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(L, index, &p, type, 0)) || !p)
        luaL_error(L, "%s: argument %d must be a %s", fname, index,
                   type->str);
    return p;
}

/* Pushes a table of rows x columns numbers at values (rows of tables). */
static void cfb_lua_push_rows(lua_State *L, const double *values,
                              size_t rows, size_t columns)
{
    luaL_checkstack(L, 3, NULL);
    lua_createtable(L, rows > INT_MAX ? INT_MAX : (int)rows, 0);
    for (size_t i = 0; i < rows; i++) {
        lua_createtable(L, columns > INT_MAX ? INT_MAX : (int)columns, 0);
        for (size_t j = 0; j < columns; j++) {
            cfb_lua_push_number(L, values[i * columns + j]);
            lua_rawseti(L, -2, (lua_Integer)(j + 1));
        }
        lua_rawseti(L, -2, (lua_Integer)(i + 1));
    }
}

static int cfb_lua_team_matrix_fits(lua_State *L)
{
    cf_team_matrix *m =
        cfb_lua_self(L, 1, SWIGTYPE_p_TeamMatrix, "team_matrix_fits");
    size_t people = cf_team_matrix_person_count(m);
    const double *fits = cf_team_matrix_fits(m);
    lua_createtable(L, people > INT_MAX ? INT_MAX : (int)people, 0);
    for (size_t i = 0; i < people; i++) {
        cfb_lua_push_number(L, fits[i]);
        lua_rawseti(L, -2, (lua_Integer)(i + 1));
    }
    return 1;
}

static int cfb_lua_team_matrix_achieved(lua_State *L)
{
    cf_team_matrix *m =
        cfb_lua_self(L, 1, SWIGTYPE_p_TeamMatrix, "team_matrix_achieved");
    cfb_lua_push_rows(L, cf_team_matrix_achieved_all(m),
                      cf_team_matrix_person_count(m),
                      cf_team_matrix_target_count(m));
    return 1;
}

static int cfb_lua_assessment_levels(lua_State *L)
{
    cf_assessment *a =
        cfb_lua_self(L, 1, SWIGTYPE_p_Assessment, "assessment_levels");
    size_t n = cf_framework_element_count(cf_assessment_framework(a));
    const double *levels = cf_assessment_levels(a);
    lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
    for (size_t i = 0; levels && i < n; i++) {
        cfb_lua_push_number(L, levels[i]);
        lua_rawseti(L, -2, (lua_Integer)(i + 1));
    }
    return 1;
}

static int cfb_lua_scores_matrix(lua_State *L)
{
    cf_framework *fw =
        cfb_lua_self(L, 1, SWIGTYPE_p_Framework, "scores_matrix");
    const double *levels = NULL;
    size_t count = 0, rows = 0;
    lua_Integer people = luaL_checkinteger(L, 3);
    lua_Integer missing = luaL_checkinteger(L, 4);
    lua_Integer threads = luaL_checkinteger(L, 5);
    cf_error err;
    memset(&err, 0, sizeof err);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_argcheck(L, people >= 0, 3, "people must not be negative");
    luaL_argcheck(L, threads >= 0 && (lua_Unsigned)threads <= UINT_MAX, 5,
                  "threads must be 0 or more");
    luaL_argcheck(L, missing >= INT_MIN && missing <= INT_MAX, 4,
                  "unknown missing policy");
    if (!cfb_lua_read_matrix(L, 2, &levels, &count))
        return lua_error(L);
    if (cfb_matrix_rows(&rows, fw, count, (size_t)people, &err) == CF_OK) {
        size_t columns = cf_framework_element_count(fw);
        double *scores =
            lua_newuserdatauv(L, (rows * columns + 1) * sizeof *scores, 0);
        if (cfb_scores_matrix(scores, fw, levels, rows, (int)missing,
                              (unsigned int)threads, &err) == CF_OK) {
            cfb_lua_push_rows(L, scores, rows, columns);
            return 1;
        }
    }
    cfb_lua_push_error(L, &err);
    return lua_error(L);
}
%}

%native(team_matrix_fits) int cfb_lua_team_matrix_fits(lua_State *L);
%native(team_matrix_achieved) int cfb_lua_team_matrix_achieved(lua_State *L);
%native(assessment_levels) int cfb_lua_assessment_levels(lua_State *L);
%native(scores_matrix) int cfb_lua_scores_matrix(lua_State *L);

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
