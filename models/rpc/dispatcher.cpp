#include "models/rpc/dispatcher.hpp"

#include <algorithm>

namespace buslab {

std::optional<RpcVersion> parse_rpc_version(const std::string& text) {
  // Read in place (every request is dispatched through here): up to three dot-separated parts of 1 to 6 digits.
  int numbers[3] = {0, 0, 0};
  size_t start = 0;
  for (size_t i = 0;; ++i) {
    const size_t dot = text.find('.', start);
    const size_t end = dot == std::string::npos ? text.size() : dot;
    if (i >= 3 || end == start || end - start > 6) return std::nullopt;
    int value = 0;
    for (size_t c = start; c < end; ++c) {
      if (text[c] < '0' || text[c] > '9') return std::nullopt;
      value = value * 10 + (text[c] - '0');
    }
    numbers[i] = value;
    if (dot == std::string::npos) break;
    start = dot + 1;
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
