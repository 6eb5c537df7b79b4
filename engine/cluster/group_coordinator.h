// The group coordinator's state on a broker (Kafka's GroupCoordinator and
// GroupMetadataManager, classic protocol): the groups whose __consumer_offsets partition this
// broker leads, loaded from that partition when it became leader, with their committed offsets.
// Every change is first written to the partition as a record (offsets_records.h) and applied to
// this cache only once the write is replicated, so a new coordinator after a failover rebuilds
// exactly what was acknowledged.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/proto/group_api.h"
#include "engine/sim/time.h"

namespace ksim::cluster {

inline constexpr const char* kOffsetsTopic = "__consumer_offsets";

struct CommittedOffset {
  int64_t offset = 0;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  friend bool operator==(const CommittedOffset&, const CommittedOffset&) = default;
};

struct GroupState {
  std::string group_id;
  std::map<kafka::TopicPartition, CommittedOffset> offsets;
  friend bool operator==(const GroupState&, const GroupState&) = default;
};

struct GroupCoordinator {
  std::map<std::string, GroupState> groups;    // of the loaded partitions
  std::set<int32_t> loaded;                    // __consumer_offsets partitions led and loaded here
  std::optional<SimTime> offsets_topic_asked;  // when this broker last asked to create it
  friend bool operator==(const GroupCoordinator&, const GroupCoordinator&) = default;
};

// An OffsetCommit waiting for its records to be replicated (rides on a DelayedProduce).
struct PendingCommit {
  std::string group_id;
  std::vector<proto::OffsetCommitPartition> partitions;
  int64_t commit_timestamp_ms = 0;
  bool reply = true;  // false for the coordinator's own writes (expired offsets)
  friend bool operator==(const PendingCommit&, const PendingCommit&) = default;
};

}  // namespace ksim::cluster
