// kafkasim shell: Kafka's tools against the simulated cluster. Expected text is written from
// Kafka 3.9's formats (../shared/KAFKA-REFERENCE.md section 8, TopicCommand, ConsoleProducer,
// ConsoleConsumer's DefaultMessageFormatter, ConsumerGroupCommand), with values derived from
// the cluster the fixture sets up.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/reset_offsets_output.h"
#include "cli/shell/shell_session.h"
#include "cli/shell/tool_args.h"
#include "engine/client/murmur2.h"
#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/world/inspect.h"

using namespace ksim;
using cli::shell::Session;

namespace {

// Three brokers, topic events (1 partition, RF 3), consumer `reader` in group readers.
const std::string kCluster = std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/shell_cluster.json";

Session open_at(int64_t at_ms) {
  std::ifstream file(kCluster);
  std::stringstream text;
  text << file.rdbuf();
  scenario::LoadResult loaded = scenario::load_text(text.str(), kCluster);
  REQUIRE(loaded.scenario);
  const scenario::Scenario s = *loaded.scenario;
  return Session(nlohmann::ordered_json::parse(text.str()), kCluster, s, s.seed,
                 SimTime::from_ms(at_ms), INT64_MAX);
}

struct Output {
  std::string out;
  std::string err;
};

Output type(Session& s, const std::string& line) {
  std::ostringstream out, err;
  s.line(line, out, err);
  return {out.str(), err.str()};
}

constexpr const char* kBootstrap = " --bootstrap-server localhost:9092";

}  // namespace

TEST_CASE("tool arguments are read as JOpt Simple reads them", "[cli][shell]") {
  // Goal: quotes, --name=value, single-dash long options and unambiguous prefixes work, and the
  // refusals carry JOpt Simple's words.
  using namespace cli::shell;
  CHECK(*split_words(R"(a 'b c' "d \"e\"" f\ g)") ==
        std::vector<std::string>{"a", "b c", "d \"e\"", "f g"});
  CHECK_FALSE(split_words("a 'b"));
  const std::vector<OptionSpec> specs{{"topic", true},
                                      {"topic-id", true},
                                      {"property", true},
                                      {"list", false},
                                      {"bootstrap-server", true}};
  const auto parsed = parse_tool_args(
      {"--topic", "t", "-property", "parse.key=true", "--boot=localhost:9092", "--list"}, specs);
  const auto& a = std::get<ToolArgs>(parsed);
  CHECK(a.value("topic") == "t");
  CHECK(a.values("property") == std::vector<std::string>{"parse.key=true"});
  CHECK(a.value("bootstrap-server") == "localhost:9092");
  CHECK(a.has("list"));
  CHECK(std::get<ArgsError>(parse_tool_args({"--zookeeper", "x:2181"}, specs)).message ==
        "zookeeper is not a recognized option");
  CHECK(std::get<ArgsError>(parse_tool_args({"--topic"}, specs)).message ==
        "Option topic requires an argument");
  CHECK(std::get<ArgsError>(parse_tool_args({"--list=yes"}, specs)).message ==
        "Option list does not take an argument");
  CHECK(split_key_value("key.separator==") ==
        std::pair<std::string, std::string>{"key.separator", "="});
}

TEST_CASE("kafka-topics lists, creates, describes, alters and deletes", "[cli][shell]") {
  // Goal: TopicCommand's outputs line by line: the sorted list, "Created topic", the TAB
  // layout of --describe, and the partitions and replicas the controller placed.
  Session s = open_at(10000);
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --list").out ==
        "__consumer_offsets\nevents\n");
  CHECK(
      type(s, std::string("bin/kafka-topics.sh") + kBootstrap + " --list --exclude-internal").out ==
      "events\n");

  const Output created =
      type(s, std::string("kafka-topics") + kBootstrap +
                  " --create --topic orders --partitions 3 --replication-factor 3 --config "
                  "retention.ms=86400000");
  CHECK(created.out == "Created topic orders.\n");
  CHECK(created.err.empty());
  const cluster::TopicImage* t =
      world::first_running_broker(s.world())->memory.image.topic("orders");
  REQUIRE(t != nullptr);
  REQUIRE(t->partitions.size() == 3);
  std::string expected =
      "Topic: orders\tTopicId: " + kafka::to_string(t->uuid) +
      "\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: retention.ms=86400000\n";
  for (const proto::PartitionRecord& p : t->partitions) {
    REQUIRE(p.replicas.size() == 3);
    const std::string replicas =
        fmt::format("{},{},{}", p.replicas[0], p.replicas[1], p.replicas[2]);
    // Every broker is up: the preferred replica leads and every replica is in sync.
    expected += fmt::format(
        "\tTopic: orders\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\tElr: \tLastKnownElr: "
        "\n",
        p.partition, p.replicas[0], replicas, replicas);
  }
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --describe --topic orders").out ==
        expected);
  // --describe --topic takes a regular expression.
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --describe --topic 'ord.*'").out ==
        expected);
  CHECK(type(s, std::string("kafka-topics") + kBootstrap +
                    " --describe --topics-with-overrides --exclude-internal")
            .out == expected.substr(0, expected.find('\n') + 1));

  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --alter --topic orders --partitions 4")
            .out.empty());
  CHECK(world::first_running_broker(s.world())->memory.image.topic("orders")->partitions.size() ==
        4);
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --alter --topic orders --partitions 2")
            .out ==
        "Error while executing topic command : Topic currently has 4 partitions, which is higher "
        "than the requested 2.\n");

  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --delete --topic orders").out.empty());
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --list").out ==
        "__consumer_offsets\nevents\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --describe --topic orders").err ==
        "Topic 'orders' does not exist as expected\n");
}

TEST_CASE("kafka-topics refuses as Kafka 3.9 refuses", "[cli][shell]") {
  // Goal: the errors of TopicCommand and of the controller, with Kafka's words and streams.
  Session s = open_at(10000);
  const Output zk = type(s,
                         "bin/kafka-topics.sh --create --zookeeper localhost:2181 "
                         "--replication-factor 1 --partitions 1 --topic t");
  CHECK(zk.out == "Error while executing topic command : zookeeper is not a recognized option\n");
  CHECK(zk.err.find("kafkasim: Kafka 3.x tools no longer talk to ZooKeeper") == 0);
  CHECK(zk.err.find("use --bootstrap-server localhost:9092") != std::string::npos);

  CHECK(type(s, "kafka-topics --list").err == "--bootstrap-server must be specified\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --list --describe").err ==
        "Command must include exactly one action: --list, --describe, --create, --alter or "
        "--delete\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --create").err ==
        "Missing required argument \"[topic]\"\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --describe --replication-factor 2")
            .err == "Option \"[replication-factor]\" can't be used with option \"[describe]\"\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --create --topic t --partitions 0")
            .err == "The partitions must be greater than 0\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap +
                    " --create --topic t --replication-factor 4")
            .out ==
        "Error while executing topic command : Unable to replicate the partition 4 time(s): The "
        "target replication factor of 4 cannot be reached because only 3 broker(s) are "
        "registered.\n");
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --create --topic events").out ==
        "Error while executing topic command : Topic 'events' already exists.\n");
  CHECK(
      type(s, std::string("kafka-topics") + kBootstrap + " --create --topic events --if-not-exists")
          .out.empty());
  CHECK(type(s, std::string("kafka-topics") + kBootstrap + " --create --topic my.topic")
            .out.find("WARNING: Due to limitations in metric names, topics with a period ('.') or "
                      "underscore ('_') could collide.") == 0);
  // No broker listens on port 9099 of a three-broker cluster (9092 to 9094).
  const Output nobody = type(s, "kafka-topics --bootstrap-server localhost:9099 --list");
  CHECK(nobody.out ==
        "Error while executing topic command : Timed out waiting for a node assignment. Call: "
        "listTopics\n");
  CHECK(nobody.err.find("localhost:9092 to localhost:9094") != std::string::npos);
  // What was refused did not fork the run: my.topic is the only topic created.
  const std::string added = s.additions_text();
  CHECK(added.find("\"topic\": \"my.topic\"") != std::string::npos);
  CHECK(added.find("\"topic\": \"t\"") == std::string::npos);
  CHECK(added.find("\"topic\": \"events\"") == std::string::npos);
}

TEST_CASE("the console producer sends each line, keys parsed as asked", "[cli][shell]") {
  // Goal: parse.key with key.separator splits each line; keyed records go to Kafka's murmur2
  // partition; a line without the separator ends the tool with LineMessageReader's exception;
  // the console consumer prints what was sent with the formatter's fields.
  Session s = open_at(10000);
  CHECK(type(s, std::string("kafka-topics") + kBootstrap +
                    " --create --topic orders --partitions 3 --replication-factor 3")
            .out == "Created topic orders.\n");
  CHECK(type(s, std::string("kafka-console-producer") + kBootstrap +
                    " --topic orders --property parse.key=true --property key.separator=:")
            .err.empty());
  CHECK(s.prompt() == ">");
  std::vector<int64_t> sent_at;
  for (const std::string line : {"alice:1", "carol:2", "alice:3"}) {
    sent_at.push_back(s.world().now().ms());
    const Output o = type(s, line);
    CHECK(o.out.empty());
    CHECK(o.err.empty());
  }
  const Output stop = type(s, "no separator here");
  CHECK(stop.err ==
        "org.apache.kafka.common.KafkaException: No key separator found on line number 4: 'no "
        "separator here'\n");
  CHECK_FALSE(s.producer_mode().has_value());

  const int32_t alice = client::partition_for_key("alice", 3);
  const int32_t carol = client::partition_for_key("carol", 3);
  REQUIRE(alice != carol);
  // Each partition's records in offset order; the formatter: CreateTime, Partition, Offset, key.
  const Output consumed = type(s, std::string("kafka-console-consumer") + kBootstrap +
                                      " --topic orders --partition " + std::to_string(alice) +
                                      " --from-beginning --property print.timestamp=true "
                                      "--property print.partition=true --property "
                                      "print.offset=true --property print.key=true");
  CHECK(consumed.out == fmt::format("CreateTime:{}\tPartition:{}\tOffset:0\talice\t1\n"
                                    "CreateTime:{}\tPartition:{}\tOffset:1\talice\t3\n",
                                    sent_at[0], alice, sent_at[2], alice));
  CHECK(consumed.err == "Processed a total of 2 messages\n");
  CHECK(type(s, std::string("kafka-console-consumer") + kBootstrap +
                    " --topic orders --partition " + std::to_string(carol) +
                    " --offset 0 --property print.key=true")
            .out == "carol\t2\n");
  // --offset past --from-beginning's offset 0: only the second alice.
  CHECK(type(s, std::string("kafka-console-consumer") + kBootstrap +
                    " --topic orders --partition " + std::to_string(alice) + " --offset 1")
            .out == "3\n");
}

TEST_CASE("the console consumer reads as a group member and commits on exit", "[cli][shell]") {
  // Goal: --group joins the group, reads from the beginning, and its close commits (auto-commit
  // is on for a named group), so kafka-consumer-groups shows lag 0; without --group the tool's
  // generated group does not commit; --max-messages stops early.
  Session s = open_at(10000);
  type(s, std::string("kafka-console-producer") + kBootstrap + " --topic events");
  for (const std::string line : {"a", "b", "c", "d"}) type(s, line);
  std::ostringstream out, err;
  CHECK(s.end_of_input(out, err));
  CHECK_FALSE(s.producer_mode().has_value());

  const Output two = type(s, std::string("kafka-console-consumer") + kBootstrap +
                                 " --topic events --from-beginning --max-messages 2");
  CHECK(two.out == "a\nb\n");
  CHECK(two.err == "Processed a total of 2 messages\n");

  const Output all = type(s, std::string("kafka-console-consumer") + kBootstrap +
                                 " --topic events --from-beginning --group g1");
  CHECK(all.out == "a\nb\nc\nd\n");
  const std::string listed =
      type(s, std::string("kafka-consumer-groups") + kBootstrap + " --list").out;
  CHECK(listed.find("g1\n") != std::string::npos);
  CHECK(listed.find("readers\n") != std::string::npos);
  // The group is Empty once its only member left: stderr says so, the rows have no owner.
  const Output described =
      type(s, std::string("kafka-consumer-groups") + kBootstrap + " --describe --group g1");
  CHECK(described.out ==
        "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG          "
        "   CONSUMER-ID     HOST            CLIENT-ID\n"
        "g1              events          0          4               4               0            "
        "   -               -               -\n");
  CHECK(described.err == "\nConsumer group 'g1' has no active members.\n");

  CHECK(type(s, std::string("kafka-console-consumer") + kBootstrap +
                    " --topic events --group g --partition 0")
            .err == "Options group and partition cannot be specified together.\n");
  CHECK(type(s, std::string("kafka-console-consumer") + kBootstrap +
                    " --topic events --from-beginning --consumer-property auto.offset.reset=latest")
            .err ==
        "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please "
        "remove one option\n");
  CHECK(type(s, "kafka-console-consumer --topic events").err ==
        "Missing required argument \"[bootstrap-server]\"\n");
}

TEST_CASE("kafka-consumer-groups resets offsets only of an inactive group", "[cli][shell]") {
  // Goal: the reader's group is Stable, so the reset is refused with Kafka's message (and the
  // tool's empty table); a dry run of another group warns and plans; --execute commits.
  Session s = open_at(10000);
  type(s, std::string("kafka-console-producer") + kBootstrap + " --topic events");
  for (const std::string line : {"a", "b", "c"}) type(s, line);
  std::ostringstream ignored;
  s.end_of_input(ignored, ignored);

  const Output refused =
      type(s, std::string("kafka-consumer-groups") + kBootstrap +
                  " --group readers --topic events --reset-offsets --to-earliest --execute");
  CHECK(refused.out ==
        "\nError: Assignments can only be reset if the group 'readers' is inactive, but the "
        "current state is Stable.\n"
        "\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n");

  const Output dry = type(s, std::string("kafka-consumer-groups") + kBootstrap +
                                 " --group batch --topic events --reset-offsets --to-latest");
  CHECK(dry.err == std::string(cli::kResetWithoutExecuteWarning) + "\n");
  CHECK(dry.out ==
        "\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n"
        "batch           events          0          3\n");
  CHECK(type(s, std::string("kafka-consumer-groups") + kBootstrap + " --describe --group batch")
            .out == "\nError: Consumer group 'batch' does not exist.\n");

  const Output executed =
      type(s, std::string("kafka-consumer-groups") + kBootstrap +
                  " --group batch --topic events --reset-offsets --shift-by -1 --execute");
  CHECK(executed.out ==
        "\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n"
        "batch           events          0          2\n");
  CHECK(type(s, std::string("kafka-consumer-groups") + kBootstrap + " --describe --group batch")
            .out ==
        "\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG          "
        "   CONSUMER-ID     HOST            CLIENT-ID\n"
        "batch           events          0          2               3               1            "
        "   -               -               -\n");
  CHECK(
      type(s, std::string("kafka-consumer-groups") + kBootstrap +
                  " --group batch --topic events --reset-offsets --to-earliest --dry-run --execute")
          .err == "Option [reset-offsets] only accepts one of [execute] and [dry-run]\n");
}

TEST_CASE("reset-offsets output follows ConsumerGroupCommand.printOffsetsToReset", "[cli][shell]") {
  // Goal: GROUP and TOPIC are as wide as their longest value (at least 15), rows in the tool's
  // HashMap order of TopicPartition (partition 1 before 0 for topic "test", as the reference's
  // describe vectors show), each line after its newline and one newline at the end.
  cluster::ResetOffsetsOutcome o;
  o.group = "a-rather-long-group-id";
  for (int32_t p : {0, 1}) o.plan.push_back({{"test", p}, 10 + p, -1, ""});
  CHECK(cli::reset_offsets_output(o).out ==
        "\nGROUP                  TOPIC           PARTITION  NEW-OFFSET"
        "\na-rather-long-group-id test            1          11"
        "\na-rather-long-group-id test            0          10\n");
}

TEST_CASE("the shell's fork is the saved scenario's run", "[cli][shell]") {
  // Goal: what the shell added, saved into the scenario, rebuilds exactly the shell's world: the
  // same nodes, logs, groups and queue at the same step (World is a value with ==).
  Session s = open_at(8000);
  type(s, std::string("kafka-topics") + kBootstrap + " --create --topic orders --partitions 2");
  type(s, std::string("kafka-console-producer") + kBootstrap +
              " --topic orders --property parse.key=true");
  type(s, "k1\tv1");
  type(s, "k2\tv2");
  std::ostringstream ignored;
  s.end_of_input(ignored, ignored);
  type(s, std::string("kafka-console-consumer") + kBootstrap +
              " --topic orders --from-beginning --group g");
  type(s, "sleep 3");
  REQUIRE(s.changed());

  const nlohmann::ordered_json saved = s.saved_document();
  const scenario::LoadResult loaded = scenario::load_text(saved.dump(), "saved.json");
  REQUIRE(loaded.problems.empty());
  world::World replay = scenario::build_world(*loaded.scenario, loaded.scenario->seed);
  while (replay.steps_done < s.world().steps_done) {
    REQUIRE(world::step(replay, nullptr) == world::StepResult::kStepped);
  }
  CHECK(replay == s.world());
  // The additions are narrated: each command is a note.
  const nlohmann::json additions =
      nlohmann::json::parse(s.additions_text().substr(s.additions_text().find('{')));
  CHECK(additions["cluster"]["producers"][0]["name"] == "console-producer-1");
  CHECK(additions["cluster"]["consumers"][0]["configs"]["group.id"] == "g");
  CHECK(additions["timeline"][0]["action"] == "note");
  CHECK(additions["timeline"][0]["text"] ==
        "$ kafka-topics --bootstrap-server localhost:9092 --create --topic orders --partitions 2");
  CHECK(additions["timeline"][1]["action"] == "create_topic");
}

TEST_CASE("kafkasim shell reads commands until exit and prints the additions", "[cli][shell]") {
  // Goal: the command runs the session over a stream: the banner, each tool's output, nothing
  // after exit, then the scenario JSON of what changed; an unknown command says so.
  std::istringstream in(
      "kafka-topics --bootstrap-server broker-2:9092 --list --exclude-internal\n"
      "kafka-topics --bootstrap-server broker-2:9092 --create --topic x\n"
      "ls -l\n"
      "exit\n"
      "kafka-topics --bootstrap-server broker-2:9092 --delete --topic x\n");
  std::ostringstream out, err;
  CHECK(cli::shell_command({.scenario = kCluster, .at_ms = 5000}, in, out, err) == 0);
  const std::string o = out.str();
  CHECK(o.find("kafkasim shell: shell_cluster at ") == 0);
  CHECK(o.find("\nevents\nCreated topic x.\n# What this shell added") != std::string::npos);
  CHECK(o.find("\"action\": \"create_topic\"") != std::string::npos);
  CHECK(o.find("delete_topic") == std::string::npos);
  CHECK(err.str() == "kafkasim shell: ls: command not found (type help)\n");
}

TEST_CASE("the end of input ends the console producer, then the shell", "[cli][shell]") {
  // Goal: piped input (no terminal) ends with the producer still reading: its records are sent,
  // the producer is closed as the tool's shutdown hook closes it, and the shell ends.
  std::istringstream in(
      "kafka-console-producer --broker-list localhost:9093 --topic events\nfirst\nsecond\n");
  std::ostringstream out, err;
  CHECK(cli::shell_command({.scenario = kCluster, .at_ms = 5000}, in, out, err) == 0);
  CHECK(err.str().empty());
  const std::string o = out.str();
  const nlohmann::json added = nlohmann::json::parse(o.substr(o.find('{')));
  // --broker-list localhost:9093 is broker 2.
  CHECK(added["cluster"]["producers"][0]["bootstrap"] == nlohmann::json::array({"broker-2"}));
  const nlohmann::json& timeline = added["timeline"];
  REQUIRE(timeline.size() == 4);  // the command's note, two sends, the close
  CHECK(timeline[1]["records"][0]["value"] == "first");
  CHECK(timeline[2]["records"][0]["value"] == "second");
  CHECK(timeline[3]["action"] == "close");
  CHECK(timeline[3]["after_step"] > timeline[2]["after_step"]);
}
