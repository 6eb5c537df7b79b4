#include "engine/client/client_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "engine/sim/text.h"

namespace ksim::client {
namespace {

constexpr int64_t kLongMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();

const std::vector<std::string> kSerializers = {
    "string",
    "integer",
    "long",
    "json",
    "org.apache.kafka.common.serialization.StringSerializer",
    "org.apache.kafka.common.serialization.IntegerSerializer",
    "org.apache.kafka.common.serialization.LongSerializer",
    "org.apache.kafka.connect.json.JsonSerializer"};
const std::vector<std::string> kDeserializers = {
    "string",
    "integer",
    "long",
    "json",
    "org.apache.kafka.common.serialization.StringDeserializer",
    "org.apache.kafka.common.serialization.IntegerDeserializer",
    "org.apache.kafka.common.serialization.LongDeserializer",
    "org.apache.kafka.connect.json.JsonDeserializer"};

// The index of a spelling in kSerializers / kDeserializers names the same Serde for a short
// name (0..3) and its class name (4..7).
Serde serde_at(int64_t index) { return static_cast<Serde>(index % 4); }

template <typename C>
ClientConfigEntry<C> int_entry(const char* key, int64_t min, int64_t max, const char* def,
                               const char* doc, void (*apply)(C&, int64_t, const std::string&)) {
  return ClientConfigEntry<C>{key, ConfigKind::kInt, min, max, {}, def, doc, apply};
}
template <typename C>
ClientConfigEntry<C> bool_entry(const char* key, const char* def, const char* doc,
                                void (*apply)(C&, int64_t, const std::string&)) {
  return ClientConfigEntry<C>{key, ConfigKind::kBool, 0, 1, {}, def, doc, apply};
}
template <typename C>
ClientConfigEntry<C> choice_entry(const char* key, std::vector<std::string> choices,
                                  const char* def, const char* doc,
                                  void (*apply)(C&, int64_t, const std::string&)) {
  return ClientConfigEntry<C>{key, ConfigKind::kChoice, 0, 0, std::move(choices), def, doc, apply};
}
template <typename C>
ClientConfigEntry<C> list_entry(const char* key, std::vector<std::string> choices, const char* def,
                                const char* doc, void (*apply)(C&, int64_t, const std::string&)) {
  return ClientConfigEntry<C>{key,  ConfigKind::kChoiceList, 0, 0, std::move(choices), def, doc,
                              apply};
}

// "a, b" -> {"a", "b"}: Kafka's LIST config type.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (char ch : text + ",") {
    if (ch == ',') {
      const size_t a = item.find_first_not_of(' ');
      const size_t b = item.find_last_not_of(' ');
      items.push_back(a == std::string::npos ? std::string() : item.substr(a, b - a + 1));
      item.clear();
    } else {
      item.push_back(ch);
    }
  }
  return items;
}

template <typename C>
ClientConfigEntry<C> string_entry(const char* key, const char* def, const char* doc,
                                  void (*apply)(C&, int64_t, const std::string&)) {
  return ClientConfigEntry<C>{key, ConfigKind::kString, 0, 0, {}, def, doc, apply};
}

template <typename C>
std::string valid_text(const ClientConfigEntry<C>& e) {
  switch (e.kind) {
    case ConfigKind::kBool:
      return "true or false";
    case ConfigKind::kString:
      return "any text";
    case ConfigKind::kChoiceList:
    case ConfigKind::kChoice: {
      std::string text = e.kind == ConfigKind::kChoiceList ? "a comma-separated list of " : "";
      for (size_t i = 0; i < e.choices.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == e.choices.size() ? " or " : ", ") + e.choices[i];
      }
      return text;
    }
    case ConfigKind::kInt:
      break;
  }
  if (e.max == kLongMax || e.max == kIntMax) return fmt::format("an integer >= {}", e.min);
  return fmt::format("an integer in [{}, {}]", e.min, e.max);
}

// Parses `values` against `table` on top of `config`'s defaults. Returns the keys applied.
template <typename C>
void apply_values(const std::vector<ClientConfigEntry<C>>& table, const char* client,
                  const std::map<std::string, std::string>& values, C& config,
                  std::vector<ClientConfigProblem>& problems) {
  std::vector<std::string> keys;
  for (const auto& e : table) keys.emplace_back(e.key);
  for (const auto& [key, value] : values) {
    // `key` is captured by an init-capture: clang 14 cannot capture a structured binding.
    const auto entry =
        std::find_if(table.begin(), table.end(),
                     [&key = key](const ClientConfigEntry<C>& e) { return key == e.key; });
    if (entry == table.end()) {
      const std::string hint = nearest(key, keys);
      problems.push_back(
          {key, fmt::format(
                    "unknown {} config \"{}\"{}", client, key,
                    hint.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", hint))});
      continue;
    }
    int64_t number = 0;
    bool ok = true;
    switch (entry->kind) {
      case ConfigKind::kBool:
        ok = value == "true" || value == "false";
        number = value == "true" ? 1 : 0;
        break;
      case ConfigKind::kString:
        break;
      case ConfigKind::kChoiceList:
        for (const std::string& item : split_list(value)) {
          ok = ok && std::find(entry->choices.begin(), entry->choices.end(), item) !=
                         entry->choices.end();
        }
        break;
      case ConfigKind::kChoice: {
        const auto it = std::find(entry->choices.begin(), entry->choices.end(), value);
        ok = it != entry->choices.end();
        number = it - entry->choices.begin();
        break;
      }
      case ConfigKind::kInt: {
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        ok = ec == std::errc() && end == value.data() + value.size() && number >= entry->min &&
             number <= entry->max;
        break;
      }
    }
    if (!ok) {
      problems.push_back(
          {key, fmt::format("{} must be {}, not \"{}\"", key, valid_text(*entry), value)});
      continue;
    }
    entry->apply(config, number, value);
  }
}

using P = ProducerConfig;
using Q = ConsumerConfig;

}  // namespace

const std::vector<ClientConfigEntry<ProducerConfig>>& producer_config_table() {
  static const std::vector<ClientConfigEntry<P>> kTable = {
      choice_entry<P>("acks", {"all", "-1", "0", "1"}, "all",
                      "Replicas that must have a batch before the leader answers: 0 (no answer), "
                      "1 (the leader), all (the in-sync replicas).",
                      [](P& c, int64_t i, const std::string&) {
                        c.acks = i <= 1 ? int16_t{-1} : static_cast<int16_t>(i - 2);
                      }),
      bool_entry<P>("enable.idempotence", "true",
                    "Producer id and sequence numbers, so retries never duplicate. On by default "
                    "only with acks=all; asking for it with other acks is an error.",
                    [](P& c, int64_t v, const std::string&) { c.enable_idempotence = v != 0; }),
      int_entry<P>(
          "retries", 0, kIntMax, "2147483647",
          "How many times a failed batch is sent again (within delivery.timeout.ms).",
          [](P& c, int64_t v, const std::string&) { c.retries = static_cast<int32_t>(v); }),
      int_entry<P>("retry.backoff.ms", 0, kLongMax, "100",
                   "The first wait before a retry; it doubles per attempt up to "
                   "retry.backoff.max.ms, with 20% jitter.",
                   [](P& c, int64_t v, const std::string&) { c.retry_backoff_ms = v; }),
      int_entry<P>("retry.backoff.max.ms", 0, kLongMax, "1000", "The longest wait before a retry.",
                   [](P& c, int64_t v, const std::string&) { c.retry_backoff_max_ms = v; }),
      int_entry<P>(
          "delivery.timeout.ms", 0, kIntMax, "120000",
          "A record not acknowledged this long after send() fails with a TimeoutException.",
          [](P& c, int64_t v, const std::string&) { c.delivery_timeout_ms = v; }),
      int_entry<P>("request.timeout.ms", 0, kIntMax, "30000",
                   "How long the producer waits for a Produce response before retrying.",
                   [](P& c, int64_t v, const std::string&) { c.request_timeout_ms = v; }),
      int_entry<P>("linger.ms", 0, kLongMax, "0",
                   "How long a batch waits for more records before it is sent.",
                   [](P& c, int64_t v, const std::string&) { c.linger_ms = v; }),
      int_entry<P>(
          "batch.size", 0, kIntMax, "16384",
          "Bytes per batch; a full batch is sent at once, and the sticky partitioner "
          "switches partition after this many bytes.",
          [](P& c, int64_t v, const std::string&) { c.batch_size = static_cast<int32_t>(v); }),
      int_entry<P>("max.in.flight.requests.per.connection", 1, kIntMax, "5",
                   "Unanswered Produce requests per broker; at most 5 with idempotence.",
                   [](P& c, int64_t v, const std::string&) {
                     c.max_in_flight_requests_per_connection = static_cast<int32_t>(v);
                   }),
      int_entry<P>("max.request.size", 0, kIntMax, "1048576",
                   "A record larger than this fails with RecordTooLargeException.",
                   [](P& c, int64_t v, const std::string&) {
                     c.max_request_size = static_cast<int32_t>(v);
                   }),
      int_entry<P>("max.block.ms", 0, kLongMax, "60000",
                   "How long send() waits for the topic's metadata before failing.",
                   [](P& c, int64_t v, const std::string&) { c.max_block_ms = v; }),
      int_entry<P>("metadata.max.age.ms", 0, kLongMax, "300000",
                   "Metadata is refreshed at least this often (new partitions are seen then).",
                   [](P& c, int64_t v, const std::string&) { c.metadata_max_age_ms = v; }),
      choice_entry<P>("partitioner.class",
                      {"null", "org.apache.kafka.clients.producer.RoundRobinPartitioner",
                       "round_robin", "random"},
                      "null",
                      "null: key hash, else sticky (KIP-794); RoundRobinPartitioner (also "
                      "\"round_robin\"); \"random\": kafka-python's random partition for keyless "
                      "records (kafkasim's name; docs/partitioning.md).",
                      [](P& c, int64_t i, const std::string&) {
                        c.partitioner = i == 0   ? PartitionerChoice::kBuiltIn
                                        : i == 3 ? PartitionerChoice::kRandom
                                                 : PartitionerChoice::kRoundRobin;
                      }),
      bool_entry<P>(
          "partitioner.ignore.keys", "false",
          "Spread keyed records like keyless ones (the sticky partitioner).",
          [](P& c, int64_t v, const std::string&) { c.partitioner_ignore_keys = v != 0; }),
      bool_entry<P>("partitioner.adaptive.partitioning.enable", "true",
                    "The sticky partitioner favours partitions with shorter queues.",
                    [](P& c, int64_t v, const std::string&) {
                      c.partitioner_adaptive_partitioning_enable = v != 0;
                    }),
      choice_entry<P>("key.serializer", kSerializers, "string",
                      "How keys become bytes (short names or Kafka's class names).",
                      [](P& c, int64_t i, const std::string&) { c.key_serializer = serde_at(i); }),
      choice_entry<P>(
          "value.serializer", kSerializers, "string",
          "How values become bytes (short names or Kafka's class names).",
          [](P& c, int64_t i, const std::string&) { c.value_serializer = serde_at(i); }),
  };
  return kTable;
}

const std::vector<ClientConfigEntry<ConsumerConfig>>& consumer_config_table() {
  static const std::vector<ClientConfigEntry<Q>> kTable = {
      string_entry<Q>("group.id", "null",
                      "The consumer group: where offsets are committed. Without it there are no "
                      "commits and enable.auto.commit is off.",
                      [](Q& c, int64_t, const std::string& v) { c.group_id = v; }),
      string_entry<Q>("group.instance.id", "null",
                      "Static membership (KIP-345): a restart within session.timeout.ms takes its "
                      "old place back without a rebalance.",
                      [](Q& c, int64_t, const std::string& v) { c.group_instance_id = v; }),
      string_entry<Q>("client.id", "\"\"",
                      "The name the consumer gives in its requests (CLIENT-ID in "
                      "kafka-consumer-groups); empty: consumer-<group.id>-1.",
                      [](Q& c, int64_t, const std::string& v) { c.client_id = v; }),
      list_entry<Q>("partition.assignment.strategy",
                    {"range", "roundrobin", "sticky", "cooperative-sticky",
                     "org.apache.kafka.clients.consumer.RangeAssignor",
                     "org.apache.kafka.clients.consumer.RoundRobinAssignor",
                     "org.apache.kafka.clients.consumer.StickyAssignor",
                     "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"},
                    "range, cooperative-sticky",
                    "The assignors this consumer supports, preferred first (docs/assignors.md). "
                    "Cooperative rebalancing needs every one of them to be cooperative.",
                    [](Q& c, int64_t, const std::string& v) {
                      c.partition_assignment_strategy.clear();
                      for (const std::string& item : split_list(v)) {
                        c.partition_assignment_strategy.push_back(*assignor_from_config(item));
                      }
                    }),
      int_entry<Q>("session.timeout.ms", 1, kIntMax, "45000",
                   "The coordinator removes a member it has not heard a heartbeat from for this "
                   "long.",
                   [](Q& c, int64_t v, const std::string&) { c.session_timeout_ms = v; }),
      int_entry<Q>("heartbeat.interval.ms", 1, kIntMax, "3000",
                   "How often the heartbeat thread tells the coordinator the member is alive.",
                   [](Q& c, int64_t v, const std::string&) { c.heartbeat_interval_ms = v; }),
      int_entry<Q>("max.poll.interval.ms", 1, kIntMax, "300000",
                   "A member that does not call poll() for this long leaves the group; also the "
                   "rebalance timeout.",
                   [](Q& c, int64_t v, const std::string&) { c.max_poll_interval_ms = v; }),
      choice_entry<Q>("auto.offset.reset", {"earliest", "latest", "none"}, "latest",
                      "Where to start without a committed offset, or when the position is out of "
                      "range (for example deleted by retention).",
                      [](Q& c, int64_t i, const std::string&) {
                        c.auto_offset_reset = static_cast<AutoOffsetReset>(i);
                      }),
      bool_entry<Q>("enable.auto.commit", "true",
                    "Commit the positions from inside poll() every auto.commit.interval.ms.",
                    [](Q& c, int64_t v, const std::string&) { c.enable_auto_commit = v != 0; }),
      int_entry<Q>("auto.commit.interval.ms", 0, kIntMax, "5000", "How often auto-commit commits.",
                   [](Q& c, int64_t v, const std::string&) { c.auto_commit_interval_ms = v; }),
      int_entry<Q>("max.poll.records", 1, kIntMax, "500", "Records one poll() returns at most.",
                   [](Q& c, int64_t v, const std::string&) {
                     c.max_poll_records = static_cast<int32_t>(v);
                   }),
      int_entry<Q>(
          "fetch.min.bytes", 0, kIntMax, "1", "Bytes a fetch waits for before the broker answers.",
          [](Q& c, int64_t v, const std::string&) { c.fetch_min_bytes = static_cast<int32_t>(v); }),
      int_entry<Q>("fetch.max.wait.ms", 0, kIntMax, "500",
                   "How long the broker parks a fetch that has nothing yet.",
                   [](Q& c, int64_t v, const std::string&) {
                     c.fetch_max_wait_ms = static_cast<int32_t>(v);
                   }),
      int_entry<Q>(
          "fetch.max.bytes", 0, kIntMax, "52428800", "Bytes per fetch response at most.",
          [](Q& c, int64_t v, const std::string&) { c.fetch_max_bytes = static_cast<int32_t>(v); }),
      int_entry<Q>("max.partition.fetch.bytes", 0, kIntMax, "1048576",
                   "Bytes per partition per fetch at most (at least one batch).",
                   [](Q& c, int64_t v, const std::string&) {
                     c.max_partition_fetch_bytes = static_cast<int32_t>(v);
                   }),
      int_entry<Q>("request.timeout.ms", 0, kIntMax, "30000",
                   "How long the consumer waits for a response before retrying.",
                   [](Q& c, int64_t v, const std::string&) { c.request_timeout_ms = v; }),
      int_entry<Q>("retry.backoff.ms", 0, kLongMax, "100", "The wait before retrying a request.",
                   [](Q& c, int64_t v, const std::string&) { c.retry_backoff_ms = v; }),
      int_entry<Q>("metadata.max.age.ms", 0, kLongMax, "300000",
                   "Metadata is refreshed at least this often; a preferred read replica is "
                   "forgotten after it.",
                   [](Q& c, int64_t v, const std::string&) { c.metadata_max_age_ms = v; }),
      string_entry<Q>("client.rack", "\"\"",
                      "The consumer's rack: with replica.selector.class on the brokers, it reads "
                      "from a follower in this rack (KIP-392).",
                      [](Q& c, int64_t, const std::string& v) { c.client_rack = v; }),
      choice_entry<Q>(
          "key.deserializer", kDeserializers, "string",
          "How key bytes become keys (short names or Kafka's class names).",
          [](Q& c, int64_t i, const std::string&) { c.key_deserializer = serde_at(i); }),
      choice_entry<Q>(
          "value.deserializer", kDeserializers, "string",
          "How value bytes become values; a record it cannot read stops the consumer "
          "at that offset.",
          [](Q& c, int64_t i, const std::string&) { c.value_deserializer = serde_at(i); }),
  };
  return kTable;
}

ProducerConfig parse_producer_config(const std::map<std::string, std::string>& values,
                                     std::vector<ClientConfigProblem>& problems) {
  ProducerConfig config;
  apply_values(producer_config_table(), "producer", values, config, problems);
  // ProducerConfig.postProcessAndValidateIdempotenceConfigs: when the user did not ask for
  // idempotence, it is quietly off with settings it cannot honour; when they asked, those
  // settings are errors.
  const bool asked = values.count("enable.idempotence") != 0;
  if (!asked) {
    config.enable_idempotence = config.acks == -1 && config.retries > 0 &&
                                config.max_in_flight_requests_per_connection <= 5;
  } else if (config.enable_idempotence) {
    if (config.acks != -1) {
      problems.push_back({"enable.idempotence",
                          "enable.idempotence=true needs acks=all: Kafka refuses it with "
                          "ConfigException \"Must set acks to all in order to use the idempotent "
                          "producer. Otherwise we cannot guarantee idempotence.\""});
    }
    if (config.max_in_flight_requests_per_connection > 5) {
      problems.push_back({"enable.idempotence",
                          "enable.idempotence=true needs max.in.flight.requests.per.connection "
                          "<= 5: \"Must set max.in.flight.requests.per.connection to at most 5 "
                          "when using the idempotent producer.\""});
    }
    if (config.retries == 0) {
      problems.push_back({"enable.idempotence",
                          "enable.idempotence=true needs retries > 0: \"Must set retries to "
                          "non-zero when using the idempotent producer.\""});
    }
  }
  return config;
}

ConsumerConfig parse_consumer_config(const std::map<std::string, std::string>& values,
                                     std::vector<ClientConfigProblem>& problems) {
  ConsumerConfig config;
  apply_values(consumer_config_table(), "consumer", values, config, problems);
  if (config.heartbeat_interval_ms >= config.session_timeout_ms) {
    problems.push_back(
        {"heartbeat.interval.ms",
         "heartbeat.interval.ms must be lower than session.timeout.ms: Kafka refuses "
         "it with \"Heartbeat must be set lower than the session timeout\""});
  }
  // KafkaConsumer's constructor: without a group there is nowhere to commit.
  if (config.group_id.empty()) {
    if (values.count("enable.auto.commit") != 0 && config.enable_auto_commit) {
      problems.push_back({"enable.auto.commit",
                          "enable.auto.commit=true needs a group.id: Kafka refuses it with "
                          "InvalidConfigurationException \"enable.auto.commit cannot be set to "
                          "true when default group id (null) is used.\""});
    }
    config.enable_auto_commit = false;
  }
  return config;
}

namespace {

template <typename C>
std::string table_markdown(const std::vector<ClientConfigEntry<C>>& table) {
  std::string md = "| key | default | valid values | meaning |\n|---|---|---|---|\n";
  for (const auto& e : table) {
    md += fmt::format("| `{}` | {} | {} | {} |\n", e.key, e.default_text, valid_text(e), e.doc);
  }
  return md;
}

}  // namespace

std::string render_client_configs_markdown() {
  return "# Client configs\n\n"
         "Generated from the tables in `engine/client/client_config.cpp` (do not edit by hand;\n"
         "`KSIM_UPDATE_DOCS=1 ./build/debug/tests/client/client_story_tests \"[docs]\"` rewrites "
         "it).\n"
         "These are the producer and consumer configs kafkasim honours, with Kafka 3.9's names\n"
         "and defaults; a scenario sets them in a producer's or consumer's `configs`. Any other\n"
         "key is an error.\n\n"
         "## Producer\n\n" +
         table_markdown(producer_config_table()) +
         "\nWith `enable.idempotence` not set, idempotence is on only when `acks=all`, `retries`\n"
         "> 0 and `max.in.flight.requests.per.connection` <= 5; set to `true` with any other\n"
         "`acks`, the producer refuses to start, as Kafka's does.\n\n"
         "## Consumer\n\n" +
         table_markdown(consumer_config_table());
}

}  // namespace ksim::client
