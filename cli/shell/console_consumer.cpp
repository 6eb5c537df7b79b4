// kafka-console-consumer, as Kafka 3.9's ConsoleConsumer sets up its consumer (a generated
// console-consumer-NNNNN group without --group, auto-commit off for it, auto.offset.reset from
// --from-beginning, assign() and a seek with --partition) and prints records with its
// DefaultMessageFormatter. The real tool runs until Ctrl-C; in the shell it stops as if Ctrl-C
// was pressed once no record has come for --timeout-ms (default 2 s of simulated time), after
// --max-messages records, or after 60 s, then closes its consumer as the tool's shutdown does.
#include <fmt/format.h>

#include "cli/shell/tool_args.h"
#include "cli/shell/tools.h"
#include "engine/sim/prng.h"
#include "engine/world/inspect.h"

namespace ksim::cli::shell {
namespace {

using Json = nlohmann::ordered_json;

constexpr SimTime kIdleStop = SimTime::from_ms(2000);
constexpr SimTime kLongestRun = SimTime::from_s(60);

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"topic", true},
      {"include", true},
      {"partition", true},
      {"offset", true},
      {"consumer-property", true},
      {"consumer.config", true},
      {"formatter", true},
      {"formatter-config", true},
      {"property", true},
      {"from-beginning", false},
      {"max-messages", true},
      {"timeout-ms", true},
      {"skip-message-on-error", false},
      {"bootstrap-server", true},
      {"key-deserializer", true},
      {"value-deserializer", true},
      {"enable-systest-events", false},
      {"isolation-level", true},
      {"group", true},
      {"help", false},
      {"version", false},
  };
  return kSpecs;
}

// DefaultMessageFormatter's properties.
struct Format {
  bool timestamp = false;
  bool partition = false;
  bool offset = false;
  bool headers = false;
  bool key = false;
  bool value = true;
  std::string key_separator = "\t";
  std::string line_separator = "\n";
  std::string null_literal = "null";
};

Format format_of(const ToolArgs& a) {
  Format f;
  for (const auto& [k, v] : key_values(a, "property")) {
    const bool on = v == "true";
    if (k == "print.timestamp") f.timestamp = on;
    if (k == "print.partition") f.partition = on;
    if (k == "print.offset") f.offset = on;
    if (k == "print.headers") f.headers = on;
    if (k == "print.key") f.key = on;
    if (k == "print.value") f.value = on;
    if (k == "key.separator") f.key_separator = v;
    if (k == "line.separator") f.line_separator = v;
    if (k == "null.literal") f.null_literal = v;
  }
  return f;
}

// DefaultMessageFormatter.writeTo: the fields asked for, a separator after each but the last.
std::string formatted(const client::ConsumedRecord& r, const Format& f) {
  std::vector<std::string> fields;
  if (f.timestamp) fields.push_back(fmt::format("CreateTime:{}", r.timestamp_ms));
  if (f.partition) fields.push_back(fmt::format("Partition:{}", r.tp.partition));
  if (f.offset) fields.push_back(fmt::format("Offset:{}", r.offset));
  if (f.headers) fields.push_back("NO_HEADERS");
  if (f.key) fields.push_back(r.key.value_or(f.null_literal));
  std::string text;
  for (size_t i = 0; i < fields.size(); ++i) {
    text += fields[i];
    if (i + 1 < fields.size() || f.value) text += f.key_separator;
  }
  if (f.value) text += r.value.value_or(f.null_literal) + f.line_separator;
  return text;
}

const client::Consumer& consumer_of(const Session& s, const std::string& node) {
  const client::Consumer* c = world::consumer_named(s.world(), node);
  KSIM_ASSERT(c != nullptr, "the console consumer is a node of the world");
  return *c;
}

// The consumer can get records: every partition it owns has a position, and a group member
// has its assignment.
bool ready(const client::Consumer& c) {
  if (!c.subscription.empty() && c.memory.member_state != client::MemberState::kStable) {
    return false;
  }
  for (const auto& [tp, p] : c.memory.assigned) {
    if (!p.position) return false;
  }
  return true;
}

}  // namespace

void kafka_console_consumer(Session& s, const Words& args, const std::string& command,
                            std::ostream& out, std::ostream& err) {
  const auto parsed = parse_tool_args(args, specs());
  if (const auto* e = std::get_if<ArgsError>(&parsed)) {
    err << e->message << "\n";
    return;
  }
  const ToolArgs& a = std::get<ToolArgs>(parsed);
  try {
    if (a.has("help")) {
      throw ToolError{
          "This tool helps to read data from Kafka topics and outputs it to standard "
          "output. (kafkasim: type help for the options the shell accepts)"};
    }
    // ConsoleConsumerOptions.checkRequiredArgs and the checks that follow it.
    if (a.has("topic") == a.has("include")) {
      throw ToolError{"Exactly one of the following arguments is required: [topic], [include]"};
    }
    if (a.has("include")) throw ToolError{"kafkasim: --include is not simulated; name a --topic"};
    if (a.has("partition") && a.has("from-beginning") && a.has("offset")) {
      throw ToolError{"Options from-beginning and offset cannot be specified together."};
    }
    if (!a.has("partition") && a.has("offset")) {
      throw ToolError{"The partition is required when offset is specified."};
    }
    if (!a.has("bootstrap-server"))
      throw ToolError{"Missing required argument \"[bootstrap-server]\""};
    refuse_unsimulated(a, {"consumer.config", "formatter-config", "key-deserializer",
                           "value-deserializer", "isolation-level"});
    if (const auto formatter = a.value("formatter");
        formatter && *formatter != "kafka.tools.DefaultMessageFormatter" &&
        *formatter != "org.apache.kafka.tools.consumer.DefaultMessageFormatter") {
      throw ToolError{"kafkasim: only the DefaultMessageFormatter is simulated"};
    }
    Json configs = Json::object();
    for (const auto& [k, v] : key_values(a, "consumer-property")) configs[k] = v;
    // checkConsumerGroup: --group and a group.id property must agree.
    std::optional<std::string> group = a.value("group");
    if (configs.contains("group.id")) {
      const std::string from_property = configs["group.id"].get<std::string>();
      if (group && *group != from_property) {
        throw ToolError{fmt::format(
            "The group ids provided in different places (directly using '--group', via "
            "'--consumer-property', or via '--consumer.config') do not match. Detected group "
            "ids: '{}', '{}'",
            *group, from_property)};
      }
      group = from_property;
    }
    if (group && a.has("partition")) {
      throw ToolError{"Options group and partition cannot be specified together."};
    }
    // setAutoOffsetResetValue.
    if (configs.contains("auto.offset.reset")) {
      const std::string reset = configs["auto.offset.reset"].get<std::string>();
      if (a.has("from-beginning") && reset != "earliest") {
        throw ToolError{fmt::format(
            "Can't simultaneously specify --from-beginning and 'auto.offset.reset={}', please "
            "remove one option",
            reset)};
      }
    } else {
      configs["auto.offset.reset"] = a.has("from-beginning") ? "earliest" : "latest";
    }
    if (!configs.contains("client.id")) configs["client.id"] = "console-consumer";
    const std::string node = s.fresh_name("console-consumer");
    if (!group) {
      // "console-consumer-" + a random number below 100000: drawn from the run's seed.
      Prng random = Prng::stream(s.seed(), node);
      group = fmt::format("console-consumer-{}", random.bounded(100000));
      if (!configs.contains("enable.auto.commit")) configs["enable.auto.commit"] = "false";
    }
    configs["group.id"] = *group;
    std::optional<int32_t> partition;
    Json seek;
    const std::string topic = *a.value("topic");
    if (a.has("partition")) {
      partition = static_cast<int32_t>(*integer_option(a, "partition"));
      // parseOffset: earliest, latest or an offset; without --offset, --from-beginning or not.
      std::string offset =
          a.value("offset").value_or(a.has("from-beginning") ? "earliest" : "latest");
      Json where;
      if (offset == "earliest") {
        where = "beginning";
      } else if (offset == "latest") {
        where = "end";
      } else if (const auto n = parse_integer(offset); n && *n >= 0) {
        where = *n;
      } else {
        throw ToolError{fmt::format(
            "The provided offset value '{}' is incorrect. Valid values are 'earliest', 'latest', "
            "or a non-negative long.",
            offset)};
      }
      seek = Json{{"action", "seek"},
                  {"consumer", node},
                  {"topic", topic},
                  {"partition", *partition},
                  {"offset", where}};
    }
    const std::optional<int64_t> max_messages = integer_option(a, "max-messages");
    const SimTime idle =
        a.has("timeout-ms") ? SimTime::from_ms(*integer_option(a, "timeout-ms")) : kIdleStop;
    const Format format = format_of(a);

    const std::optional<std::string> broker = s.bootstrap_broker(*a.value("bootstrap-server"));
    if (!broker) {
      reachable_bootstrap(s, *a.value("bootstrap-server"), err);
      return;
    }
    if (!ensure_topic(s, topic, err)) return;
    Json consumer{{"name", node}, {"bootstrap", Json::array({*broker})}, {"configs", configs}};
    if (partition) {
      consumer["assign"] = Json::array({Json{{"topic", topic}, {"partition", *partition}}});
    } else {
      consumer["subscribe"] = Json::array({topic});
    }
    std::vector<Json> actions;
    if (partition) actions.push_back(seek);
    if (!s.start_client(command, "consumers", consumer, actions, err)) return;

    // Consume until idle for `idle` once ready, --max-messages, or the longest run.
    size_t seen = 0;
    bool is_ready = false;
    SimTime last_activity = s.world().now();
    s.advance_until(
        [&](const world::World& w) {
          const client::Consumer& c = consumer_of(s, node);
          if (c.consumed.size() != seen) {
            seen = c.consumed.size();
            last_activity = w.now();
          }
          if (!is_ready && ready(c)) {
            is_ready = true;
            last_activity = w.now();
          }
          if (max_messages && static_cast<int64_t>(seen) >= *max_messages) return true;
          return is_ready && w.now() - last_activity >= idle;
        },
        kLongestRun);
    const client::Consumer& c = consumer_of(s, node);
    size_t printed = c.consumed.size();
    if (max_messages) printed = std::min(printed, static_cast<size_t>(*max_messages));
    for (size_t i = 0; i < printed; ++i) out << formatted(c.consumed[i], format);
    for (const std::string& e : c.errors)
      err << "ERROR Error processing message, terminating consumer process: " << e << "\n";
    err << fmt::format("Processed a total of {} messages\n", printed);
    // Ctrl-C: the shutdown hook closes the consumer (it commits first with auto-commit on,
    // and leaves its group).
    if (!s.fork("", {Json{{"action", "close"}, {"client", node}}}, err)) return;
    s.advance_until([&](const world::World&) { return !s.running(node); }, SimTime::from_s(30));
  } catch (const ToolError& r) {
    err << r.message << "\n";
  }
}

}  // namespace ksim::cli::shell
