// The invariant checker (docs/invariants.md): a world::Timeline observer that, after each step,
// checks only what the step touched: the replicas named in its state changes, and the producer
// or consumer the step ran on. It keeps small incremental state (each leader's last high
// watermark and epoch, who led each epoch, what was acknowledged, committed and consumed at each
// offset) so a step costs little even on a cluster with thousands of partitions. A violation is
// recorded once, at the step that first showed it, as a trace::Observation. Whole-run
// validations (every replica's log against every other, every acknowledged record against the
// leaders, Jepsen's lost-write) run once, in finish(), at the end of a run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/check/invariant.h"
#include "engine/check/ledger.h"
#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::check {

class InvariantChecker {
 public:
  // Checks what step `s` touched and records each new violation in `t`.
  void observe(const world::World& w, trace::Trace& t, Step s);
  // The whole-run validations, on the world at the end of a recording: violations are recorded
  // at the last step. May be called again after more steps were recorded.
  void finish(const world::World& w, trace::Trace& t);

  const CommittedLedger& ledger() const { return ledger_; }
  // Violations recorded so far, all classes, and engine invariants only.
  int64_t violations() const { return violations_; }
  int64_t engine_violations() const { return engine_violations_; }

 private:
  // What one step did to one replica, read from its state changes.
  struct Touch {
    int32_t topic_id = 0;
    bool role = false;      // leader, leader epoch or ISR changed
    bool appended = false;  // the log end offset went up
    bool reshaped = false;  // truncation, retention, compaction, a new log start
    int64_t leo_from = -1;  // the log end offset before the first append of the step
    std::optional<std::pair<int64_t, int64_t>> hw;  // high watermark: first from, last to
    bool hw_decreased = false;
    bool epoch_decreased = false;
    int64_t epoch_from = 0;
    int64_t epoch_to = 0;
  };
  using ReplicaKey = std::pair<int32_t, kafka::TopicPartition>;  // (node, partition)

  // The high watermark and epoch last seen on a leader replica.
  struct LeaderSeen {
    int64_t incarnation = 0;
    int32_t epoch = -1;
    int64_t high_watermark = 0;
  };
  struct AckedRecord {
    uint64_t id = 0;
    int32_t producer = -1;  // node
  };
  // Acknowledged sends of one partition, by offset (a later ack at the same offset, after a
  // loss, goes to `more`).
  struct PartitionAcks {
    std::vector<AckedRecord> first;
    std::multimap<int64_t, AckedRecord> more;
  };
  struct ProducerCursor {
    size_t seen = 0;           // outcomes looked at
    std::set<size_t> pending;  // outcomes still without an answer
  };
  struct ConsumedAt {
    uint64_t id = 0;
    int32_t consumer = -1;  // node
  };
  struct ConsumerCursor {
    size_t seen = 0;  // consumed records looked at
    // The position of each partition at the end of the last step (nullopt: none, or a reset
    // under way): the next record poll() returns must be there.
    std::map<kafka::TopicPartition, std::optional<int64_t>> base;
    int32_t owned_generation = -1;
    size_t owned_count = 0;
  };
  struct FirstConsumed {
    int32_t tp = 0;  // interned (tps_)
    int64_t offset = 0;
    int32_t consumer = -1;
  };

  // --- recording (checker.cpp) ---
  // Records a violation of `inv` unless `key` was reported before.
  void report(trace::Trace& t, Step s, Invariant inv, const std::string& key,
              const std::string& detail);
  std::string node_name(const world::World& w, int32_t node) const;
  // A small number for `tp`, so per-record state holds no string.
  int32_t intern(const kafka::TopicPartition& tp);
  std::map<ReplicaKey, Touch> touched(const trace::Trace& t, Step s) const;

  // --- replicas (replica_checks.cpp) ---
  void check_replica(const world::World& w, trace::Trace& t, Step s, const ReplicaKey& r,
                     const Touch& touch);
  void check_log_shape(const world::World& w, trace::Trace& t, Step s, const ReplicaKey& r,
                       const log::PartitionLog& log, int64_t from);
  void check_leadership(const world::World& w, trace::Trace& t, Step s, const ReplicaKey& r,
                        const Touch& touch, const cluster::Broker& b,
                        const cluster::HostedPartition& p);
  void check_hw_within_isr(const world::World& w, trace::Trace& t, Step s,
                           const kafka::TopicPartition& tp);
  void check_log_matching(const world::World& w, trace::Trace& t, Step s, const ReplicaKey& r,
                          const log::PartitionLog& log, int64_t from, int64_t to);

  // --- losses and commits (loss_checks.cpp) ---
  void check_producer(const world::World& w, trace::Trace& t, Step s, int32_t node);
  void register_ack(int32_t node, const client::SendOutcome& o);
  // A new leader of `tp`: are acknowledged and committed records from offset `from` still
  // there?
  void check_losses(const world::World& w, trace::Trace& t, Step s, const kafka::TopicPartition& tp,
                    int64_t from);
  void check_consumed_against(const world::World& w, trace::Trace& t, Step s, const ReplicaKey& r,
                              const log::PartitionLog& log, int64_t from, int64_t to);
  void check_committed_offsets(const world::World& w, trace::Trace& t, Step s, int32_t node);
  void check_committed_of(const world::World& w, trace::Trace& t, Step s,
                          const kafka::TopicPartition& tp);

  // --- consumers (consumer_checks.cpp) ---
  void check_consumer(const world::World& w, trace::Trace& t, Step s, int32_t node);
  void check_consumed_record(const world::World& w, trace::Trace& t, Step s, int32_t node,
                             const client::ConsumedRecord& r, std::optional<int64_t>& base);
  void check_ownership(const world::World& w, trace::Trace& t, Step s, int32_t node,
                       const client::Consumer& c, ConsumerCursor& cursor);
  void check_lost_writes(const world::World& w, trace::Trace& t, Step s);

  // --- the end of a run (checker.cpp) ---
  void finish_logs(const world::World& w, trace::Trace& t, Step s);
  void finish_losses(const world::World& w, trace::Trace& t, Step s);

  CommittedLedger ledger_;
  std::set<std::pair<Invariant, std::string>> reported_;
  int64_t violations_ = 0;
  int64_t engine_violations_ = 0;

  std::map<ReplicaKey, LeaderSeen> leaders_;
  // (topic id, partition, leader epoch) -> the broker id that led it.
  std::map<std::tuple<int32_t, int32_t, int32_t>, int32_t> epoch_leaders_;

  std::map<kafka::TopicPartition, PartitionAcks> acked_;
  std::map<int32_t, ProducerCursor> producers_;
  // The offsets already reported, by invariant and partition (losses, changed reads).
  std::map<std::pair<Invariant, kafka::TopicPartition>, std::set<int64_t>> lost_;

  std::map<kafka::TopicPartition, std::vector<ConsumedAt>> consumed_;  // by offset
  std::map<uint64_t, FirstConsumed> consumed_ids_;
  std::map<kafka::TopicPartition, int32_t> tp_ids_;
  std::vector<kafka::TopicPartition> tps_;  // by interned number
  std::map<int32_t, ConsumerCursor> consumers_;
  // (group, generation, partition) -> the consumer node that owned it.
  std::map<std::tuple<std::string, int32_t, kafka::TopicPartition>, int32_t> owners_;
  // What each group committed for each partition, as its coordinator last held it.
  std::map<kafka::TopicPartition, std::map<std::string, int64_t>> committed_;
};

}  // namespace ksim::check
