# The fuzz targets, read from targets.def: for each, a replay executable
# (any compiler), a libFuzzer binary (RF_LIBFUZZER), an AFL++ binary and its
# custom mutator library (RF_AFL), its seed corpus compiled from the text
# programs in corpus/<target>/, and its dictionary.

file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/targets.def target_lines REGEX "^TARGET\\(")
set(RF_TARGETS "")
foreach(line ${target_lines})
  string(REGEX REPLACE "^TARGET\\(([a-z0-9_]+),.*" "\\1" name "${line}")
  list(APPEND RF_TARGETS ${name})
endforeach()
set(RF_TARGETS ${RF_TARGETS} PARENT_SCOPE)

# Every target's definition, the table, the mutator: one library.
set(target_sources targets.c mutate.c fileio.c)
foreach(t ${RF_TARGETS})
  list(APPEND target_sources target_${t}.c)
endforeach()
add_library(rftargets STATIC ${target_sources})
target_include_directories(rftargets PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(rftargets PUBLIC rfformat)

# Pictures of an engine state (picture.h): rf-tool's, and its test's.
add_library(rfpicture STATIC picture.c picture_run.c)
target_link_libraries(rfpicture PUBLIC rftargets)

add_executable(rf-tool rf_tool.c reduce.c)
target_link_libraries(rf-tool PRIVATE rftargets rfpicture)

# OSS-Fuzz and ClusterFuzzLite (.clusterfuzzlite/build.sh): the builder's
# $CFLAGS already carry the sanitizer and the coverage instrumentation, and
# $LIB_FUZZING_ENGINE is what to link -- -fsanitize=fuzzer, or a driver
# library such as AFL++'s libAFLDriver.a.  Their guide asks for the C++
# compiler at the link, since an engine may need the C++ runtime.
set(RF_LIB_FUZZING_ENGINE "" CACHE STRING
    "Link fuzz_<target> with this (OSS-Fuzz's $LIB_FUZZING_ENGINE); instrumentation from CFLAGS")
if(RF_LIB_FUZZING_ENGINE)
  if(RF_LIBFUZZER OR RF_AFL OR RF_SANITIZE OR RF_COVERAGE)
    message(FATAL_ERROR "RF_LIB_FUZZING_ENGINE takes its instrumentation from CFLAGS: "
                        "leave RF_LIBFUZZER, RF_AFL, RF_SANITIZE and RF_COVERAGE off")
  endif()
  enable_language(CXX)
  separate_arguments(rf_engine_link UNIX_COMMAND "${RF_LIB_FUZZING_ENGINE}")
  set(rf_engine_link_options)
  # What build.sh builds, as one target: one pass of make over the shared
  # libraries instead of one per fuzzer and corpus.
  add_custom_target(oss_fuzz)
elseif(RF_LIBFUZZER)
  set(rf_engine_link)
  set(rf_engine_link_options -fsanitize=fuzzer)
endif()
# Builds whose code is instrumented or sanitized: no AFL++ custom mutator there.
if(RF_SANITIZE OR RF_AFL OR RF_LIBFUZZER OR RF_COVERAGE OR RF_LIB_FUZZING_ENGINE)
  set(rf_instrumented ON)
endif()

foreach(t ${RF_TARGETS})
  # The plain replay executable: runs files and folders through the target.
  add_executable(replay_${t} entry.c replay_main.c)
  target_compile_definitions(replay_${t} PRIVATE RF_TARGET=rf_target_${t})
  target_link_libraries(replay_${t} PRIVATE rftargets)

  # The fuzzing engine's executable: our libFuzzer build, or OSS-Fuzz's engine
  # (under AFL++'s driver the custom mutator hooks are linked but never called).
  if(RF_LIBFUZZER OR RF_LIB_FUZZING_ENGINE)
    add_executable(fuzz_${t} entry.c mutator_libfuzzer.c)
    target_compile_definitions(fuzz_${t} PRIVATE RF_TARGET=rf_target_${t})
    target_link_libraries(fuzz_${t} PRIVATE rftargets ${rf_engine_link})
    target_link_options(fuzz_${t} PRIVATE ${rf_engine_link_options})
    if(RF_LIB_FUZZING_ENGINE)
      set_target_properties(fuzz_${t} PROPERTIES LINKER_LANGUAGE CXX)
      add_dependencies(oss_fuzz fuzz_${t})
    endif()
  endif()

  if(RF_AFL)
    # afl-clang-fast links AFL++'s driver (persistent mode) for -fsanitize=fuzzer.
    add_executable(afl_${t} entry.c)
    target_compile_definitions(afl_${t} PRIVATE RF_TARGET=rf_target_${t})
    target_link_libraries(afl_${t} PRIVATE rftargets)
    target_link_options(afl_${t} PRIVATE -fsanitize=fuzzer)
  endif()

  # The AFL++ custom mutator, loaded into afl-fuzz itself: built only where
  # nothing is instrumented or sanitized (the dev and release builds).
  if(NOT rf_instrumented)
    add_library(mutator_${t} SHARED mutator_afl.c entry.c ${target_sources})
    target_compile_definitions(mutator_${t} PRIVATE RF_TARGET=rf_target_${t})
    target_include_directories(mutator_${t} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(mutator_${t} PRIVATE rfformat)
  endif()
endforeach()

# fuzz_format: the decoder alone, against the format's properties (the
# format suite's checks, tests/fuzzers/test_format.c, behind a fuzzer entry).
if(RF_LIBFUZZER)
  add_executable(fuzz_format ${PROJECT_SOURCE_DIR}/tests/fuzzers/test_format.c
                             ${PROJECT_SOURCE_DIR}/tests/lib/testlib.c
                             ${PROJECT_SOURCE_DIR}/tests/lib/snapshot.c)
  target_compile_definitions(fuzz_format PRIVATE RF_FORMAT_FUZZER)
  target_include_directories(fuzz_format PRIVATE ${PROJECT_SOURCE_DIR}/tests/lib)
  target_link_libraries(fuzz_format PRIVATE rftargets)
  target_link_options(fuzz_format PRIVATE -fsanitize=fuzzer)
endif()

# The seed corpora: every text program in corpus/common/ and corpus/<target>/,
# and every regression in corpus/<target>/regressions/, compiled to canonical
# bytes in <build>/corpus/<target>/ (named <folder>-<stem>), and a dictionary
# per target, <build>/corpus/<target>.dict, from the same programs.
set(corpus_src ${PROJECT_SOURCE_DIR}/corpus)
set(corpus_out ${PROJECT_BINARY_DIR}/corpus)
foreach(t ${RF_TARGETS})
  file(GLOB common CONFIGURE_DEPENDS ${corpus_src}/common/*.txt)
  file(GLOB own CONFIGURE_DEPENDS ${corpus_src}/${t}/*.txt)
  file(GLOB regressions CONFIGURE_DEPENDS ${corpus_src}/${t}/regressions/*.txt)
  set(outs "")
  foreach(group common own regressions)
    if(group STREQUAL "own")
      set(prefix ${t})
    elseif(group STREQUAL "regressions")
      set(prefix regression)
    else()
      set(prefix common)
    endif()
    foreach(src ${${group}})
      get_filename_component(stem ${src} NAME_WE)
      set(out ${corpus_out}/${t}/${prefix}-${stem})
      add_custom_command(OUTPUT ${out}
        COMMAND rf-text encode ${src} -o ${out}
        DEPENDS rf-text ${src}
        COMMENT "corpus ${t}: ${prefix}-${stem}"
        VERBATIM)
      list(APPEND outs ${out})
    endforeach()
  endforeach()
  add_custom_command(OUTPUT ${corpus_out}/${t}.dict
    COMMAND rf-text dict ${common} ${own} ${regressions} -o ${corpus_out}/${t}.dict
    DEPENDS rf-text ${common} ${own} ${regressions}
    COMMENT "corpus ${t}: dictionary"
    VERBATIM)
  add_custom_target(corpus_${t} ALL DEPENDS ${outs} ${corpus_out}/${t}.dict)
  if(RF_LIB_FUZZING_ENGINE)
    add_dependencies(oss_fuzz corpus_${t})
  endif()
  # Create the folder even before any file is compiled into it.
  file(MAKE_DIRECTORY ${corpus_out}/${t})
endforeach()
