#include "sim/output/provenance.hpp"

#include "models/core/build_version.hpp"

namespace buslab {

using Json = nlohmann::ordered_json;

Json provenance_json(const Scenario& scenario) {
  Json overrides = Json::array();
  for (const auto& o : scenario.provenance.overrides)
    overrides.push_back(Json{{"from", o.origin}, {"path", o.path}, {"value", Json::parse(o.value)}});
  Json out;
  out["buslab"] = build_version();
  out["scenario_file"] = scenario.provenance.file;
  out["scenario_sha256"] = scenario.provenance.sha256;
  out["variant"] = scenario.variant;
  out["overrides"] = overrides;
  out["seed"] = scenario.seed;
  // Which cost profile the times come from: a result is only comparable with one of the same profile.
  out["profile"] = Json{
      {"name", scenario.profile.name}, {"from", scenario.profile.origin}, {"overridden", scenario.profile.overridden}};
  return out;
}

}  // namespace buslab
