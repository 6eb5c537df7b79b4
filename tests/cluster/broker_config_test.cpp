// Broker configs: Kafka's keys and defaults, and precise errors for bad ones.
#include "engine/cluster/broker_config.h"

#include <catch2/catch.hpp>

#include "tests/support/generated_doc.h"

using namespace ksim::cluster;

TEST_CASE("broker configs default to Kafka 3.9's values", "[cluster][config]") {
  // Goal: an empty config is Kafka's defaults (KafkaConfig, ReplicationConfigs).
  std::vector<BrokerConfigProblem> problems;
  const BrokerConfig c = parse_broker_config({}, problems);
  CHECK(problems.empty());
  CHECK(c.broker_session_timeout_ms == 9000);
  CHECK(c.broker_heartbeat_interval_ms == 2000);
  CHECK(c.replica_lag_time_max_ms == 30000);
  CHECK(c.replica_fetch_wait_max_ms == 500);
  CHECK(c.min_insync_replicas == 1);
  CHECK_FALSE(c.unclean_leader_election_enable);
  CHECK(c.auto_create_topics_enable);
  CHECK(c.leader_imbalance_check_interval_seconds == 300);
}

TEST_CASE("bad broker configs are named with what is valid", "[cluster][config]") {
  // Goal: an unknown key gets a did-you-mean; a wrong type or range names the valid values.
  std::vector<BrokerConfigProblem> problems;
  const BrokerConfig c = parse_broker_config({{"min.insync.replica", "2"},
                                              {"replica.lag.time.max.ms", "-5"},
                                              {"auto.create.topics.enable", "yes"},
                                              {"num.partitions", "3"}},
                                             problems);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message == "auto.create.topics.enable must be true or false, not \"yes\"");
  CHECK(problems[1].message ==
        "unknown broker config \"min.insync.replica\" (did you mean \"min.insync.replicas\"?)");
  CHECK(problems[2].message == "replica.lag.time.max.ms must be an integer >= 1, not \"-5\"");
  CHECK(c.num_partitions == 3);
}

TEST_CASE("docs/broker-configs.md matches the table", "[cluster][docs]") {
  // Goal: the checked-in docs are generated from the table; KSIM_UPDATE_DOCS=1 rewrites them.
  ksim::testing::check_generated_doc(
      "docs/broker-configs.md", render_broker_configs_markdown(),
      "KSIM_UPDATE_DOCS=1 ./build/debug/tests/cluster/cluster_tests \"[docs]\"");
}
