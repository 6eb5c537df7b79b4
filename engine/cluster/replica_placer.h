// Where the replicas of a new topic's partitions go: KRaft's StripedReplicaPlacer, the
// controller's only placer (org.apache.kafka.metadata.placement, Kafka 3.9).
//
// Goals, most important first: spread each partition's replicas across racks, spread
// partitions across brokers (a "striped" pattern), prefer unfenced brokers. Constraints: no
// two replicas of a partition on one broker, and the first replica (the preferred leader) is
// always unfenced. docs/cluster.md#replica-placement walks through an example.
//
// Randomness comes from a JavaRandom so that, seed for seed, we place exactly as Kafka does;
// Kafka's own unit tests (StripedReplicaPlacerTest) are ported in
// tests/cluster/replica_placer_test.cpp with their expected outputs.
// Left out: the log directory of each replica (PartitionAssignment.directories), which the
// simulator does not model, and PlacementSpec.startPartition, which Kafka's placer ignores too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/cluster/java_random.h"
#include "engine/kafka/errors.h"
#include "engine/sim/prng.h"

namespace ksim::cluster {

// A broker that may receive replicas (Kafka's UsableBroker). No rack is its own rack, one that
// sorts before every named rack.
struct UsableBroker {
  int32_t id = 0;
  std::optional<std::string> rack;
  bool fenced = false;
};

// What to place (Kafka's PlacementSpec). start_partition is carried for the caller's benefit;
// placement does not depend on it.
struct PlacementSpec {
  int32_t start_partition = 0;
  int32_t num_partitions = 0;
  int16_t num_replicas = 0;
};

// Why placement failed. Kafka throws InvalidReplicationFactorException, which reaches the
// client as INVALID_REPLICATION_FACTOR with this exact message.
struct PlacementError {
  std::string message;
  kafka::ErrorCode error = kafka::ErrorCode::INVALID_REPLICATION_FACTOR;
};

// One replica list per partition; the first replica of each is the preferred leader.
using Assignment = std::vector<std::vector<int32_t>>;

// Places spec.num_partitions partitions of spec.num_replicas replicas on `brokers`, drawing
// from `random` exactly as Kafka's StripedReplicaPlacer draws from its java.util.Random.
// Passing the same JavaRandom to successive calls matches a controller that keeps one placer.
// Requires: spec.num_partitions >= 0; broker ids distinct and non-negative.
std::variant<Assignment, PlacementError> place(const PlacementSpec& spec,
                                               std::vector<UsableBroker> brokers,
                                               JavaRandom& random);

// The simulator's entry point: seeds a fresh JavaRandom with one draw from `random` (the
// "placement" stream), then places as above.
std::variant<Assignment, PlacementError> place(const PlacementSpec& spec,
                                               std::vector<UsableBroker> brokers,
                                               ksim::Prng& random);

// The building blocks below are Kafka's nested classes StripedReplicaPlacer.BrokerList and
// .RackList. They are public so that Kafka's unit tests, which test them directly, port as is.

// Returned by BrokerList::next and RackList's lookups when no broker is left (Kafka's -1).
inline constexpr int32_t kNoBroker = -1;

// The brokers of one rack with one fencing state, handed out round-robin. Each placement is an
// "epoch": within an epoch every broker is returned at most once, and each new epoch starts one
// position further on, so consecutive partitions do not get the same brokers in the same order.
class BrokerList {
 public:
  BrokerList& add(int32_t broker);

  // Sorts the brokers and draws a random start offset (one nextInt even for a single broker,
  // as Kafka does). Does nothing for an empty list.
  void initialize(JavaRandom& random);

  // Collections.shuffle of the brokers; the offset is kept.
  void shuffle(JavaRandom& random);

  int32_t size() const { return static_cast<int32_t>(brokers_.size()); }

  // The next broker of `epoch`, or kNoBroker once all were returned in this epoch.
  int32_t next(int32_t epoch);

 private:
  std::vector<int32_t> brokers_;
  int32_t index_ = 0;   // brokers returned in the current epoch
  int32_t offset_ = 0;  // where the current epoch started, modulo size
  int32_t epoch_ = 0;   // the epoch index_ and offset_ belong to
};

// All racks, visited round-robin from a start rack that moves by one per partition.
class RackList {
 public:
  // Groups `brokers` by rack and draws every random start offset, in Kafka's order.
  // Requires: `random` outlives this object.
  RackList(JavaRandom& random, const std::vector<UsableBroker>& brokers);

  int32_t num_total_brokers() const { return num_total_brokers_; }
  int32_t num_unfenced_brokers() const { return num_unfenced_brokers_; }

  // The rack names in visiting order: sorted (no rack first) until the first reshuffle.
  std::vector<std::optional<std::string>> rack_names() const;

  // The replicas of the next partition, leader first. An error leaves the list unchanged.
  std::variant<std::vector<int32_t>, PlacementError> place(int32_t replication_factor);

 private:
  // One rack's brokers, kept in two lists so unfenced brokers are always used up first.
  struct Rack {
    BrokerList fenced;
    BrokerList unfenced;
    int32_t next(int32_t epoch) {
      const int32_t broker = unfenced.next(epoch);
      return broker != kNoBroker ? broker : fenced.next(epoch);
    }
  };

  // The leader of the current partition; moves rack_index to the rack it came from.
  int32_t place_leader_from(size_t& rack_index);
  void shuffle();

  JavaRandom& random_;
  std::vector<Rack> racks_;                       // in order of first appearance
  std::vector<std::optional<std::string>> keys_;  // rack name of racks_[i]
  std::vector<size_t> rack_names_;                // visiting order, as indexes into racks_
  std::vector<size_t> hash_order_;                // Kafka's HashMap iteration order of racks_
  int32_t num_total_brokers_ = 0;
  int32_t num_unfenced_brokers_ = 0;
  int32_t epoch_ = 0;
  size_t offset_ = 0;  // index into rack_names_ of the rack tried first
};

// Java's HashMap<Optional<String>, V> iteration order for keys inserted in this order, as
// indexes into `keys`. Kafka draws each rack's random offsets in this order, so matching it is
// part of matching Kafka's placements. Exposed for its known-answer test.
std::vector<size_t> java_hash_map_order(const std::vector<std::optional<std::string>>& keys);

}  // namespace ksim::cluster
