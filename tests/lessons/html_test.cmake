# html_export_steps_in_chromium: `kafkasim export poison_pill --format html` opened offline in
# headless Chromium (Debian's chromium package): the page loads, shows the first lesson beat,
# and after pressing Next five times (#play=5) shows the sixth, with a different event. Run by
# CTest as
#   cmake -DCHROMIUM=... -DKAFKASIM=... -DOUT_DIR=... -P html_test.cmake
# A missing chromium fails the test with the fix: it is never skipped silently.
if(NOT CHROMIUM)
  message(FATAL_ERROR
    "html_export_steps_in_chromium: chromium was not found when CMake configured this build. "
    "Install it (apt-get install --no-install-recommends chromium) and re-run cmake.")
endif()

set(page "${OUT_DIR}/poison_pill.html")
execute_process(COMMAND "${KAFKASIM}" export poison_pill --format html -o "${page}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kafkasim export failed (${rc})")
endif()

# Self-contained: nothing is fetched from anywhere.
file(READ "${page}" html)
if(html MATCHES "(src|href)=\"?(https?:)?//")
  message(FATAL_ERROR "the page loads something from the network")
endif()

# The page's DOM after its script ran, in headless Chromium with no network use.
function(dump_dom fragment out_var)
  execute_process(
    COMMAND "${CHROMIUM}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
            --disable-background-networking --disable-component-update --disable-sync
            --user-data-dir=${OUT_DIR}/chromium-profile
            --dump-dom "file://${page}#${fragment}"
    OUTPUT_VARIABLE dom ERROR_VARIABLE ignored RESULT_VARIABLE rc TIMEOUT 60)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "chromium failed (${rc}) on #${fragment}")
  endif()
  set(${out_var} "${dom}" PARENT_SCOPE)
endfunction()

dump_dom("step=0" first)
dump_dom("play=5" sixth)
string(REGEX MATCH "<span id=\"where\">beat 1 of [0-9]+, step [0-9]+" first_where "${first}")
string(REGEX MATCH "<span id=\"where\">beat 6 of [0-9]+, step [0-9]+" sixth_where "${sixth}")
if(NOT first_where)
  message(FATAL_ERROR "the page did not show its first beat:\n${first}")
endif()
if(NOT sixth_where)
  message(FATAL_ERROR "pressing Next five times did not reach the sixth beat:\n${sixth}")
endif()
string(REGEX MATCH "<div id=\"event\">[^<]*</div>" first_event "${first}")
string(REGEX MATCH "<div id=\"event\">[^<]*</div>" sixth_event "${sixth}")
if(first_event STREQUAL sixth_event)
  message(FATAL_ERROR "stepping did not change the event shown: ${first_event}")
endif()
if(NOT sixth MATCHES "<td>broker-1</td><td[^>]*>up</td>")
  message(FATAL_ERROR "the cluster state does not show broker-1 up by the sixth beat")
endif()
dump_dom("step=60" later)
if(NOT later MATCHES "<td>orders-0 @ broker-1</td>")
  message(FATAL_ERROR "the cluster state does not show orders-0's replica at the 61st beat")
endif()
message(STATUS "first: ${first_where}; after five Next: ${sixth_where}")
