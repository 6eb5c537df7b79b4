#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/group_view.h"
#include "cli/scenario_source.h"
#include "cli/topic_describe.h"
#include "engine/scenario/build.h"
#include "engine/world/inspect.h"

namespace ksim::cli {
namespace {

// kafka-consumer-groups --describe for each group: the chosen view.
void describe_groups(const world::World& w, const DescribeOptions& o,
                     const std::vector<std::string>& ids, std::ostream& out, std::ostream& err) {
  for (const std::string& id : ids) {
    const GroupView v = group_view(w, id);
    const ToolOutput t = o.members ? describe_group_members(v, o.verbose)
                         : o.state ? describe_group_state(v)
                                   : describe_group_offsets(v);
    out << t.out;
    err << t.err;
  }
}

}  // namespace

int describe_command(const DescribeOptions& o, std::ostream& out, std::ostream& err) {
  const bool any_group_view = o.groups || o.group.has_value() || o.list;
  if (!o.topics && !any_group_view) {
    err << "kafkasim describe: say what to describe: --topics, --list, --groups or --group G\n";
    return 2;
  }
  if (static_cast<int>(o.members) + static_cast<int>(o.state) + static_cast<int>(o.offsets) > 1) {
    err << "kafkasim describe: --members, --state and --offsets exclude each other, as in "
           "kafka-consumer-groups\n";
    return 2;
  }
  if ((o.members || o.state || o.offsets) && !o.groups && !o.group) {
    err << "kafkasim describe: --members, --state and --offsets describe --group G or --groups\n";
    return 2;
  }
  if (o.verbose && !o.members) {
    err << "kafkasim describe: --verbose goes with --members\n";
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
  // The metadata a client would get, as kafka-topics asks its bootstrap server.
  const cluster::Broker* broker = world::first_running_broker(w);
  if (broker == nullptr) {
    err << fmt::format("kafkasim describe: no broker is running at {} ms (step {})\n", w.now().ms(),
                       w.steps_done);
    return 1;
  }
  if (o.topics) out << describe_topics(broker->memory.image);
  if (o.list) {
    for (const std::string& id : group_ids(w)) out << id << "\n";
  }
  if (o.groups) describe_groups(w, o, group_ids(w), out, err);
  if (o.group) describe_groups(w, o, {*o.group}, out, err);
  return 0;
}

}  // namespace ksim::cli
