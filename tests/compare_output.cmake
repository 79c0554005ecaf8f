# Runs a program and compares its standard output with an expected file,
# byte for byte; run by ctest as
#   cmake -DCF_PROGRAM=... [-DCF_ARGS=arg1|arg2] -DCF_EXPECTED=...
#         [-DCF_STDERR_REGEX=...]
#         [-DCF_DOC=... -DCF_DOC_QUOTES=file1;file2] -P compare_output.cmake
#
# CF_PROGRAM must exit with status 0. When CF_STDERR_REGEX is given, its
# standard error must match it. When CF_DOC is given, it must quote every
# file of CF_DOC_QUOTES word for word (a document that shows a program and
# its output stays true to both). On a difference the test fails and shows
# both texts.

cmake_minimum_required(VERSION 3.16)

foreach(var CF_PROGRAM CF_EXPECTED)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "compare_output.cmake: ${var} is not set")
  endif()
endforeach()

# The arguments come separated by | (a ; would split the -D option).
string(REPLACE "|" ";" cf_args "${CF_ARGS}")
execute_process(COMMAND "${CF_PROGRAM}" ${cf_args}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "0")
  message(FATAL_ERROR "${CF_PROGRAM} exited with ${rc}\n"
    "--- stdout ---\n${out}\n--- stderr ---\n${err}")
endif()

file(READ "${CF_EXPECTED}" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the output of ${CF_PROGRAM} differs from ${CF_EXPECTED}\n"
    "--- expected ---\n${expected}\n--- got ---\n${out}\n--- stderr ---\n${err}")
endif()

if(DEFINED CF_STDERR_REGEX AND NOT "${err}" MATCHES "${CF_STDERR_REGEX}")
  message(FATAL_ERROR "the standard error of ${CF_PROGRAM} does not match "
    "'${CF_STDERR_REGEX}':\n${err}")
endif()

if(DEFINED CF_DOC)
  file(READ "${CF_DOC}" doc)
  foreach(quoted IN LISTS CF_DOC_QUOTES)
    file(READ "${quoted}" text)
    string(FIND "${doc}" "${text}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${CF_DOC} does not quote ${quoted} word for word: "
        "copy the file into its code block again")
    endif()
  endforeach()
endif()

message(STATUS "${CF_PROGRAM}: output as expected")
