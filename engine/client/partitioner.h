// How a producer chooses the partition of each record, following the Java client of Kafka 3.9
// (docs/partitioning.md tells the story):
//   - producer_partition: KafkaProducer.partition without partitioner.class: an explicit
//     partition wins, then a non-null key is hashed (murmur2.h), else the record is left to the
//     per-topic sticky partitioner (kUnknownPartition).
//   - BuiltInPartitioner: the sticky partitioner of KIP-794 (producer.internals.
//     BuiltInPartitioner): stick to one partition until batch.size bytes went there, then draw
//     the next one, uniformly or weighted by queue sizes (adaptive partitioning).
//   - RoundRobinPartitioner: partitioner.class=RoundRobinPartitioner, with the double call that
//     KafkaProducer makes when a record needs a new batch (KAFKA-9965: partitions get skipped).
//   - kafka_python_partition: kafka-python's DefaultPartitioner (random partition for a null key).
// Everything is a value: the topic metadata and the random source are passed to each call, so a
// partitioner can be copied, compared and checkpointed with the world that owns it.
// Left out: custom partitioner classes other than round-robin, and the races that Kafka's
// peek/isPartitionChanged dance protects against (the simulator has one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sim/prng.h"

namespace ksim::client {

// RecordMetadata.UNKNOWN_PARTITION: "let the accumulator's sticky partitioner decide".
inline constexpr int32_t kUnknownPartition = -1;

// What the producer's metadata (Kafka's Cluster) says about one topic.
struct TopicMetadata {
  // cluster.partitionsForTopic(topic).size(): every partition, with a leader or not.
  int32_t partition_count = 0;
  // cluster.availablePartitionsForTopic(topic): the partitions that have a leader, in metadata
  // order (Kafka indexes this list, so its order decides which partition a draw lands on).
  std::vector<int32_t> available;

  // A topic whose partitions 0..n-1 all have a leader.
  static TopicMetadata all_available(int32_t partition_count);
};

// The random numbers a partitioner draws: one Java int per draw, standing for
// ThreadLocalRandom.current().nextInt(). An interface so that tests can script the draws (as
// Kafka's tests override randomPartition()) and the simulator can feed its seeded Prng.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual int32_t next_int() = 0;
};

// Feeds draws from one of the world's named Prng streams (the high 32 bits of each output).
class PrngRandomSource final : public RandomSource {
 public:
  explicit PrngRandomSource(Prng& prng) : prng_(&prng) {}
  int32_t next_int() override;

 private:
  Prng* prng_;
};

// Which parts of a ProducerRecord decide its partition.
struct RecordRouting {
  std::optional<int32_t> partition;     // ProducerRecord.partition(), if the caller named one
  std::optional<std::string_view> key;  // the serialized key; nullopt is a null key, "" is not
};

// KafkaProducer.partition when partitioner.class is not set. Returns the explicit partition,
// else partition_for_key when there is a key and partitioner.ignore.keys is false, else
// kUnknownPartition. An explicit partition is returned unchecked: Kafka rejects one beyond the
// partition count later, while waiting for metadata. Requires: partition_count >= 1.
int32_t producer_partition(const RecordRouting& record, bool ignore_keys, int32_t partition_count);

// The sticky partitioner of one topic (KIP-794, Kafka 3.3+). The accumulator asks it for the
// current partition of each key-less record, reports the bytes appended there, and refreshes the
// load statistics when it checks which batches are ready.
class BuiltInPartitioner {
 public:
  // BuiltInPartitioner.StickyPartitionInfo: the partition records stick to and the bytes
  // produced to it since it was chosen.
  struct StickyPartitionInfo {
    int32_t partition = 0;
    int32_t produced_bytes = 0;
    friend bool operator==(const StickyPartitionInfo&, const StickyPartitionInfo&) = default;
  };

  // The partitioner for a topic, or nullopt when sticky_batch_size < 1 (Kafka's constructor
  // throws IllegalArgumentException there).
  static std::optional<BuiltInPartitioner> create(int32_t sticky_batch_size);

  // The sticky batch size KafkaProducer derives from batch.size: batch.size=0 means "no
  // batching", which in practice is a batch of one byte.
  static int32_t sticky_batch_size_for(int32_t batch_size);

  // peekCurrentPartitionInfo: the current sticky partition, drawing one first if there is none.
  int32_t peek_current_partition(const TopicMetadata& topic, RandomSource& random);

  // updatePartitionInfo: adds appended_bytes to the current partition and draws the next one
  // once batch.size bytes went there (only if enable_switch, which the accumulator clears while
  // the partition's last batch is not full) or 2 * batch.size bytes (always). Returns whether it
  // switched. Requires: a current partition (peek_current_partition was called).
  bool update_partition_info(int32_t appended_bytes, const TopicMetadata& topic,
                             RandomSource& random, bool enable_switch = true);

  // updatePartitionLoadStats: queue_sizes[i] batches are queued for partition_ids[i]; only the
  // first `length` entries count (the accumulator shortens the list to exclude partitions whose
  // leader is too slow, partitioner.availability.timeout.ms), while queue_sizes.size() is the
  // number of partitions it looked at. Keeps no statistics (uniform choice) when fewer than 2
  // partitions were looked at, none is left, or all queues are equal and none was excluded.
  // Requires: queue_sizes.size() == partition_ids.size() >= length.
  void update_partition_load_stats(const std::vector<int32_t>& queue_sizes,
                                   const std::vector<int32_t>& partition_ids, size_t length);
  // updatePartitionLoadStats(null, ...): adaptive partitioning is off or has no data yet.
  void clear_partition_load_stats();

  bool has_partition_load_stats() const { return !cumulative_frequency_table_.empty(); }
  // loadStatsRangeEnd: the sum of all weights, the range of the weighted draw.
  // Requires: has_partition_load_stats().
  int32_t load_stats_range_end() const;
  // The running sums of the weights (maxQueue + 1 - queueSize) and their partitions.
  const std::vector<int32_t>& cumulative_frequency_table() const {
    return cumulative_frequency_table_;
  }
  const std::vector<int32_t>& load_stats_partition_ids() const { return load_stats_ids_; }

  const std::optional<StickyPartitionInfo>& sticky_partition_info() const { return sticky_; }
  int32_t sticky_batch_size() const { return sticky_batch_size_; }

  friend bool operator==(const BuiltInPartitioner&, const BuiltInPartitioner&) = default;

 private:
  explicit BuiltInPartitioner(int32_t sticky_batch_size) : sticky_batch_size_(sticky_batch_size) {}

  // nextPartition: one draw, then uniform over the available partitions (or all of them when
  // none has a leader), or weighted by the load statistics when there are any.
  int32_t next_partition(const TopicMetadata& topic, RandomSource& random) const;

  int32_t sticky_batch_size_;
  std::optional<StickyPartitionInfo> sticky_;
  // Invariant: strictly increasing (every weight is at least 1), same size as load_stats_ids_;
  // empty when there are no statistics.
  std::vector<int32_t> cumulative_frequency_table_;
  std::vector<int32_t> load_stats_ids_;
};

// org.apache.kafka.clients.producer.RoundRobinPartitioner as shipped in 3.9: one counter per
// topic starting at 0; each call takes available[toPositive(counter++) % available.size()], or
// toPositive(counter++) % partition_count when no partition has a leader. Keys are ignored.
class RoundRobinPartitioner {
 public:
  // Partitioner.partition. Requires: topic.partition_count >= 1.
  int32_t partition(const std::string& topic_name, const TopicMetadata& topic);

  // The next counter value of a topic (0 for a topic never seen).
  int32_t counter(std::string_view topic_name) const;

  friend bool operator==(const RoundRobinPartitioner&, const RoundRobinPartitioner&) = default;

 private:
  std::map<std::string, int32_t, std::less<>> counters_;
};

// The partition choice of one KafkaProducer.send with partitioner.class set (doSend).
struct CustomPartitionerChoice {
  int32_t first = 0;       // what partition() returned first
  int32_t partition = 0;   // where the record was appended
  bool new_batch = false;  // the first choice had no open batch: onNewBatch, partition() again
};

// KafkaProducer.doSend with RoundRobinPartitioner: the record is first offered to partition()'s
// choice with abortOnNewBatch=true; if that partition has no batch with room
// (has_open_batch(p) is false), the accumulator aborts, the producer calls onNewBatch (3.9's
// RoundRobinPartitioner keeps the interface's empty default) and partition() again, and appends
// there, creating a batch if needed. So the counter moves twice for every new batch: with 2
// partitions and one batch per record, every record lands on partition 1 (KAFKA-9965).
// An explicit partition bypasses the partitioner both times, as in Kafka.
CustomPartitionerChoice round_robin_send(RoundRobinPartitioner& partitioner,
                                         const std::string& topic_name, const TopicMetadata& topic,
                                         std::optional<int32_t> explicit_partition,
                                         const std::function<bool(int32_t)>& has_open_batch);

// kafka-python's DefaultPartitioner: a key is hashed like Java's (all_partitions[hash % n]); a
// null key takes a random available partition, or a random one of all when none is available.
// Simplification: Python's random.choice is replaced by one draw toPositive(next_int()) % size
// from the injected source (docs/partitioning.md#kafka-python).
// Requires: all_partitions is not empty.
int32_t kafka_python_partition(std::optional<std::string_view> key,
                               const std::vector<int32_t>& all_partitions,
                               const std::vector<int32_t>& available, RandomSource& random);

}  // namespace ksim::client
