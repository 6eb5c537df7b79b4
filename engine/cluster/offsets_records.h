// The records of the internal topic __consumer_offsets, byte for byte as Kafka's group
// coordinator writes them (GroupCoordinatorRecordSerde with OffsetCommitKey/Value and
// GroupMetadataKey): a key is a 2-byte schema version then its fields; strings are a 2-byte
// length then UTF-8. Keys are what compaction keeps the latest of: one per (group, topic,
// partition) for offsets, one per group for its metadata. A null value (tombstone) deletes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "engine/cluster/group_coordinator.h"
#include "engine/kafka/types.h"

namespace ksim::cluster {

struct OffsetCommitKey {
  std::string group;
  kafka::TopicPartition tp;
  friend bool operator==(const OffsetCommitKey&, const OffsetCommitKey&) = default;
};

struct GroupMetadataKey {
  std::string group;
  friend bool operator==(const GroupMetadataKey&, const GroupMetadataKey&) = default;
};

// OffsetCommitValue version 3.
struct OffsetCommitValue {
  int64_t offset = 0;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  friend bool operator==(const OffsetCommitValue&, const OffsetCommitValue&) = default;
};

using OffsetsTopicKey = std::variant<OffsetCommitKey, GroupMetadataKey>;

// GroupMetadataValue version 3: protocol type, generation, protocol, leader, the state's
// timestamp, then each member (id, instance id, client id, host, timeouts, and its subscription
// and assignment in ConsumerProtocol version 0 bytes).
std::string encode_group_value(const GroupState& g, int64_t now_ms);
// The group as a new coordinator loads it: Stable with its members if it has any, else Empty.
// Members' deadlines and parked requests are left for the caller.
std::optional<GroupState> decode_group_value(const std::string& group_id, const std::string& bytes);

std::string encode_key(const OffsetCommitKey& k);      // schema version 1
std::string encode_key(const GroupMetadataKey& k);     // schema version 2
std::string encode_value(const OffsetCommitValue& v);  // schema version 3

// nullopt for bytes that are not a key (or value) of these schemas.
std::optional<OffsetsTopicKey> decode_key(const std::string& bytes);
std::optional<OffsetCommitValue> decode_offset_value(const std::string& bytes);

// A learner's view of a record: "offset demo.1 demo_1-0 = 7" or "tombstone ...".
std::string describe_offsets_record(const std::optional<std::string>& key,
                                    const std::optional<std::string>& value);

}  // namespace ksim::cluster
