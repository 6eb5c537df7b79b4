// What Kafka's own tools would print at one moment of a run: kafka-topics --describe
// --exclude-internal and
// kafka-consumer-groups --describe for every group, asked of the lowest-id running broker. For
// course notes and the terminal stepper.
#pragma once

#include <string>

#include "engine/world/world.h"

namespace ksim::cli {

// Each command line, then its output; "(no broker is running)" when none is.
std::string kafka_cli_view(const world::World& w);

}  // namespace ksim::cli
