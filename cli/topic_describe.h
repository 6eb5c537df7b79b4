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

// kafka-topics --describe's report options: only the matching partition lines, no headers
// (--topics-with-overrides: only the headers of topics with overrides).
struct TopicReport {
  bool under_replicated = false;
  bool under_min_isr = false;
  bool at_min_isr = false;
  bool unavailable = false;
  bool with_overrides = false;
  int64_t default_min_isr = 1;  // the brokers' min.insync.replicas
};

// The named topics of `image` (in the order given: the tool's sorted list) with a report filter.
std::string describe_topics(const cluster::MetadataImage& image,
                            const std::vector<std::string>& topics, const TopicReport& report);

}  // namespace ksim::cli
