#include "models/broker/headers.hpp"

#include <algorithm>

namespace buslab::broker {

Headers canonical_arguments(Headers args) {
  std::sort(args.begin(), args.end());
  return args;
}

}  // namespace buslab::broker
