// kafka-console-producer, as Kafka 3.9's ConsoleProducer sets up its producer (the tool's own
// defaults: linger.ms=1000, acks=-1, request.timeout.ms=1500, retries=3, ...) and reads lines
// with its LineMessageReader (parse.key, key.separator, null.marker). Each line the learner types
// is sent at once and the shell waits for its callback, so a failed send prints the tool's
// error right under the line.
#include <fmt/format.h>

#include "cli/shell/tool_args.h"
#include "cli/shell/tools.h"
#include "engine/world/inspect.h"

namespace ksim::cli::shell {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"topic", true},
      {"broker-list", true},
      {"bootstrap-server", true},
      {"sync", false},
      {"compression-codec", true},
      {"batch-size", true},
      {"message-send-max-retries", true},
      {"retry-backoff-ms", true},
      {"timeout", true},
      {"request-required-acks", true},
      {"request-timeout-ms", true},
      {"metadata-expiry-ms", true},
      {"max-block-ms", true},
      {"max-memory-bytes", true},
      {"max-partition-memory-bytes", true},
      {"line-reader", true},
      {"socket-buffer-size", true},
      {"property", true},
      {"reader-config", true},
      {"producer-property", true},
      {"producer.config", true},
      {"help", false},
      {"version", false},
  };
  return kSpecs;
}

// ConsoleProducerConfig.producerProps: --producer-property first, then each tool option that
// was given, or whose producer config was not set, with the tool's default.
Json producer_configs(const ToolArgs& a) {
  Json configs = Json::object();
  for (const auto& [k, v] : key_values(a, "producer-property")) configs[k] = v;
  struct Merge {
    const char* config;
    const char* option;
    const char* tool_default;
  };
  for (const Merge& m :
       {Merge{"linger.ms", "timeout", "1000"}, Merge{"acks", "request-required-acks", "-1"},
        Merge{"request.timeout.ms", "request-timeout-ms", "1500"},
        Merge{"retries", "message-send-max-retries", "3"},
        Merge{"retry.backoff.ms", "retry-backoff-ms", "100"},
        Merge{"batch.size", "batch-size", "16384"},
        Merge{"batch.size", "max-partition-memory-bytes", "16384"},
        Merge{"metadata.max.age.ms", "metadata-expiry-ms", "300000"},
        Merge{"max.block.ms", "max-block-ms", "60000"}}) {
    if (a.has(m.option) || !configs.contains(m.config)) {
      configs[m.config] = a.value(m.option).value_or(m.tool_default);
    }
  }
  return configs;
}

// LineMessageReader's properties.
void read_reader_properties(const ToolArgs& a, Session::ProducerMode& mode) {
  for (const auto& [key, value] : key_values(a, "property")) {
    if (key == "parse.key") {
      mode.parse_key = value == "true";
    } else if (key == "key.separator") {
      mode.key_separator = value;
    } else if (key == "null.marker") {
      mode.null_marker = value;
    } else if (key == "parse.headers" || key == "ignore.error") {
      throw ToolError{fmt::format("kafkasim: the reader property {} is not simulated", key)};
    }
  }
}

void start_producer(Session& s, const ToolArgs& a, const std::string& command, std::ostream& err) {
  if (a.has("help")) {
    throw ToolError{
        "This tool helps to read data from standard input and publish it to Kafka. (kafkasim: "
        "type help for the options the shell accepts)"};
  }
  if (!a.has("bootstrap-server") && !a.has("broker-list")) {
    throw ToolError{"Missing required option(s) [bootstrap-server]"};
  }
  if (!a.has("topic")) throw ToolError{"Missing required argument \"[topic]\""};
  refuse_unsimulated(a, {"line-reader", "reader-config", "producer.config"});
  Session::ProducerMode mode;
  mode.topic = *a.value("topic");
  read_reader_properties(a, mode);
  const Json configs = producer_configs(a);
  // --bootstrap-server wins; --broker-list is its deprecated spelling.
  const std::string servers = a.value("bootstrap-server").value_or(*a.value("broker-list"));
  const std::optional<std::string> broker = s.bootstrap_broker(servers);
  if (!broker) {
    reachable_bootstrap(s, servers, err);
    return;
  }
  if (!ensure_topic(s, mode.topic, err)) return;
  mode.node = s.fresh_name("console-producer");
  Json producer{{"name", mode.node}, {"bootstrap", Json::array({*broker})}, {"configs", configs}};
  if (!s.start_client(command, "producers", producer, {}, err)) return;
  s.producer_mode() = mode;
}

const client::Producer& producer_of(const Session& s, const std::string& node) {
  const client::Producer* p = world::producer_named(s.world(), node);
  KSIM_ASSERT(p != nullptr, "the console producer is a node of the world");
  return *p;
}

std::string bytes_or_null(const std::optional<std::string>& v) {
  return v ? fmt::format("{} bytes", v->size()) : "null";
}

}  // namespace

void kafka_console_producer(Session& s, const Words& args, const std::string& command,
                            std::ostream&, std::ostream& err) {
  const auto parsed = parse_tool_args(args, specs());
  if (const auto* e = std::get_if<ArgsError>(&parsed)) {
    err << e->message << "\n";
    return;
  }
  try {
    start_producer(s, std::get<ToolArgs>(parsed), command, err);
  } catch (const ToolError& e) {
    err << e.message << "\n";
  }
}

void console_producer_line(Session& s, const std::string& line, std::ostream& out,
                           std::ostream& err) {
  Session::ProducerMode& mode = *s.producer_mode();
  ++mode.lines;
  std::optional<std::string> key;
  std::optional<std::string> value = line;
  if (mode.parse_key) {
    const size_t at = line.find(mode.key_separator);
    if (at == std::string::npos) {
      // LineMessageReader throws; the tool prints the exception and exits.
      err << fmt::format(
          "org.apache.kafka.common.KafkaException: No key separator found on line number {}: "
          "'{}'\n",
          mode.lines, line);
      console_producer_end(s, out, err);
      return;
    }
    key = line.substr(0, at);
    value = line.substr(at + mode.key_separator.size());
  }
  if (mode.null_marker && key == mode.null_marker) key.reset();
  if (mode.null_marker && value == mode.null_marker) value.reset();
  const size_t sent_before = producer_of(s, mode.node).outcomes.size();
  Json record{{"key", key ? Json(*key) : Json()}, {"value", value ? Json(*value) : Json()}};
  const Json send{{"action", "send"},
                  {"producer", mode.node},
                  {"topic", mode.topic},
                  {"records", Json::array({record})}};
  if (!s.fork("", {send}, err)) return;
  // The send's callback: acknowledged, or failed once delivery.timeout.ms (120 s) ran out.
  s.advance_until(
      [&](const world::World&) {
        const client::Producer& p = producer_of(s, mode.node);
        return p.outcomes.size() > sent_before &&
               p.outcomes[sent_before].status != client::SendOutcome::Status::kPending;
      },
      SimTime::from_s(130));
  const client::Producer& p = producer_of(s, mode.node);
  if (p.outcomes.size() > sent_before &&
      p.outcomes[sent_before].status == client::SendOutcome::Status::kFailed) {
    // ErrorLoggingCallback.
    err << fmt::format(
        "ERROR Error when sending message to topic {} with key: {}, value: {} with error: "
        "(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n{}\n",
        mode.topic, bytes_or_null(key), bytes_or_null(value), p.outcomes[sent_before].error);
  }
}

void console_producer_end(Session& s, std::ostream&, std::ostream& err) {
  const std::string node = s.producer_mode()->node;
  s.producer_mode().reset();
  // The tool's shutdown hook closes the producer, which sends what it still holds.
  if (!s.fork("", {Json{{"action", "close"}, {"client", node}}}, err)) return;
  s.advance_until([&](const world::World&) { return !s.running(node); }, SimTime::from_s(30));
}

}  // namespace ksim::cli::shell
