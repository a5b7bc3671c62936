#pragma once
// The version of this build of buslab: the project version, and `git describe` of the source tree it was built
// from when that was a git checkout ("0.1.0 (git 941803f)"). Generated at build time (cmake/BuildVersion.cmake);
// printed by `buslab --version` and `buslab-viz --version` and recorded in every output's provenance.
namespace buslab {

const char* build_version();

}  // namespace buslab
