# Finds buslab's dependencies. Each is a Debian 12 package; when one is missing, configuration stops and
# names the package, so `apt-get install -y <package>` is the whole fix.
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config'")
endif()

pkg_check_modules(SIMGRID IMPORTED_TARGET simgrid>=3.32)
if(NOT SIMGRID_FOUND)
  message(FATAL_ERROR "SimGrid 3.32 not found (pkg-config 'simgrid'): install the Debian package 'libsimgrid-dev'")
endif()

find_package(fmt CONFIG QUIET)
if(NOT fmt_FOUND)
  message(FATAL_ERROR "fmt not found: install the Debian package 'libfmt-dev'")
endif()

find_package(nlohmann_json 3 CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "nlohmann/json not found: install the Debian package 'nlohmann-json3-dev'")
endif()

find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  message(FATAL_ERROR "CLI11 not found: install the Debian package 'libcli11-dev'")
endif()

if(BUSLAB_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    message(FATAL_ERROR "GoogleTest not found: install the Debian package 'libgtest-dev' (or configure with -DBUSLAB_TESTS=OFF)")
  endif()
endif()

if(BUSLAB_VISUALIZER)
  pkg_check_modules(IMGUI IMPORTED_TARGET imgui)
  pkg_check_modules(GLFW IMPORTED_TARGET glfw3)
  find_package(OpenGL QUIET)
  if(NOT IMGUI_FOUND OR NOT GLFW_FOUND OR NOT OpenGL_FOUND)
    message(WARNING "buslab-viz is not built: it needs the Debian packages 'libimgui-dev', 'libglfw3-dev' and 'libgl-dev' "
                    "(found imgui=${IMGUI_FOUND} glfw3=${GLFW_FOUND} OpenGL=${OpenGL_FOUND})")
    set(BUSLAB_VISUALIZER OFF)
  endif()
endif()
