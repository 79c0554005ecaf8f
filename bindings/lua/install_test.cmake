# Install test of the Lua binding, run by ctest (labels lua and install):
#
# 1. `cmake --install` the finished build into CF_WORK_DIR/prefix;
# 2. check that competency.lua and competency/core.so are where Lua's
#    default paths look below a prefix (CF_LUA_LMOD_DIR, CF_LUA_CMOD_DIR);
# 3. run the README's Lua example with only those directories on Lua's
#    paths, and check what it prints.
#
# Variables (all required but CF_CONFIG): CF_SOURCE_DIR, CF_BINARY_DIR,
# CF_WORK_DIR, CF_CONFIG, CF_LUA (the interpreter), CF_LUA_CMOD_DIR and
# CF_LUA_LMOD_DIR (relative to the prefix).

cmake_minimum_required(VERSION 3.16)

foreach(var CF_SOURCE_DIR CF_BINARY_DIR CF_WORK_DIR CF_LUA CF_LUA_CMOD_DIR CF_LUA_LMOD_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "install_test.cmake: ${var} is not set")
  endif()
endforeach()

set(prefix "${CF_WORK_DIR}/prefix")
set(cmod "${prefix}/${CF_LUA_CMOD_DIR}")
set(lmod "${prefix}/${CF_LUA_LMOD_DIR}")

file(REMOVE_RECURSE "${CF_WORK_DIR}")
file(MAKE_DIRECTORY "${CF_WORK_DIR}")

set(config_args "")
if(CF_CONFIG)
  set(config_args --config "${CF_CONFIG}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${CF_BINARY_DIR}" --prefix "${prefix}" ${config_args}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

foreach(file "${cmod}/competency/core.so" "${lmod}/competency.lua")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()

# The README's example, as the README test extracts it.
file(READ "${CF_SOURCE_DIR}/README.md" readme)
string(FIND "${readme}" "\n## In Lua\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "README.md has no section 'In Lua'")
endif()
string(SUBSTRING "${readme}" ${start} -1 section)
string(REGEX MATCH "```lua\n([^`]*)```" block "${section}")
set(code "${CMAKE_MATCH_1}")
string(REGEX MATCH "```text\n([^`]*)```" block "${section}")
set(expected "${CMAKE_MATCH_1}")
file(WRITE "${CF_WORK_DIR}/example.lua" "${code}")

# Only the installed directories on Lua's paths: the _5_4 variables win
# over LUA_PATH and LUA_CPATH, and without ";;" Lua's defaults are out.
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env
    "LUA_PATH_5_4=${lmod}/?.lua" "LUA_CPATH_5_4=${cmod}/?.so" "LUA_INIT_5_4="
    "${CF_LUA}" "${CF_WORK_DIR}/example.lua"
  WORKING_DIRECTORY "${CF_SOURCE_DIR}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the README's Lua example failed against the installed module (${rc}):\n"
    "${out}\n${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the README's Lua example printed\n${out}\ninstead of\n${expected}")
endif()
message(STATUS "the installed Lua module runs the README's example: ${cmod}, ${lmod}")
