# Install test, run by ctest (label `install`) as
#   cmake -DCF_SOURCE_DIR=... -DCF_BINARY_DIR=... -DCF_WORK_DIR=... -P install_test.cmake
#
# 1. `cmake --install` the finished build into CF_WORK_DIR/prefix;
# 2. configure and build examples/c against that prefix with
#    find_package(competency), once with the shared and once with the
#    static library, and run the programs;
# 3. compile the examples with `cc $(pkg-config ...)` and run them with
#    LD_LIBRARY_PATH pointing into the prefix.
#
# Variables: CF_SOURCE_DIR, CF_BINARY_DIR, CF_WORK_DIR (required);
# CF_CONFIG (build configuration, may be empty), CF_INSTALL_LIBDIR (default
# lib), CF_C_COMPILER (default cc), CF_C_FLAGS (extra flags for compiling
# and linking the examples), CF_PKG_CONFIG (default pkg-config), CF_HAVE_CLI
# (1 when bin/competency must be installed, with its bash completion script
# in CF_BASH_COMPLETION_DIR, default share/bash-completion/completions).

cmake_minimum_required(VERSION 3.16)

foreach(var CF_SOURCE_DIR CF_BINARY_DIR CF_WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "install_test.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT CF_INSTALL_LIBDIR)
  set(CF_INSTALL_LIBDIR lib)
endif()
if(NOT CF_C_COMPILER)
  set(CF_C_COMPILER cc)
endif()
if(NOT CF_PKG_CONFIG)
  set(CF_PKG_CONFIG pkg-config)
endif()

set(prefix "${CF_WORK_DIR}/prefix")
set(framework "${CF_SOURCE_DIR}/frameworks/sols-community-relations.yaml")
set(element "CR.1.1")
set(examples "${CF_SOURCE_DIR}/examples/c")

if(IS_ABSOLUTE "${CF_INSTALL_LIBDIR}")
  message(FATAL_ERROR "the install test needs a relative CMAKE_INSTALL_LIBDIR, not ${CF_INSTALL_LIBDIR}")
endif()
set(libdir "${prefix}/${CF_INSTALL_LIBDIR}")

if(NOT EXISTS "${framework}")
  message(FATAL_ERROR "missing ${framework}")
endif()

# Runs a command; stops the test with its output when it fails. Its standard
# output goes to the variable named by OUTPUT.
function(cf_run)
  cmake_parse_arguments(arg "" "OUTPUT;EXPECT" "COMMAND" ${ARGN})
  if(NOT DEFINED arg_EXPECT)
    set(arg_EXPECT 0)
  endif()
  string(REPLACE ";" " " shown "${arg_COMMAND}")
  message(STATUS "$ ${shown}")
  execute_process(COMMAND ${arg_COMMAND}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT "${rc}" STREQUAL "${arg_EXPECT}")
    message(FATAL_ERROR "exit status ${rc} (expected ${arg_EXPECT}) from: ${shown}\n"
      "--- stdout ---\n${out}\n--- stderr ---\n${err}")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
    set(${arg_OUTPUT}_ERR "${err}" PARENT_SCOPE)
  endif()
endfunction()

function(cf_expect_match text regex what)
  if(NOT "${text}" MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected to match '${regex}', got:\n${text}")
  endif()
endfunction()

# Checks one built example: show_element on the element, hello, and
# show_element on a missing file (error line on stderr, exit status 1).
function(cf_check_examples label show_element hello)
  cf_run(OUTPUT out COMMAND "${show_element}" "${framework}" "${element}")
  cf_expect_match("${out}" "${element}" "${label} show_element")
  cf_run(OUTPUT out COMMAND "${hello}" "${framework}")
  cf_expect_match("${out}" "[^ \n]" "${label} hello")
  cf_run(OUTPUT out EXPECT 1 COMMAND "${show_element}" "${CF_WORK_DIR}/no-such-file.yaml")
  cf_expect_match("${out_ERR}" "no-such-file.yaml:[0-9]+:[0-9]+: error: " "${label} show_element error")
  message(STATUS "${label}: ok")
endfunction()

# Runs the gap_report example, which must print the JSON that the
# example_gap_report test expects.
function(cf_check_gap_report label program)
  cf_run(OUTPUT out COMMAND "${program}")
  file(READ "${CF_SOURCE_DIR}/tests/data/expected/gap_report.json" expected)
  if(NOT out STREQUAL expected)
    message(FATAL_ERROR "${label} gap_report printed:\n${out}\nexpected:\n${expected}")
  endif()
  message(STATUS "${label} gap_report: ok")
endfunction()

# Never install below a DESTDIR from the caller's environment.
unset(ENV{DESTDIR})

file(REMOVE_RECURSE "${CF_WORK_DIR}")
file(MAKE_DIRECTORY "${CF_WORK_DIR}")

# ---------------------------------------------------------------------------
# 1. Install
# ---------------------------------------------------------------------------

set(config_args "")
if(CF_CONFIG)
  set(config_args --config "${CF_CONFIG}")
endif()
cf_run(COMMAND "${CMAKE_COMMAND}" --install "${CF_BINARY_DIR}" --prefix "${prefix}" ${config_args})

set(expected_files
  "${prefix}/include/competency.h"
  "${libdir}/libcompetency.a"
  "${libdir}/pkgconfig/competency.pc"
  "${libdir}/cmake/competency/competencyConfig.cmake"
  "${libdir}/cmake/competency/competencyConfigVersion.cmake"
  "${libdir}/cmake/competency/competencyTargets.cmake")
if(NOT WIN32 AND NOT APPLE)
  list(APPEND expected_files
    "${libdir}/libcompetency.so"
    "${libdir}/libcompetency.so.0")
endif()
if(CF_HAVE_CLI)
  list(APPEND expected_files "${prefix}/bin/competency${CMAKE_EXECUTABLE_SUFFIX}")
  # The bash completion script, named after the command as bash-completion
  # expects; its directory is relative to the prefix unless configured
  # absolute.
  if(NOT CF_BASH_COMPLETION_DIR)
    set(CF_BASH_COMPLETION_DIR "share/bash-completion/completions")
  endif()
  if(IS_ABSOLUTE "${CF_BASH_COMPLETION_DIR}")
    list(APPEND expected_files "${CF_BASH_COMPLETION_DIR}/competency")
  else()
    list(APPEND expected_files "${prefix}/${CF_BASH_COMPLETION_DIR}/competency")
  endif()
endif()
foreach(file IN LISTS expected_files)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
message(STATUS "installed into ${prefix}")

# ---------------------------------------------------------------------------
# 2. find_package(competency) from the prefix, shared and static
# ---------------------------------------------------------------------------

foreach(variant shared static)
  if(variant STREQUAL "static")
    set(link_static ON)
  else()
    set(link_static OFF)
  endif()
  set(build "${CF_WORK_DIR}/build-${variant}")
  cf_run(COMMAND "${CMAKE_COMMAND}" -S "${examples}" -B "${build}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"
    "-DCMAKE_BUILD_TYPE=Debug"
    "-DCMAKE_C_COMPILER=${CF_C_COMPILER}"
    "-DCMAKE_C_FLAGS=${CF_C_FLAGS}"
    "-DCOMPETENCY_LINK_STATIC=${link_static}")

  # The package must come from the prefix, not from a copy elsewhere.
  file(STRINGS "${build}/CMakeCache.txt" found_dir REGEX "^competency_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
  get_filename_component(found_dir "${found_dir}" REALPATH)
  get_filename_component(expected_dir "${libdir}/cmake/competency" REALPATH)
  if(NOT found_dir STREQUAL expected_dir)
    message(FATAL_ERROR "find_package(competency) used ${found_dir}, not ${expected_dir}")
  endif()

  cf_run(COMMAND "${CMAKE_COMMAND}" --build "${build}" --config Debug)
  # Single-config generators build into ${build}, multi-config ones into
  # ${build}/Debug.
  set(bin_dir "${build}")
  if(NOT EXISTS "${bin_dir}/show_element" AND EXISTS "${build}/Debug/show_element")
    set(bin_dir "${build}/Debug")
  endif()
  foreach(program show_element hello gap_report)
    if(NOT EXISTS "${bin_dir}/${program}")
      message(FATAL_ERROR "the example ${program} was not built in ${bin_dir}")
    endif()
  endforeach()
  cf_check_examples("cmake ${variant}" "${bin_dir}/show_element" "${bin_dir}/hello")
  cf_check_gap_report("cmake ${variant}" "${bin_dir}/gap_report")
endforeach()

# ---------------------------------------------------------------------------
# 3. pkg-config
# ---------------------------------------------------------------------------

if(WIN32)
  return()
endif()

if(DEFINED ENV{PKG_CONFIG_PATH} AND NOT "$ENV{PKG_CONFIG_PATH}" STREQUAL "")
  set(ENV{PKG_CONFIG_PATH} "${libdir}/pkgconfig:$ENV{PKG_CONFIG_PATH}")
else()
  set(ENV{PKG_CONFIG_PATH} "${libdir}/pkgconfig")
endif()

cf_run(OUTPUT pc_version COMMAND "${CF_PKG_CONFIG}" --modversion competency)
cf_expect_match("${pc_version}" "^[0-9]+\\.[0-9]+\\.[0-9]+" "pkg-config --modversion")
cf_run(OUTPUT pc_static COMMAND "${CF_PKG_CONFIG}" --static --libs competency)
cf_expect_match("${pc_static}" "-lyaml" "pkg-config --static --libs")
cf_expect_match("${pc_static}" "-ljansson" "pkg-config --static --libs")
cf_run(OUTPUT pc_cflags COMMAND "${CF_PKG_CONFIG}" --cflags competency)
cf_run(OUTPUT pc_libs COMMAND "${CF_PKG_CONFIG}" --libs competency)
separate_arguments(pc_cflags UNIX_COMMAND "${pc_cflags}")
separate_arguments(pc_libs UNIX_COMMAND "${pc_libs}")
separate_arguments(extra_flags UNIX_COMMAND "${CF_C_FLAGS}")

set(pc_dir "${CF_WORK_DIR}/pkg-config")
file(MAKE_DIRECTORY "${pc_dir}")
foreach(program show_element hello gap_report)
  cf_run(COMMAND "${CF_C_COMPILER}" -std=c11 ${extra_flags} ${pc_cflags}
    -o "${pc_dir}/${program}" "${examples}/${program}.c" ${pc_libs})
endforeach()

set(ENV{LD_LIBRARY_PATH} "${libdir}")
cf_check_examples("pkg-config" "${pc_dir}/show_element" "${pc_dir}/hello")
cf_check_gap_report("pkg-config" "${pc_dir}/gap_report")

message(STATUS "install test passed")
