// kafka-topics, as Kafka 3.9's TopicCommand checks its arguments, asks the cluster and prints.
#include <fmt/format.h>

#include <regex>

#include "cli/shell/tool_args.h"
#include "cli/shell/tools.h"
#include "cli/topic_describe.h"
#include "engine/cluster/controller_ops.h"
#include "engine/world/inspect.h"

namespace ksim::cli::shell {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"bootstrap-server", true},
      {"command-config", true},
      {"list", false},
      {"create", false},
      {"delete", false},
      {"alter", false},
      {"describe", false},
      {"topic", true},
      {"topic-id", true},
      {"config", true},
      {"partitions", true},
      {"replication-factor", true},
      {"replica-assignment", true},
      {"under-replicated-partitions", false},
      {"unavailable-partitions", false},
      {"under-min-isr-partitions", false},
      {"at-min-isr-partitions", false},
      {"topics-with-overrides", false},
      {"if-exists", false},
      {"if-not-exists", false},
      {"exclude-internal", false},
      {"partition-size-limit-per-response", true},
      {"help", false},
      {"version", false},
  };
  return kSpecs;
}

constexpr const char* kFailure = "Error while executing topic command : ";

bool is_internal(const std::string& topic) {
  return topic == "__consumer_offsets" || topic == "__transaction_state";
}

// TopicCommandOptions.checkArgs.
void check_args(const Words& words, const ToolArgs& a) {
  if (words.empty()) throw ToolError{"Create, delete, describe, or change a topic."};
  int actions = 0;
  for (const char* action : {"create", "list", "alter", "describe", "delete"}) {
    actions += a.has(action) ? 1 : 0;
  }
  if (actions != 1) {
    throw ToolError{
        "Command must include exactly one action: --list, --describe, --create, --alter or "
        "--delete"};
  }
  if (!a.has("bootstrap-server")) throw ToolError{"--bootstrap-server must be specified"};
  if (!a.has("list") && !a.has("describe") && !a.has("topic")) {
    throw ToolError{"Missing required argument \"[topic]\""};
  }
  if (a.has("alter") && !a.has("partitions")) {
    throw ToolError{"Missing required argument \"[partitions]\""};
  }
  // checkInvalidArgs: options that only go with some actions.
  const auto only_with = [&](const char* option, std::initializer_list<const char*> actions) {
    if (!a.has(option)) return;
    for (const char* action : actions) {
      if (a.has(action)) return;
    }
    for (const char* action : {"alter", "create", "describe", "list", "delete"}) {
      if (a.has(action)) {
        throw ToolError{
            fmt::format("Option \"[{}]\" can't be used with option \"[{}]\"", option, action)};
      }
    }
  };
  only_with("config", {"alter", "create"});
  only_with("partitions", {"alter", "create"});
  only_with("replication-factor", {"create"});
  only_with("replica-assignment", {"alter", "create"});
  only_with("if-exists", {"alter", "delete", "describe"});
  only_with("if-not-exists", {"create"});
  only_with("exclude-internal", {"list", "describe"});
  for (const char* report :
       {"under-replicated-partitions", "unavailable-partitions", "under-min-isr-partitions",
        "at-min-isr-partitions", "topics-with-overrides"}) {
    only_with(report, {"describe"});
  }
}

// The topics --topic names (a regular expression, except for --create) among `all`, sorted.
std::vector<std::string> matching_topics(const cluster::MetadataImage& image, const ToolArgs& a) {
  std::vector<std::string> found;
  const std::optional<std::string> pattern = a.value("topic");
  std::optional<std::regex> re;
  if (pattern) {
    try {
      re.emplace(*pattern);
    } catch (const std::regex_error&) {
      re.reset();
    }
  }
  for (const auto& [name, t] : image.topics) {
    if (a.has("exclude-internal") && is_internal(name)) continue;
    if (pattern && name != *pattern && !(re && std::regex_match(name, *re))) continue;
    found.push_back(name);
  }
  return found;
}

// The active KRaft controller, which answers CreateTopics.
const cluster::Controller* active_controller(const world::World& w) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* c = std::get_if<cluster::Controller>(&w.nodes[i].logic);
    if (c != nullptr && w.rt.status[i].up && cluster::is_active(*c)) return c;
  }
  return nullptr;
}

const cluster::MetadataImage& image_of(const Session& s, const std::string& broker) {
  return broker_node(s, broker).memory.image;
}

// The topic's configs from --config name=value (TopicCommand.parseTopicConfigsToBeAdded).
std::map<std::string, std::string> configs_of(const ToolArgs& a) {
  static const std::regex kEquals("\\s*=\\s*");
  std::map<std::string, std::string> configs;
  for (const std::string& c : a.values("config")) {
    const std::vector<std::string> parts(
        std::sregex_token_iterator(c.begin(), c.end(), kEquals, -1), std::sregex_token_iterator());
    if (parts.size() != 2) {
      throw ToolError{
          "requirement failed: Invalid topic config: all configs to be added must be in the "
          "format \"key=val\"."};
    }
    configs[parts[0]] = parts[1];
  }
  return configs;
}

void create(Session& s, const ToolArgs& a, const std::string& broker, const std::string& command,
            std::ostream& out, std::ostream& err) {
  const std::string topic = *a.value("topic");
  const std::optional<int64_t> partitions = integer_option(a, "partitions");
  const std::optional<int64_t> rf = integer_option(a, "replication-factor");
  const auto configs = configs_of(a);
  if (topic.find('.') != std::string::npos || topic.find('_') != std::string::npos) {
    out << "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore "
           "('_') could collide. To avoid issues it is best to use either, but not both.\n";
  }
  if (rf && (*rf > 32767 || *rf < 1)) {
    throw ToolError{"The replication factor must be between 1 and 32767 inclusive"};
  }
  if (partitions && *partitions < 1) throw ToolError{"The partitions must be greater than 0"};
  // Unset, the broker's defaults apply (the request carries -1).
  const cluster::Broker& b = broker_node(s, broker);
  const auto p = static_cast<int32_t>(partitions.value_or(b.config.num_partitions));
  const auto r = static_cast<int16_t>(rf.value_or(b.config.default_replication_factor));
  const cluster::Controller* controller = active_controller(s.world());
  if (controller == nullptr) {
    out << kFailure << "Timed out waiting for a node assignment. Call: createTopics\n";
    err << "kafkasim: no KRaft controller is active at this moment of the run\n";
    return;
  }
  if (const auto refused = cluster::refuse_create_topic(
          *controller, proto::CreateTopicsRequest{0, topic, p, r, configs})) {
    if (refused->error == proto::ErrorCode::TOPIC_ALREADY_EXISTS && a.has("if-not-exists")) return;
    out << kFailure << refused->error_message << "\n";
    return;
  }
  Json action{
      {"action", "create_topic"}, {"topic", topic}, {"partitions", p}, {"replication_factor", r}};
  if (!configs.empty()) action["configs"] = configs;
  if (!s.fork(command, {action}, err)) return;
  // CreateTopics answers once the controller has committed the topic; the shell also waits
  // for the bootstrap broker to learn of it, so the next --describe shows it.
  s.advance_until([&](const world::World&) { return image_of(s, broker).topic(topic) != nullptr; },
                  SimTime::from_s(30));
  out << fmt::format("Created topic {}.\n", topic);
}

}  // namespace

void kafka_topics(Session& s, const Words& args, const std::string& command, std::ostream& out,
                  std::ostream& err) {
  const auto parsed = parse_tool_args(args, specs());
  if (const auto* e = std::get_if<ArgsError>(&parsed)) {
    out << kFailure << e->message << "\n";
    if (e->option == "zookeeper") err << kZookeeperHint << "\n";
    return;
  }
  const ToolArgs& a = std::get<ToolArgs>(parsed);
  try {
    if (a.has("help")) {
      err << "This tool helps to create, delete, describe, or change a topic. (kafkasim: type "
             "help for the options the shell accepts)\n";
      return;
    }
    check_args(args, a);
    refuse_unsimulated(a, {"command-config", "replica-assignment", "topic-id"});
    const std::optional<std::string> broker =
        reachable_bootstrap(s, *a.value("bootstrap-server"), err);
    if (!broker) {
      const char* call = a.has("create")  ? "createTopics"
                         : a.has("alter") ? "describeTopics"
                                          : "listTopics";
      out << kFailure << "Timed out waiting for a node assignment. Call: " << call << "\n";
      return;
    }
    const cluster::MetadataImage& image = image_of(s, *broker);
    if (a.has("create")) {
      create(s, a, *broker, command, out, err);
      return;
    }
    const std::vector<std::string> topics = matching_topics(image, a);
    // ensureTopicExists: a named topic must exist unless --if-exists.
    if (a.has("topic") && topics.empty() && !a.has("if-exists") && !a.has("list")) {
      throw ToolError{fmt::format("Topic '{}' does not exist as expected", *a.value("topic"))};
    }
    if (a.has("list")) {
      std::string names;
      for (const std::string& t : topics) names += (names.empty() ? "" : "\n") + t;
      out << names << "\n";
    } else if (a.has("describe")) {
      out << describe_topics(
          image, topics,
          TopicReport{a.has("under-replicated-partitions"), a.has("under-min-isr-partitions"),
                      a.has("at-min-isr-partitions"), a.has("unavailable-partitions"),
                      a.has("topics-with-overrides"),
                      broker_node(s, *broker).config.min_insync_replicas});
    } else if (a.has("delete")) {
      std::vector<Json> deletes;
      for (const std::string& t : topics)
        deletes.push_back(Json{{"action", "delete_topic"}, {"topic", t}});
      if (deletes.empty() || !s.fork(command, deletes, err)) return;
      s.advance_until(
          [&](const world::World&) {
            for (const std::string& t : topics) {
              if (image_of(s, *broker).topic(t) != nullptr) return false;
            }
            return true;
          },
          SimTime::from_s(30));
    } else if (a.has("alter")) {
      const auto total = static_cast<int32_t>(*integer_option(a, "partitions"));
      std::vector<Json> grows;
      for (const std::string& t : topics) {
        const auto current = static_cast<int32_t>(image.topic(t)->partitions.size());
        if (total <= current) {
          // The controller's InvalidPartitionsException.
          out << kFailure
              << (total == current
                      ? fmt::format("Topic already has {} partitions.\n", current)
                      : fmt::format("Topic currently has {} partitions, which is higher than the "
                                    "requested {}.\n",
                                    current, total));
          return;
        }
        grows.push_back(Json{{"action", "add_partitions"}, {"topic", t}, {"partitions", total}});
      }
      if (grows.empty() || !s.fork(command, grows, err)) return;
      s.advance_until(
          [&](const world::World&) {
            for (const std::string& t : topics) {
              const cluster::TopicImage* ti = image_of(s, *broker).topic(t);
              if (ti == nullptr || static_cast<int32_t>(ti->partitions.size()) < total)
                return false;
            }
            return true;
          },
          SimTime::from_s(30));
    }
  } catch (const ToolError& r) {
    err << r.message << "\n";
  }
}

}  // namespace ksim::cli::shell
