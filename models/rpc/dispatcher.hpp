#pragma once
// oslo.messaging's RPC dispatcher (rpc/dispatcher.py, docs/semantics.md 2.8): endpoints are tried in order; one
// qualifies when its namespace equals the message's and its version is compatible with the requested one; the
// first qualifying endpoint that has the method runs it. No qualifying endpoint: UnsupportedVersion; some, but
// none with the method: NoSuchMethod. Both go back to a caller as failures.
#include <optional>
#include <string>
#include <vector>

namespace buslab {

struct RpcVersion {
  int major = 1;
  int minor = 0;
  int revision = 0;
};

// "2.1" or "2.1.3"; nullopt when it is not a version.
std::optional<RpcVersion> parse_rpc_version(const std::string& text);
// oslo _utils.version_is_compatible: same major, requested minor not above, revision not above at equal minor.
bool version_is_compatible(const RpcVersion& implemented, const RpcVersion& requested);

enum class DispatchStatus { Ok, NoSuchMethod, UnsupportedVersion };
const char* to_string(DispatchStatus status);

struct EndpointSignature {
  std::string name_space;  // "" = None
  std::string version;     // "" = None: accepts any version
  std::vector<std::string> methods;
};

struct DispatchResult {
  DispatchStatus status = DispatchStatus::Ok;
  size_t endpoint = 0;  // when Ok: which endpoint runs the method
};

// A message without a version asks for "1.0" (oslo's default).
DispatchResult dispatch(const std::vector<EndpointSignature>& endpoints, const std::string& name_space,
                        const std::string& version, const std::string& method);

}  // namespace buslab
