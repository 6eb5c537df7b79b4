// What the text block beside a node says, by kind of node: one small pure function per kind,
// over the node's logic alone. The first line (health, cut-off, restarts) is composed by
// cluster_layout, which knows the runtime status; these functions give the rest, plus the
// word a kind uses for "up" (a broker says where it is in its lifecycle).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cluster/broker.h"
#include "engine/cluster/controller.h"
#include "engine/cluster/scripted_client.h"
#include "engine/log/partition_log.h"
#include "engine/toy/toy_node.h"
#include "engine/world/world.h"

namespace ksim::viz {

enum class NodeKind { kToy, kBroker, kController, kClient };

NodeKind node_kind(const world::NodeLogic& logic);

// How many partitions a broker lists one per line at most; the layout asks for fewer when the
// blocks of a large cluster would collide. Beyond it: one "+N more" line.
inline constexpr int kMaxPartitionLines = 3;

// "starting", "fenced", "running", "shutting down", "stopped".
std::string broker_state_name(cluster::BrokerState s);

// "orders-0 L e1 hw 3 leo 3 isr 3": the partition, L(eader) or F(ollower) as this broker
// believes, the leader epoch, its log's high watermark and end offset, and the ISR's size.
std::string partition_line(const cluster::HostedPartition& p, const log::PartitionLog* log,
                           int32_t broker_id);

// "pings sent 3, pongs 2", "disk: 2 pongs".
std::vector<std::string> toy_lines(const toy::ToyNode& n);
// "leads 2, follows 1", up to max_partition_lines partition lines, "+N more"; a broker that
// hosts nothing in memory (just restarted, or down) shows what its disk keeps.
std::vector<std::string> broker_lines(const cluster::Broker& b, int max_partition_lines);
// "metadata log 12", "brokers unfenced 2/3", "topics 1".
std::vector<std::string> controller_lines(const cluster::Controller& c);
// "produced 5 (acked 3, failed 2)", "consumed 4": records, not requests.
std::vector<std::string> client_lines(const cluster::ScriptedClient& c);

// "sent 10 (acked 8, failed 1)", "pending 1".
std::vector<std::string> producer_lines(const client::Producer& p);
// "consumed 7", "demo_1-0 at 4 lag 2" per partition, or the exception that stopped it.
std::vector<std::string> consumer_lines(const client::Consumer& c, int max_partition_lines);

// The lines after the status line for any node.
std::vector<std::string> detail_lines(const world::NodeLogic& logic, int max_partition_lines);

}  // namespace ksim::viz
