# viz_screenshot_not_blank: renders demo_1 at two positions under Xvfb and checks that each
# PNG shows something and that the two differ. Run by CTest as
#   cmake -DXVFB_RUN=... -DVIZ=... -DCHECK=... -DOUT_DIR=... -P screenshot_test.cmake
# A missing xvfb-run fails the test with the fix: it is never skipped silently.
if(NOT XVFB_RUN)
  message(FATAL_ERROR
    "viz_screenshot_not_blank: xvfb-run was not found when CMake configured this build. "
    "Install it (apt-get install --no-install-recommends xvfb xauth) and re-run cmake.")
endif()

set(first "${OUT_DIR}/viz_screenshot_at_100.png")
set(second "${OUT_DIR}/viz_screenshot_at_153.png")
file(REMOVE "${first}" "${second}")

foreach(pair "100;${first}" "153;${second}")
  list(GET pair 0 at)
  list(GET pair 1 png)
  execute_process(
    COMMAND "${XVFB_RUN}" -a -s "-screen 0 1280x800x24" "${VIZ}" demo_1 --screenshot "${png}"
            --at ${at}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kafkasim-viz --screenshot at ${at} exited with ${rc}")
  endif()
  if(NOT EXISTS "${png}")
    message(FATAL_ERROR "kafkasim-viz exited 0 but wrote no ${png}")
  endif()
endforeach()

execute_process(COMMAND "${CHECK}" "${first}" --differs-from "${second}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "png_check failed (${rc}): see its output above")
endif()
