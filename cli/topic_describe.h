// kafka-topics.sh --describe, as Kafka 3.9's TopicCommand prints it: for each topic (sorted by
// name) a TAB-separated header line, then one line per partition. Pure over a metadata image,
// so tests compare it with text written from Kafka's format, not from our own output.
#pragma once

#include <string>

#include "engine/cluster/metadata_image.h"

namespace ksim::cli {

// Every topic of `image`. Configs lists the topic's overrides (name=value, by name).
// Simplification: no server.properties, so no broker-level statics appear among the configs,
// and ELR is off (KIP-966), so Elr and LastKnownElr are empty (docs/simplifications.md#cli).
std::string describe_topics(const cluster::MetadataImage& image);

}  // namespace ksim::cli
