#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/scenario_source.h"
#include "cli/topic_describe.h"
#include "engine/scenario/build.h"

namespace ksim::cli {
namespace {

// The metadata a client would get: the image of the lowest-id broker that is up, as
// kafka-topics asks its bootstrap server.
const cluster::MetadataImage* broker_image(const world::World& w) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b != nullptr && w.rt.status[i].up) return &b->memory.image;
  }
  return nullptr;
}

}  // namespace

int describe_command(const DescribeOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.topics) {
    err << "kafkasim describe: say what to describe: --topics (groups come with consumer "
           "groups)\n";
    return 2;
  }
  const auto s = load_scenario(o.scenario, err);
  if (!s) return 2;
  if (!s->cluster) {
    err << "kafkasim describe: " << s->name << " has no Kafka cluster (it is a toy world)\n";
    return 2;
  }
  world::World w = scenario::build_world(*s, o.seed.value_or(s->seed));
  const SimTime until = o.at_ms ? SimTime::from_ms(*o.at_ms) : s->stop_at;
  const int64_t max_steps = o.step.value_or(INT64_MAX);
  while (w.steps_done < max_steps &&
         world::step(w, nullptr, until) == world::StepResult::kStepped) {
  }
  const cluster::MetadataImage* image = broker_image(w);
  if (image == nullptr) {
    err << fmt::format("kafkasim describe: no broker is running at {} ms (step {})\n", w.now().ms(),
                       w.steps_done);
    return 1;
  }
  out << describe_topics(*image);
  return 0;
}

}  // namespace ksim::cli
