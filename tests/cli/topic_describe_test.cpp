// kafka-topics --describe in Kafka 3.9's layout (KAFKA-REFERENCE.md section 8.1: TABs, sorted
// topics and partitions, "none" for no leader, empty Elr/LastKnownElr on KRaft without ELR).
#include "cli/topic_describe.h"

#include <catch2/catch.hpp>

using namespace ksim;

TEST_CASE("describe --topics prints Kafka's TAB-separated layout", "[cli][describe]") {
  // Goal: the header and partition lines match TopicCommand's format, written out by hand.
  cluster::MetadataImage image;
  image.apply(proto::TopicRecord{"orders", 1, kafka::Uuid{0, 1}, {{"retention.ms", "60000"}}});
  image.apply(proto::PartitionRecord{"orders", 0, {2, 3, 1}, {2, 3, 1}, 2, 0, 0});
  image.apply(proto::PartitionRecord{"orders", 1, {3, 1, 2}, {3}, -1, 4, 7});
  image.apply(proto::TopicRecord{
      "audit", 2, kafka::Uuid{0x0102030405060708ull, 0x1112131415161718ull}, {}});
  image.apply(proto::PartitionRecord{"audit", 0, {1}, {1}, 1, 0, 0});
  const std::string expected =
      "Topic: audit\tTopicId: AQIDBAUGBwgREhMUFRYXGA\tPartitionCount: 1\tReplicationFactor: 1\t"
      "Configs: \n"
      "\tTopic: audit\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tElr: \tLastKnownElr: \n"
      "Topic: orders\tTopicId: AAAAAAAAAAAAAAAAAAAAAQ\tPartitionCount: 2\tReplicationFactor: 3\t"
      "Configs: retention.ms=60000\n"
      "\tTopic: orders\tPartition: 0\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3,1\tElr: \t"
      "LastKnownElr: \n"
      "\tTopic: orders\tPartition: 1\tLeader: none\tReplicas: 3,1,2\tIsr: 3\tElr: \t"
      "LastKnownElr: \n";
  CHECK(cli::describe_topics(image) == expected);
}
