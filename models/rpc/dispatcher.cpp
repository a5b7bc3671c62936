#include "models/rpc/dispatcher.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace buslab {

std::optional<RpcVersion> parse_rpc_version(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() > 3) return std::nullopt;
  int numbers[3] = {0, 0, 0};
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty() || part.size() > 6 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    numbers[i] = std::atoi(part.c_str());
  }
  return RpcVersion{numbers[0], numbers[1], numbers[2]};
}

bool version_is_compatible(const RpcVersion& implemented, const RpcVersion& requested) {
  if (implemented.major != requested.major) return false;
  if (requested.minor > implemented.minor) return false;
  if (requested.minor == implemented.minor && requested.revision > implemented.revision) return false;
  return true;
}

const char* to_string(DispatchStatus status) {
  switch (status) {
    case DispatchStatus::Ok:
      return "ok";
    case DispatchStatus::NoSuchMethod:
      return "NoSuchMethod";
    case DispatchStatus::UnsupportedVersion:
      return "UnsupportedVersion";
  }
  return "?";
}

DispatchResult dispatch(const std::vector<EndpointSignature>& endpoints, const std::string& name_space,
                        const std::string& version, const std::string& method) {
  const RpcVersion requested = parse_rpc_version(version.empty() ? "1.0" : version).value_or(RpcVersion{});
  bool any_qualified = false;
  for (size_t i = 0; i < endpoints.size(); ++i) {
    const EndpointSignature& e = endpoints[i];
    if (e.name_space != name_space) continue;
    if (!e.version.empty()) {
      const auto implemented = parse_rpc_version(e.version);
      if (!implemented || !version_is_compatible(*implemented, requested)) continue;
    }
    any_qualified = true;
    // oslo's default access policy refuses methods starting with "_".
    if (!method.empty() && method[0] != '_' && std::find(e.methods.begin(), e.methods.end(), method) != e.methods.end())
      return DispatchResult{DispatchStatus::Ok, i};
  }
  return DispatchResult{any_qualified ? DispatchStatus::NoSuchMethod : DispatchStatus::UnsupportedVersion, 0};
}

}  // namespace buslab
