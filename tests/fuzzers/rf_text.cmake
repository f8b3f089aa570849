# The rf-text tool, end to end: cmake -DRF_TEXT=<rf-text> -DWORK=<dir> -P rf_text.cmake
#
# Round trip text -> bytes -> text, the canonical bytes of format.h's example,
# and each error: unreadable input, parse error (with the file name and line),
# overwriting the input, usage; no output file (nor temporary) left behind.

if(NOT RF_TEXT OR NOT WORK)
  message(FATAL_ERROR "usage: cmake -DRF_TEXT=<rf-text> -DWORK=<dir> -P rf_text.cmake")
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

set(failures 0)
macro(fail msg)
  message(SEND_ERROR "rf_text: ${msg}")
  math(EXPR failures "${failures} + 1")
endmacro()

# run(<expected exit status> <stderr must contain, or "">  args...)
macro(run want_rc want_err)
  execute_process(COMMAND ${RF_TEXT} ${ARGN} WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL ${want_rc})
    fail("rf-text ${ARGN}: exit ${rc}, expected ${want_rc}; stderr: ${err}")
  endif()
  if(NOT "${want_err}" STREQUAL "")
    string(FIND "${err}" "${want_err}" at)
    if(at EQUAL -1)
      fail("rf-text ${ARGN}: stderr '${err}' lacks '${want_err}'")
    endif()
  endif()
endmacro()

set(example [=[# regionfuzz program, format 1
# 2 operations: op i is on line 8 + i
geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096
zones 0x0 0x800
holes 0x10-0x20
reserved 0x30-0x31
modes both
alloc zone=0 order=3 mt=MOVABLE
free handle=5
]=])
file(WRITE ${WORK}/example.txt "${example}")

# -- text to bytes and back
run(0 "" encode example.txt -o example.bin)
set(hex "")
if(EXISTS ${WORK}/example.bin)
  file(READ ${WORK}/example.bin hex HEX)
endif()
# The canonical bytes, as tests/fuzzers/test_format.c spells them out.
set(want "01000908" "00" "000f" "0000" "01" "ff07" "0000" "01" "10000f" "000000" "01" "300000"
         "000000" "00000302" "010500")
string(REPLACE ";" "" want "${want}")
if(NOT hex STREQUAL want)
  fail("example.bin is ${hex}, expected ${want}")
endif()
run(0 "" decode example.bin)
if(NOT out STREQUAL example)
  fail("decode(encode(example)) printed\n${out}")
endif()
run(0 "" decode example.bin -o again.txt)
set(again "")
if(EXISTS ${WORK}/again.txt)
  file(READ ${WORK}/again.txt again)
endif()
if(NOT again STREQUAL example)
  fail("decode -o wrote\n${again}")
endif()

# -- several files: each headed by its name
run(0 "" decode example.bin example.bin)
string(FIND "${out}" "# ==> example.bin <==" at)
if(at EQUAL -1)
  fail("decode of two files lacks the '# ==> FILE <==' lines")
endif()

# -- errors
run(1 "cannot open nope.bin" decode nope.bin)
run(1 "cannot open nope.bin" decode example.bin nope.bin -o partial.txt)
if(EXISTS ${WORK}/partial.txt)
  fail("decode with an unreadable input left partial.txt")
endif()

file(WRITE ${WORK}/bad.txt "${example}alloc zone=0 order=12 mt=MOVABLE\n")
file(WRITE ${WORK}/keep.bin "keep")
run(1 "bad.txt: line 10: order=12: a program holds orders 0..11 with MAX_ORDER 11"
    encode bad.txt -o keep.bin)
file(READ ${WORK}/keep.bin kept)  # written above: it exists
if(NOT kept STREQUAL "keep")
  fail("a failed encode changed its output file")
endif()
run(1 "" encode bad.txt -o new.bin)
if(EXISTS ${WORK}/new.bin)
  fail("a failed encode left new.bin")
endif()

run(1 "refusing to write example.txt" encode example.txt -o example.txt)
run(1 "refusing to write example.bin" decode example.bin -o example.bin)
file(READ ${WORK}/example.txt still)
if(NOT still STREQUAL example)
  fail("the input was overwritten")
endif()
run(1 "NUL byte" encode example.bin -o x.bin)

# -- dictionaries: one token per distinct op and header, libFuzzer's syntax
run(0 "" dict example.txt -o example.dict)
file(STRINGS ${WORK}/example.dict tokens REGEX "^t[0-9]+=\"")
list(LENGTH tokens nr_tokens)
if(NOT nr_tokens EQUAL 3)
  fail("example.dict holds ${nr_tokens} tokens, expected 3 (a header, alloc, free): ${tokens}")
endif()
file(READ ${WORK}/example.dict dict_text)
string(FIND "${dict_text}" [=[="\x00\x00\x03\x02"]=] at_alloc)
if(at_alloc EQUAL -1)
  fail("example.dict lacks the alloc token (00 00 03 02): ${dict_text}")
endif()
run(1 "bad.txt: line 10" dict example.txt bad.txt -o bad.dict)
if(EXISTS ${WORK}/bad.dict)
  fail("a failed dict left bad.dict")
endif()
run(2 "dict needs -o" dict example.txt)

# -- --target: canonical bytes read the same for every target (how raw bytes
# differ by target is test_format.c's business)
foreach(target v4 ra_moves)
  run(0 "" decode --target ${target} example.bin)
  if(NOT out STREQUAL example)
    fail("decode --target ${target} of canonical bytes printed\n${out}")
  endif()
endforeach()
run(2 "no target 'nope'" decode --target nope example.bin)
run(2 "--target is for decode only" encode --target v4 example.txt -o t.bin)

run(2 "" encode example.txt)
run(2 "" decode)
run(2 "unknown option" decode example.bin -q)
run(2 "unknown command" frob)
run(0 "" --help)
string(FIND "${out}" "usage: rf-text decode" at)
if(at EQUAL -1)
  fail("--help printed no usage")
endif()

file(GLOB temps ${WORK}/*.tmp.*)
if(temps)
  fail("temporary files left behind: ${temps}")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "rf_text: ${failures} failures")
endif()
message(STATUS "rf_text: all checks passed")
