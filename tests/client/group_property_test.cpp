// Properties of consumer groups under random joins, crashes, restarts and closes, for eager and
// cooperative assignors: no partition is ever owned by two live consumers at once, and a Stable
// group's assignment covers every partition exactly once.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "engine/cluster/group_coordinator.h"
#include "engine/sim/prng.h"
#include "tests/client/client_story.h"

using namespace ksim;
using ksim::testing::ClientStory;

namespace {

constexpr int kConsumers = 4;
constexpr int kPartitions = 5;

// A seeded story: consumers starting at random times, then random crashes, restarts and closes.
// (fmt::format, not string +: GCC 12 -O3 warns falsely on long concatenations.)
std::string random_story(uint64_t seed, const std::string& strategy) {
  Prng rng = Prng::stream(seed, "group-property");
  std::string consumers;
  for (int i = 0; i < kConsumers; ++i) {
    consumers += fmt::format(
        R"({}{{"name": "c{}", "subscribe": ["t"], "start_ms": {}, "configs": {{"group.id": "g",
            "session.timeout.ms": 6000, "heartbeat.interval.ms": 1000,
            "partition.assignment.strategy": "{}"}}}})",
        i == 0 ? "" : ",", i, 200 + rng.between(0, 10000), strategy);
  }
  std::string timeline = R"({"at_ms": 500, "action": "send", "producer": "producer", "topic": "t",
                             "count": 500, "every_ms": 100})";
  for (int k = 0; k < 8; ++k) {
    const int64_t node = rng.between(0, kConsumers - 1);
    const int64_t at = 12000 + rng.between(0, 30000);
    if (rng.chance(Ratio{1, 2})) {
      timeline += fmt::format(R"(, {{"at_ms": {}, "action": "crash", "node": "c{}"}})", at, node);
    } else {
      timeline += fmt::format(R"(, {{"at_ms": {}, "action": "close", "client": "c{}"}})", at, node);
    }
    timeline += fmt::format(R"(, {{"at_ms": {}, "action": "restart", "node": "c{}"}})",
                            at + 500 + rng.between(0, 8000), node);
  }
  return fmt::format(
      R"({{"name": "property", "stop_at_ms": 10000000, "network": {{"latency_ms": 1}},
          "cluster": {{"brokers": 1, "configs": {{"offsets.topic.replication.factor": 1}},
            "topics": [{{"name": "t", "partitions": {}}}],
            "producers": [{{"name": "producer"}}],
            "consumers": [{}]}},
          "timeline": [{}]}})",
      kPartitions, consumers, timeline);
}

}  // namespace

TEST_CASE("no partition has two owners; a Stable group covers every partition once",
          "[client][group][property]") {
  for (const std::string strategy : {"range", "roundrobin", "sticky", "cooperative-sticky"}) {
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      INFO(strategy << " seed " << seed);
      ClientStory s(random_story(seed, strategy));
      int stable_checks = 0;
      for (int64_t t = 100; t <= 70000; t += 100) {
        s.run_to_ms(t);
        // Live consumers never share a partition (eager revokes first; cooperative moves a
        // partition only after its old owner gave it up).
        std::map<int32_t, std::string> owner;
        for (int i = 0; i < kConsumers; ++i) {
          const std::string name = fmt::format("c{}", i);
          const size_t node = static_cast<size_t>(s.node(name).value);
          if (!s.world().rt.status[node].up) continue;
          for (const auto& [tp, p] : s.consumer(name).memory.assigned) {
            INFO("t=" << t << " partition " << tp.partition);
            CHECK(owner.emplace(tp.partition, name).second);
          }
        }
        const auto& groups = s.broker(1).memory.coordinator.groups;
        const auto g = groups.find("g");
        if (g == groups.end() || g->second.phase != cluster::GroupPhase::kStable) continue;
        std::multiset<int32_t> assigned;
        for (const cluster::GroupMember& m : g->second.members) {
          for (const kafka::TopicPartition& tp : m.assignment) assigned.insert(tp.partition);
        }
        // Cooperative rounds may hold a moving partition back for one generation.
        if (strategy != "cooperative-sticky") {
          CHECK(assigned.size() == static_cast<size_t>(kPartitions));
        }
        CHECK(std::set<int32_t>(assigned.begin(), assigned.end()).size() == assigned.size());
        ++stable_checks;
      }
      CHECK(stable_checks > 100);
    }
  }
}
