# The viz_screenshot_* tests: render SCENARIO (default: the toy world,
# tests/fixtures/toy_ping.json) at positions AT1 and AT2 under Xvfb, in VIEW (default cluster),
# and check that each PNG shows something and that the two differ; with REGION (X,Y,W,H) both
# checks look only at that rectangle: the view itself, not the trace or time panels. Run by
# CTest as
#   cmake -DXVFB_RUN=... -DVIZ=... -DCHECK=... -DOUT_DIR=... [-DSCENARIO=... -DAT1=.. -DAT2=..]
#         [-DVIEW=...] [-DREGION=...] -P screenshot_test.cmake
# A missing xvfb-run fails the test with the fix: it is never skipped silently.
if(NOT XVFB_RUN)
  message(FATAL_ERROR
    "viz_screenshot_not_blank: xvfb-run was not found when CMake configured this build. "
    "Install it (apt-get install --no-install-recommends xvfb xauth) and re-run cmake.")
endif()

if(NOT SCENARIO)
  set(SCENARIO "${CMAKE_CURRENT_LIST_DIR}/../fixtures/toy_ping.json")
  set(AT1 100)
  set(AT2 153)
endif()
if(NOT VIEW)
  set(VIEW cluster)
endif()
get_filename_component(stem "${SCENARIO}" NAME_WE)
set(first "${OUT_DIR}/viz_screenshot_${stem}_${VIEW}_at_${AT1}.png")
set(second "${OUT_DIR}/viz_screenshot_${stem}_${VIEW}_at_${AT2}.png")
file(REMOVE "${first}" "${second}")

foreach(pair "${AT1};${first}" "${AT2};${second}")
  list(GET pair 0 at)
  list(GET pair 1 png)
  execute_process(
    COMMAND "${XVFB_RUN}" -a -s "-screen 0 1280x800x24" "${VIZ}" "${SCENARIO}" --screenshot "${png}"
            --at ${at} --view ${VIEW}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kafkasim-viz --screenshot at ${at} exited with ${rc}")
  endif()
  if(NOT EXISTS "${png}")
    message(FATAL_ERROR "kafkasim-viz exited 0 but wrote no ${png}")
  endif()
endforeach()

set(region_args)
if(REGION)
  set(region_args --region "${REGION}")
endif()
execute_process(COMMAND "${CHECK}" "${first}" --differs-from "${second}" ${region_args}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "png_check failed (${rc}): see its output above")
endif()
