// What the controller does to the metadata: fencing and unfencing brokers, controlled
// shutdown, AlterPartition, elections, and topic creation, deletion and growth. Each function
// commits records through commit(); the caller pushes them to brokers at the end of the step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/cluster/controller.h"
#include "engine/cluster/partition_change.h"

namespace ksim::cluster {

Liveness liveness_of(const Controller& c);
// The election a topic allows: unclean only when its unclean.leader.election.enable (or the
// broker default) is true.
Election election_for(const Controller& c, const std::string& topic);
// Partitions this broker leads.
int32_t leaderships_of(const Controller& c, int32_t broker_id);

// ReplicationControlManager.handleBrokerFenced: fence, remove from every ISR (never emptying
// one), elect new leaders where it led.
void fence_broker(Controller& c, int32_t broker_id, runtime::Context& ctx);
// handleBrokerUnfenced: unfence, and lead offline partitions whose ISR holds it.
void unfence_broker(Controller& c, int32_t broker_id, runtime::Context& ctx);
// handleBrokerInControlledShutdown: move its leaderships away and take it out of ISRs.
void begin_controlled_shutdown(Controller& c, int32_t broker_id, runtime::Context& ctx);

proto::AlterPartitionResponse alter_partition(Controller& c,
                                              const proto::AlterPartitionRequest& req,
                                              runtime::Context& ctx);

// Preferred-leader election over every partition (auto.leader.rebalance.enable's periodic task
// and kafka-leader-election --election-type preferred).
void elect_preferred_leaders(Controller& c, runtime::Context& ctx);
// Elects leaders for offline partitions, uncleanly where the topic allows it.
void elect_offline_leaders(Controller& c, runtime::Context& ctx);

// Why the controller would refuse to create this topic now (Kafka's error and message), or
// nullopt when it would create it. Changes nothing: kafkasim shell asks it for the tool's error.
std::optional<proto::CreateTopicsResponse> refuse_create_topic(
    const Controller& c, const proto::CreateTopicsRequest& req);
proto::CreateTopicsResponse create_topic(Controller& c, const proto::CreateTopicsRequest& req,
                                         runtime::Context& ctx);
void delete_topic(Controller& c, const std::string& name, runtime::Context& ctx);
void add_partitions(Controller& c, const std::string& name, int32_t total, runtime::Context& ctx);
// Commits the topic's new config overrides (a TopicRecord upsert: Kafka's ConfigRecords);
// UNKNOWN_TOPIC_OR_PARTITION or INVALID_CONFIG when it cannot.
proto::ErrorCode alter_topic_config(Controller& c, const proto::AlterTopicConfig& alter,
                                    runtime::Context& ctx);

}  // namespace ksim::cluster
