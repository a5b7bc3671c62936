#pragma once
// What a node does with a frame or a tag it has no business receiving: it fails loudly. A frame a node cannot
// handle, or a timer or work tag of a kind no part of it owns, is a bug in the models (a frame sent to the wrong
// node, a handler missing), never something to drop quietly: the run stops with an internal error (exit code 3)
// that names the frame, and the runtime adds the node and the time.
#include <cstdint>
#include <stdexcept>

#include "models/core/directory.hpp"
#include "models/core/envelope.hpp"
#include "models/core/tags.hpp"

namespace buslab {

const char* to_string(Frame frame);
const char* to_string(TagKind kind);

class ProtocolViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Throws a ProtocolViolation: "internal error: unexpected Return frame from mq (call 7, queue 0, delivery tag 0)";
// `directory` names the sender.
[[noreturn]] void unexpected_frame(const Envelope& env, const Directory& directory);
// Throws a ProtocolViolation for a timer or a piece of work (`what`) whose tag no part of the node owns.
[[noreturn]] void unexpected_tag(const char* what, uint64_t tag);

}  // namespace buslab
