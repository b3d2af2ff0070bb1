# cmake -P: fails unless the CI workflow's e2e matrix has one job per scenario
# binary that e2e_add_scenario registers, and no job for a scenario that does
# not exist (ctest: ci.matrix_has_a_job_per_scenario).
#   WORKFLOW   .github/workflows/ci.yml
#   SCENARIOS  ;-list of the registered scenario names
cmake_minimum_required(VERSION 3.25)
file(READ "${WORKFLOW}" workflow)
# The matrix entries: "- {scenario: NAME}" lines.
string(REGEX MATCHALL "\\{ *scenario: *[A-Za-z0-9_]+ *[,}]" entries "${workflow}")
set(jobs "")
foreach(entry IN LISTS entries)
  string(REGEX REPLACE "^\\{ *scenario: *([A-Za-z0-9_]+).*" "\\1" job "${entry}")
  list(APPEND jobs "${job}")
endforeach()
set(problems "")
foreach(scenario IN LISTS SCENARIOS)
  if(NOT scenario IN_LIST jobs)
    string(APPEND problems "\n  scenario ${scenario} has no job in the e2e matrix")
  endif()
endforeach()
foreach(job IN LISTS jobs)
  if(NOT job IN_LIST SCENARIOS)
    string(APPEND problems "\n  the matrix job ${job} is no registered scenario")
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "${WORKFLOW}:${problems}")
endif()
list(LENGTH jobs count)
message("ci matrix ok: ${count} scenario jobs (${jobs})")
