// Kafka's Java consumer as a node (KafkaConsumer with its SubscriptionState, Fetcher and
// OffsetFetcher), for partitions given with assign(). The application polls in a loop: each
// poll() returns up to max.poll.records buffered records in offset order and advances the
// positions; the application then spends processing_ms on each record before polling again.
// Fetches go to each partition's leader, or to the follower the leader names as preferred read
// replica (KIP-392, client.rack), and never return records above the high watermark. Positions
// start from auto.offset.reset (ListOffsets earliest/latest, or an error for none), also when a
// position falls out of range; seek moves them. A record the deserializer cannot read stops the
// application at that offset with Kafka's RecordDeserializationException until it seeks past.
// Consumer groups, the coordinator and committed offsets come with the group coordinator.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/client_config.h"
#include "engine/client/client_metadata.h"
#include "engine/proto/action.h"
#include "engine/proto/payload.h"
#include "engine/runtime/context.h"
#include "engine/sim/shared_chunks.h"

namespace ksim::client {

// What the application got from poll(), as it would print it.
struct ConsumedRecord {
  kafka::TopicPartition tp;
  int64_t offset = 0;
  RecordId id;
  std::optional<std::string> key;
  std::optional<std::string> value;
  SimTime at;
  int64_t timestamp_ms = -1;  // the record's timestamp (CreateTime, as the producer set it)
  friend bool operator==(const ConsumedRecord&, const ConsumedRecord&) = default;
};

// SubscriptionState.TopicPartitionState: the position and what is known of the partition.
struct PartitionPosition {
  std::optional<int64_t> position;  // the next offset poll() returns
  // A reset under way (auto.offset.reset or seekToBeginning/End): the ListOffsets timestamp.
  std::optional<int64_t> reset_to;
  int64_t high_watermark = -1;  // from the last fetch response (records-lag = HW - position)
  int64_t log_start_offset = -1;
  bool committed_checked = false;       // the group's committed offset was asked for
  int32_t preferred_read_replica = -1;  // KIP-392: fetch from this broker until...
  SimTime preferred_until;              // ...metadata.max.age.ms after the leader said so
  friend bool operator==(const PartitionPosition&, const PartitionPosition&) = default;
};

// A record fetched but not yet returned by poll(): Kafka's CompletedFetch buffer.
struct BufferedRecord {
  kafka::TopicPartition tp;
  int64_t offset = 0;
  // The position once it is taken: offset + 1, or past the end of its batch for the batch's
  // last record, whose later offsets the cleaner may have removed (Kafka's nextFetchOffset).
  int64_t next_offset = 0;
  kafka::Record record;
  friend bool operator==(const BufferedRecord&, const BufferedRecord&) = default;
};

struct InFlightFetch {
  int64_t correlation_id = 0;
  std::vector<kafka::TopicPartition> partitions;
  std::vector<int64_t> fetch_offsets;  // parallel to partitions
  bool to_follower = false;
  friend bool operator==(const InFlightFetch&, const InFlightFetch&) = default;
};

struct InFlightCommit {
  int64_t correlation_id = 0;
  std::vector<proto::OffsetCommitPartition> offsets;
  bool sync = false;
  bool automatic = false;  // auto-commit (enable.auto.commit)
  friend bool operator==(const InFlightCommit&, const InFlightCommit&) = default;
};

// What the application saw of one commit: when, which offsets, and how it ended.
struct CommitOutcome {
  SimTime at;
  bool sync = false;
  bool automatic = false;
  std::map<kafka::TopicPartition, int64_t> offsets;
  std::string error;  // empty: committed
  friend bool operator==(const CommitOutcome&, const CommitOutcome&) = default;
};

struct InFlightListOffsets {
  int64_t correlation_id = 0;
  std::vector<kafka::TopicPartition> partitions;
  friend bool operator==(const InFlightListOffsets&, const InFlightListOffsets&) = default;
};

// Where the member stands in its group (AbstractCoordinator.MemberState).
enum class MemberState : uint8_t {
  kUnjoined,  // not in the group (or it must rejoin)
  kJoining,   // JoinGroup sent
  kSyncing,   // SyncGroup sent
  kStable,    // has its assignment for the generation
};

enum class ConsumerAppState : uint8_t {
  kPolling,     // inside poll(), waiting for records
  kProcessing,  // handling the records the last poll returned
  kFailed,      // poll() threw; the application waits for a seek (or a restart)
  kClosing,     // close(): waiting for the last commit
  kClosed,
};

struct ConsumerMemory {
  ClientMetadata metadata;
  int64_t next_correlation = 1;
  runtime::DeadlineTimer deadlines{proto::TimerKind::kClientRequestTimeout};  // request.timeout.ms
  std::map<kafka::TopicPartition, PartitionPosition> assigned;
  std::deque<BufferedRecord> buffer;
  std::vector<InFlightFetch> fetches;
  std::vector<InFlightListOffsets> list_offsets;
  // The group coordinator (consumer_group.cpp).
  int32_t coordinator = -1;  // broker id, -1 while unknown
  NodeId coordinator_node;
  int64_t find_coordinator_in_flight = -1;
  size_t coordinator_candidate = 0;
  int64_t offset_fetch_in_flight = -1;
  std::vector<InFlightCommit> commits;
  std::optional<InFlightCommit> commit_waiting;  // to send once the coordinator is known
  SimTime next_auto_commit;
  // Group membership with subscribe() (consumer_membership.cpp).
  MemberState member_state = MemberState::kUnjoined;
  std::string member_id;
  int32_t generation = -1;
  std::string protocol;
  bool rejoin_needed = true;
  int64_t join_in_flight = -1;
  int64_t sync_in_flight = -1;
  int64_t heartbeat_in_flight = -1;
  int64_t leave_in_flight = -1;  // close() waits for the LeaveGroup answer
  bool heartbeat_timer_set = false;
  SimTime last_poll;
  std::map<std::string, int32_t> assigned_partition_counts;  // metadata the assignment was for
  // The eager StickyAssignor's memberAssignment: the last assignment, still sent as user data
  // after an eager rebalance revoked it, so the leader can keep partitions where they were.
  std::vector<kafka::TopicPartition> sticky_assignment;
  ConsumerAppState state = ConsumerAppState::kPolling;
  std::string error;      // the exception poll() threw (kFailed)
  SimTime poll_deadline;  // when the poll(Duration) under way returns empty
  friend bool operator==(const ConsumerMemory&, const ConsumerMemory&) = default;
};

struct Consumer {
  NodeId id;
  std::string name;
  ConsumerConfig config;
  std::vector<kafka::TopicPartition> assignment;  // assign()
  std::vector<std::string> subscription;          // subscribe(): a group assigns partitions
  int64_t processing_us_per_record = 0;
  int64_t poll_timeout_ms = 1000;  // poll(Duration)
  ConsumerMemory memory;
  // The application's output, kept across crashes like its log: every record it processed and
  // every exception poll() threw.
  SharedChunks<ConsumedRecord, 256> consumed;  // shared chunks: cheap to checkpoint
  std::vector<std::string> errors;
  std::vector<CommitOutcome> commit_log;
  // Every assignment the group gave it: when, which generation, which partitions.
  struct Assignment {
    SimTime at;
    int32_t generation = -1;
    std::vector<kafka::TopicPartition> partitions;
    friend bool operator==(const Assignment&, const Assignment&) = default;
  };
  std::vector<Assignment> assignments;
  friend bool operator==(const Consumer&, const Consumer&) = default;
};

void on_start(Consumer& c, runtime::Context& ctx);
void on_message(Consumer& c, NodeId from, const proto::Payload& payload, runtime::Context& ctx);
void on_timer(Consumer& c, proto::TimerKind kind, int64_t arg, runtime::Context& ctx);
void on_crash(Consumer& c);
void on_action(Consumer& c, const proto::Action& action, runtime::Context& ctx);

// records-lag of a partition: HW - position, or nullopt before both are known.
std::optional<int64_t> partition_lag(const Consumer& c, const kafka::TopicPartition& tp);

namespace detail {
// The fetcher (consumer_fetch.cpp): sends fetches for partitions with a position and nothing
// buffered, and buffers what comes back.
void send_fetches(Consumer& c, runtime::Context& ctx);
void handle_fetch_response(Consumer& c, const proto::FetchResponse& resp, runtime::Context& ctx);
// A fetch that will get no answer: forget it, refresh metadata, go back to the leader.
bool fetch_failed(Consumer& c, int64_t correlation, runtime::Context& ctx);
// Positions (consumer_offsets.cpp): ListOffsets for partitions that need a reset.
void reset_positions(Consumer& c, runtime::Context& ctx);
void handle_list_offsets_response(Consumer& c, const proto::ListOffsetsResponse& resp,
                                  runtime::Context& ctx);
bool list_offsets_failed(Consumer& c, int64_t correlation, runtime::Context& ctx);
// Starts a reset of `tp` to its earliest or latest offset (auto.offset.reset, or a seek).
void request_reset(Consumer& c, const kafka::TopicPartition& tp, int64_t timestamp);
// auto.offset.reset for a partition without a valid position; none stops the application.
void reset_by_policy(Consumer& c, const kafka::TopicPartition& tp, const std::string& why,
                     runtime::Context& ctx);
// The application's poll() (consumer.cpp).
void poll(Consumer& c, runtime::Context& ctx);
// poll() threw `what`: the application stops (until a seek); `traced` marks the trace entry
// unless NONE.
void poll_threw(Consumer& c, const std::string& what, kafka::ErrorCode traced,
                runtime::Context& ctx);
// The group coordinator (consumer_group.cpp): finding it, committed offsets, commits.
bool uses_group(const Consumer& c);
void ensure_coordinator(Consumer& c, runtime::Context& ctx);
// OffsetFetch for the partitions that have no position yet and were not asked about.
void fetch_committed_offsets(Consumer& c, runtime::Context& ctx);
// commitSync / commitAsync of the current positions (`automatic`: auto-commit).
void commit(Consumer& c, bool sync, bool automatic, runtime::Context& ctx);
void maybe_auto_commit(Consumer& c, runtime::Context& ctx);
bool handle_group_response(Consumer& c, const proto::Payload& payload, runtime::Context& ctx);
// A coordinator request that will get no answer; false if `correlation` is not one.
bool group_request_failed(Consumer& c, int64_t correlation, runtime::Context& ctx);
// Membership (consumer_membership.cpp): joins or rejoins if needed, from inside poll().
bool uses_subscription(const Consumer& c);
void maybe_join(Consumer& c, runtime::Context& ctx);
bool handle_membership_response(Consumer& c, const proto::Payload& payload, runtime::Context& ctx);
bool membership_request_failed(Consumer& c, int64_t correlation, runtime::Context& ctx);
void heartbeat_tick(Consumer& c, runtime::Context& ctx);
// The partition counts changed since the assignment: the group must rebalance.
void check_metadata_for_rejoin(Consumer& c);
// close(): LeaveGroup for a dynamic member.
void leave_group(Consumer& c, const std::string& reason, runtime::Context& ctx);
// close() stops the process once its last commit and its LeaveGroup were answered (or timed
// out): a message still on its way when the process exits would be lost with it.
void finish_close_if_done(Consumer& c, runtime::Context& ctx);
}  // namespace detail

}  // namespace ksim::client
