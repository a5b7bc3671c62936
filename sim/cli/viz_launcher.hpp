#pragma once
// `buslab run --viz`: hands every trace a run wrote to buslab-viz, found next to the buslab binary (or $BUSLAB_VIZ).
#include <string>
#include <vector>

namespace buslab::cli {

// Replaces this process with buslab-viz on `traces`; returns only when it could not be started (an exit code).
int launch_viz(std::vector<std::string> traces);

}  // namespace buslab::cli
