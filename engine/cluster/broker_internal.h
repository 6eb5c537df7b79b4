// The broker's parts, shared between its files: roles (broker_roles.cpp), produce
// (broker_produce.cpp), the leader's fetch handling, high watermark and ISR (broker_fetch.cpp,
// broker_isr.cpp), the follower's replica fetcher (replica_fetcher.cpp) and the Metadata API
// (broker_metadata_api.cpp). Not part of the engine's public interface.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/cluster/broker.h"

namespace ksim::cluster::detail {

// --- identity and tracing ---
trace::EntityRef replica_entity(const Broker& b, const kafka::TopicPartition& tp);
log::PartitionLog* log_of(Broker& b, const kafka::TopicPartition& tp);
HostedPartition* hosted(Broker& b, const kafka::TopicPartition& tp);
bool is_leader(const Broker& b, const HostedPartition& p);
// Sets the log's high watermark and records the change.
void set_high_watermark(Broker& b, log::PartitionLog& log, int64_t hw, runtime::Context& ctx);
// Records a LEO change after an append or truncation.
void record_leo(Broker& b, const kafka::TopicPartition& tp, int64_t from, int64_t to,
                runtime::Context& ctx);
// The effective min.insync.replicas of a partition: min(topic config, replication factor).
int32_t effective_min_isr(Broker& b, const HostedPartition& p);

// --- metadata and roles (broker_roles.cpp) ---
void apply_metadata(Broker& b, const proto::MetadataRecords& records, runtime::Context& ctx);

// --- leader side (broker_produce.cpp, broker_fetch.cpp, broker_isr.cpp) ---
void handle_produce(Broker& b, NodeId from, const proto::ProduceRequest& req,
                    runtime::Context& ctx);
// Completes acks=all produces whose records are now below the HW; fails all of them with
// `error` when `error` is set (leadership lost).
void complete_delayed_produces(Broker& b, HostedPartition& p, runtime::Context& ctx);
void fail_delayed_produces(Broker& b, HostedPartition& p, proto::ErrorCode error,
                           runtime::Context& ctx);
void expire_delayed_produce(Broker& b, uint64_t id, runtime::Context& ctx);
// Answers a parked produce (or finishes a group coordinator write) with `error`.
void reply_delayed(Broker& b, const kafka::TopicPartition& tp, const DelayedProduce& d,
                   proto::ErrorCode error, runtime::Context& ctx);

void handle_fetch(Broker& b, NodeId from, const proto::FetchRequest& req, runtime::Context& ctx);
// Re-reads parked fetches touching `tp` (new data arrived) and answers those that now have
// something.
void wake_delayed_fetches(Broker& b, const kafka::TopicPartition& tp, runtime::Context& ctx);
void expire_delayed_fetch(Broker& b, uint64_t id, runtime::Context& ctx);

// Partition.maybeIncrementLeaderHW: returns true when the HW moved.
bool maybe_increment_hw(Broker& b, HostedPartition& p, runtime::Context& ctx);
void maybe_expand_isr(Broker& b, HostedPartition& p, const FollowerState& f, runtime::Context& ctx);
// The isr-expiration task: proposes removing followers that stopped catching up.
void shrink_isrs(Broker& b, runtime::Context& ctx);
void handle_alter_partition_response(Broker& b, const proto::AlterPartitionResponse& resp,
                                     runtime::Context& ctx);

// --- follower side (replica_fetcher.cpp) ---
// Sends a Fetch to `leader_id` for every partition followed there, if none is in flight.
void maybe_send_fetch(Broker& b, int32_t leader_id, runtime::Context& ctx);
void handle_fetch_response(Broker& b, NodeId from, const proto::FetchResponse& resp,
                           runtime::Context& ctx);
void fetch_timed_out(Broker& b, int64_t arg, runtime::Context& ctx);
// The fetch `request_id` found its leader's process gone: retry after replica.fetch.backoff.ms.
void fetch_failed(Broker& b, int64_t request_id, runtime::Context& ctx);

// --- InitProducerId and ListOffsets (broker_client_api.cpp) ---
void handle_list_offsets(Broker& b, NodeId from, const proto::ListOffsetsRequest& req,
                         runtime::Context& ctx);
void handle_init_producer_id(Broker& b, NodeId from, const proto::InitProducerIdRequest& req,
                             runtime::Context& ctx);

// --- the group coordinator (group_offsets.cpp, group_membership.cpp) ---
// This broker leads the group's __consumer_offsets partition and has loaded it.
bool coordinates(const Broker& b, const std::string& group);
// The group's state here, created (with its key and traced name) on first use.
GroupState& group_named(Broker& b, const std::string& id, runtime::Context& ctx);
// Writes coordinator records of `group` without answering anyone (group metadata after a
// SyncGroup, the tools' commits); `pending` says what to apply once they are replicated.
void write_group_records_for(Broker& b, const std::string& group,
                             std::vector<kafka::Record> records, PendingCommit pending,
                             runtime::Context& ctx);
// kafka-consumer-groups --reset-offsets (group_reset.cpp).
void handle_reset_offsets(Broker& b, const proto::ResetOffsets& q, runtime::Context& ctx);
void handle_reset_list_offsets(Broker& b, const proto::ListOffsetsResponse& resp,
                               runtime::Context& ctx);
// The group's coordinator as this broker's metadata says (the alive leader of the group's
// __consumer_offsets partition), or nullptr.
const proto::BrokerRecord* coordinator_of(const Broker& b, const std::string& group);
void handle_join_group(Broker& b, NodeId from, const proto::JoinGroupRequest& req,
                       runtime::Context& ctx);
void handle_sync_group(Broker& b, NodeId from, const proto::SyncGroupRequest& req,
                       runtime::Context& ctx);
void handle_heartbeat(Broker& b, NodeId from, const proto::HeartbeatRequest& req,
                      runtime::Context& ctx);
void handle_leave_group(Broker& b, NodeId from, const proto::LeaveGroupRequest& req,
                        runtime::Context& ctx);
// The leader's assignment was written (or not): answer the parked SyncGroups, go Stable.
void finish_sync(Broker& b, const std::string& group_id, int32_t generation, proto::ErrorCode error,
                 runtime::Context& ctx);
void on_group_timer(Broker& b, proto::TimerKind kind, uint64_t key, runtime::Context& ctx);
// ClassicGroup.validateOffsetCommit.
proto::ErrorCode validate_offset_commit(Broker& b, const proto::OffsetCommitRequest& req);
bool group_is_empty(const Broker& b, const std::string& group);
void handle_find_coordinator(Broker& b, NodeId from, const proto::FindCoordinatorRequest& req,
                             runtime::Context& ctx);
void handle_offset_commit(Broker& b, NodeId from, const proto::OffsetCommitRequest& req,
                          runtime::Context& ctx);
void handle_offset_fetch(Broker& b, NodeId from, const proto::OffsetFetchRequest& req,
                         runtime::Context& ctx);
// A coordinator write was replicated (or failed): apply it and answer the committer.
void finish_group_write(Broker& b, const DelayedProduce& d, proto::ErrorCode error,
                        runtime::Context& ctx);
// Leadership of a __consumer_offsets partition changed: load its groups, or drop them.
void load_group_partition(Broker& b, int32_t partition, runtime::Context& ctx);
void unload_group_partition(Broker& b, int32_t partition);
// The offsets.retention.minutes task: deletes expired offsets of groups without members.
void expire_group_offsets(Broker& b, runtime::Context& ctx);

// --- Metadata API (broker_metadata_api.cpp) ---
void handle_metadata_request(Broker& b, NodeId from, const proto::MetadataRequest& req,
                             runtime::Context& ctx);

}  // namespace ksim::cluster::detail
