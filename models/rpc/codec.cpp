#include "models/rpc/codec.hpp"

#include <cmath>

namespace buslab {

uint64_t Codec::wire_bytes(uint64_t payload_bytes) const {
  return static_cast<uint64_t>(std::ceil(static_cast<double>(payload_bytes) * size_factor)) + header_bytes;
}

const std::vector<Codec>& builtin_codecs() {
  static const std::vector<Codec> codecs = {
      {"json", 1.0, 20.0, 30.0, 20e3, 200},
      {"xml", 2.2, 40.0, 90.0, 40e3, 300},
      {"msgpack", 0.7, 8.0, 10.0, 5e3, 60},
  };
  return codecs;
}

const Codec* find_codec(const std::string& name) {
  for (const auto& codec : builtin_codecs())
    if (codec.name == name) return &codec;
  return nullptr;
}

}  // namespace buslab
