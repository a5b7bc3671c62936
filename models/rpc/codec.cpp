#include "models/rpc/codec.hpp"

#include <cmath>

namespace buslab {

uint64_t Codec::wire_bytes(uint64_t payload_bytes) const {
  return static_cast<uint64_t>(std::ceil(static_cast<double>(payload_bytes) * size_factor)) + header_bytes;
}

const std::vector<Codec>& builtin_codecs() {
  // Fixed flops per message and flops per byte on a 1 Gf core: 20 kf = 20 us, 20 f/B = 20 ns per byte.
  static const std::vector<Codec> codecs = {
      {"json", 1.0, 200, {20e-6, 20e-9, 0.0}, {20e-6, 30e-9, 0.0}, 1e9},
      {"xml", 2.2, 300, {40e-6, 40e-9, 0.0}, {40e-6, 90e-9, 0.0}, 1e9},
      {"msgpack", 0.7, 60, {5e-6, 8e-9, 0.0}, {5e-6, 10e-9, 0.0}, 1e9},
  };
  return codecs;
}

const Codec* find_codec(const std::string& name) {
  for (const auto& codec : builtin_codecs())
    if (codec.name == name) return &codec;
  return nullptr;
}

const std::vector<std::string>& codec_names() {
  static const std::vector<std::string> names = {"json", "xml", "msgpack"};
  return names;
}

}  // namespace buslab
