# write_if_changed(PATH TEXT): writes TEXT to PATH only when it differs from what is there, so that a generated
# source whose content did not change keeps its timestamp and nothing that depends on it is rebuilt.
function(write_if_changed path text)
  if(EXISTS "${path}")
    file(READ "${path}" old)
  else()
    set(old "")
  endif()
  if(NOT old STREQUAL text)
    file(WRITE "${path}" "${text}")
  endif()
endfunction()
