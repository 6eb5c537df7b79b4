#include "cli/cli_view.h"

#include <fmt/format.h>

#include "cli/group_describe.h"
#include "cli/group_view.h"
#include "cli/topic_describe.h"
#include "engine/world/inspect.h"

namespace ksim::cli {

std::string kafka_cli_view(const world::World& w) {
  const cluster::Broker* broker = world::first_running_broker(w);
  if (broker == nullptr) return "(no broker is running)\n";
  // --exclude-internal: the 50 partitions of __consumer_offsets would bury the lesson's topics.
  cluster::MetadataImage image = broker->memory.image;
  std::erase_if(image.topics, [](const auto& t) { return t.first.rfind("__", 0) == 0; });
  std::string out =
      "$ kafka-topics.sh --bootstrap-server localhost:9092 --describe --exclude-internal\n";
  out += describe_topics(image);
  for (const std::string& id : group_ids(w)) {
    out += fmt::format(
        "\n$ kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group {}\n",
        id);
    const ToolOutput tool = describe_group_offsets(group_view(w, id));
    out += tool.out;
    out += tool.err;
  }
  return out;
}

}  // namespace ksim::cli
