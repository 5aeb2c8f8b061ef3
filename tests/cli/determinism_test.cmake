# Runs each command twice on SCENARIO and fails unless both runs print the same bytes.
# Each run may take up to 15 minutes: under AddressSanitizer on a busy machine the 2024
# network's explorable page takes minutes, and a run stopped by the timeout would read as
# "different output".
# Diagrams and reports live in version control and get diffed, so this must hold.
# A command's words are joined by '|' so that the list of commands stays a CMake list of
# whole commands (a ';' inside an item would split it into single words).
set(commands
    "check"
    "query|--format|json"
    "query"
    "paths|--format|json|--limit|200"
    "paths|--limit|200"
    "likely|--format|json"
    "likely"
    "cut|--format|json"
    "cut"
    "report|--format|md"
    "report|--interactive"
    "simulate|--runs|3000|--threads|3"
    "simulate|--format|json|--runs|3000")
foreach(command IN LISTS commands)
    string(REPLACE "|" ";" arguments "${command}")
    string(REPLACE "|" " " shown "${command}")
    # Outputs hold ';', so they are kept in plain variables, never in a CMake list.
    foreach(run 1 2)
        execute_process(COMMAND ${PROGRAM} ${arguments} ${SCENARIO}
            OUTPUT_VARIABLE out_${run} ERROR_VARIABLE err_${run} RESULT_VARIABLE status_${run}
            TIMEOUT 900)
    endforeach()
    # Exit status 1 is an answer ("no"); anything else but 0 means the command failed.
    if(NOT status_1 MATCHES "^[01]$")
        message(SEND_ERROR "flowsim ${shown} ${SCENARIO}: exit status ${status_1}\n${err_1}")
    endif()
    if(NOT out_1 STREQUAL out_2 OR NOT err_1 STREQUAL err_2 OR NOT status_1 STREQUAL status_2)
        message(SEND_ERROR "flowsim ${shown} ${SCENARIO}: two runs printed different output "
            "(exit statuses ${status_1} and ${status_2})")
    endif()
endforeach()
