// kafka-consumer-groups --describe layouts, against text written from Kafka 3.9's
// ConsumerGroupCommand formats (../shared/KAFKA-REFERENCE.md section 8.2), never from our output.
#include "cli/group_describe.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "cli/commands.h"

using namespace ksim;
using namespace ksim::cli;

namespace {

GroupView two_members() {
  GroupView g;
  g.group = "demo.1";
  g.state = "Stable";
  g.assignment_strategy = "range";
  g.coordinator = "broker-1:9092  (1)";
  g.members = {
      {"consumer-demo.1-1-aaaa", "", "/c1", "consumer-demo.1-1", {{"demo_1", 0}}},
      {"consumer-demo.1-1-bbbb", "", "/c2", "consumer-demo.1-1", {{"demo_1", 1}, {"demo_1", 2}}},
      {"consumer-demo.1-1-cccc", "", "/c3", "consumer-demo.1-1", {}},
  };
  g.committed = {{{"demo_1", 0}, 5}, {{"demo_1", 1}, 7}, {{"old", 0}, 3}};
  g.log_end = {{{"demo_1", 0}, 9}, {{"demo_1", 1}, 7}, {{"demo_1", 2}, 4}, {{"old", 0}, 3}};
  return g;
}

}  // namespace

TEST_CASE("describe: members by partition count, idle ones absent, unowned offsets last",
          "[cli][groups]") {
  // printOffsetFormat: widths max(15, longest) for group, topic, consumer id and host; "-" for
  // no committed offset and for no owner.
  const ToolOutput o = describe_group_offsets(two_members());
  CHECK(o.err.empty());
  CHECK(
      o.out ==
      "\n"
      "GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             "
      "CONSUMER-ID            HOST            CLIENT-ID\n"
      "demo.1          demo_1          1          7               7               0               "
      "consumer-demo.1-1-bbbb /c2             consumer-demo.1-1\n"
      "demo.1          demo_1          2          -               4               -               "
      "consumer-demo.1-1-bbbb /c2             consumer-demo.1-1\n"
      "demo.1          demo_1          0          5               9               4               "
      "consumer-demo.1-1-aaaa /c1             consumer-demo.1-1\n"
      "demo.1          old             0          3               3               0               "
      "-                      -               -\n");
}

TEST_CASE("describe rows of one member follow Java's HashMap of TopicPartition", "[cli][groups]") {
  // The reference's vector: topic "test" with 6 partitions prints 1,0,3,2,5,4.
  GroupView g;
  g.group = "g";
  g.state = "Stable";
  GroupMemberView m{"m", "", "/h", "c", {}};
  for (int32_t p = 0; p < 6; ++p) m.assignment.push_back({"test", p});
  g.members = {m};
  std::istringstream lines(describe_group_offsets(g).out);
  std::vector<std::string> partitions;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("g ", 0) == 0) partitions.push_back(line.substr(32, 1));
  }
  CHECK(partitions == std::vector<std::string>{"1", "0", "3", "2", "5", "4"});
}

TEST_CASE("describe --members [--verbose]: every member, Kafka 3.9's assignment column",
          "[cli][groups]") {
  GroupView g = two_members();
  g.members[1].assignment = {{"demo_1", 2}, {"demo_1", 10}, {"other", 0}};
  const ToolOutput o = describe_group_members(g, true);
  // A trailing space after #PARTITIONS; partitions sorted as strings ("10" before "2"), the
  // topic's name left out (3.8-3.9), "-" for an idle member.
  CHECK(o.out ==
        "\n"
        "GROUP           CONSUMER-ID            HOST            CLIENT-ID         #PARTITIONS     "
        "ASSIGNMENT\n"
        "demo.1          consumer-demo.1-1-aaaa /c1             consumer-demo.1-1 1               "
        "(0)\n"
        "demo.1          consumer-demo.1-1-bbbb /c2             consumer-demo.1-1 3               "
        "(0), (10,2)\n"
        "demo.1          consumer-demo.1-1-cccc /c3             consumer-demo.1-1 0               "
        "-\n");
  // A static member adds GROUP-INSTANCE-ID (at least 17 wide) after CONSUMER-ID.
  g.members[0].group_instance_id = "c1-static";
  const std::string members = describe_group_members(g, false).out;
  CHECK(members.find("\nGROUP           CONSUMER-ID            GROUP-INSTANCE-ID HOST ") == 0);
  CHECK(members.find("\ndemo.1          consumer-demo.1-1-cccc                   /c3 ") !=
        std::string::npos);
}

TEST_CASE("describe --state: coordinator as host:port  (id)", "[cli][groups]") {
  const ToolOutput o = describe_group_state(two_members());
  CHECK(o.out ==
        "\n"
        "GROUP                     COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE           "
        "#MEMBERS\n"
        "demo.1                    broker-1:9092  (1)        range                Stable          "
        "3\n");
}

TEST_CASE("empty, rebalancing and unknown groups get Kafka's messages", "[cli][groups]") {
  GroupView empty = two_members();
  empty.state = "Empty";
  empty.members.clear();
  const ToolOutput e = describe_group_offsets(empty);
  CHECK(e.err == "\nConsumer group 'demo.1' has no active members.\n");
  CHECK(e.out.find("\ndemo.1          demo_1          0          5               9               "
                   "4               -               -               -\n") != std::string::npos);
  CHECK(describe_group_members(empty, false).out.empty());  // no member rows: nothing printed

  GroupView moving = two_members();
  moving.state = "PreparingRebalance";
  CHECK(describe_group_state(moving).err == "\nWarning: Consumer group 'demo.1' is rebalancing.\n");

  GroupView dead;
  dead.group = "nobody";
  dead.state = "Dead";
  const ToolOutput d = describe_group_offsets(dead);
  CHECK(d.out == "\nError: Consumer group 'nobody' does not exist.\n");
  CHECK(d.err.empty());
}

TEST_CASE("kafkasim describe --group at a moment of a lesson", "[cli][groups]") {
  // consumer_groups at 50 s: c3 crashed at 35 s and was removed; c1 and c2 read one partition
  // each.
  std::ostringstream out, err;
  CHECK(describe_command(
            {.scenario = "consumer_groups", .at_ms = 50000, .group = "demo.1", .members = true},
            out, err) == 0);
  CHECK(out.str().find("#PARTITIONS") != std::string::npos);
  CHECK(out.str().find("/c1 ") != std::string::npos);
  CHECK(out.str().find("/c2 ") != std::string::npos);
  CHECK(out.str().find("/c3 ") == std::string::npos);
  std::ostringstream state, list, e2;
  CHECK(describe_command({.scenario = "consumer_groups", .at_ms = 50000, .list = true}, list, e2) ==
        0);
  CHECK(list.str() == "demo.1\ndemo.2\n");
  CHECK(describe_command({.scenario = "consumer_groups", .verbose = true, .list = true}, state,
                         e2) == 2);
}
