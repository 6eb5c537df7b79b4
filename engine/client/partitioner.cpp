#include "engine/client/partitioner.h"

#include <algorithm>

#include "engine/client/murmur2.h"
#include "engine/sim/check.h"

namespace ksim::client {

namespace {

// Java int addition: wraps around instead of being undefined behaviour. Kafka's produced-bytes
// counter and its 2 * batch.size bound are plain ints, so this keeps even absurd batch sizes
// (above 2^30, where 2 * batch.size turns negative) behaving as the Java client does.
int32_t java_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// available[toPositive(draw) % size], or toPositive(draw) % partition_count when no partition
// has a leader: the uniform choice shared by the sticky and round-robin partitioners.
int32_t pick_uniform(int32_t draw, const TopicMetadata& topic) {
  const int32_t positive = to_positive(draw);
  if (!topic.available.empty()) {
    const auto size = static_cast<int32_t>(topic.available.size());
    return topic.available[static_cast<size_t>(positive % size)];
  }
  KSIM_ASSERT(topic.partition_count >= 1, "a topic has at least one partition");
  return positive % topic.partition_count;
}

}  // namespace

TopicMetadata TopicMetadata::all_available(int32_t partition_count) {
  TopicMetadata topic{.partition_count = partition_count, .available = {}};
  for (int32_t p = 0; p < partition_count; ++p) topic.available.push_back(p);
  return topic;
}

int32_t PrngRandomSource::next_int() {
  // The high bits of xoshiro256** are its best ones.
  return static_cast<int32_t>(static_cast<uint32_t>(prng_->next_u64() >> 32));
}

int32_t producer_partition(const RecordRouting& record, bool ignore_keys, int32_t partition_count) {
  if (record.partition) return *record.partition;
  if (record.key && !ignore_keys) return partition_for_key(*record.key, partition_count);
  return kUnknownPartition;
}

// ---- BuiltInPartitioner ----

std::optional<BuiltInPartitioner> BuiltInPartitioner::create(int32_t sticky_batch_size) {
  if (sticky_batch_size < 1) return std::nullopt;
  return BuiltInPartitioner(sticky_batch_size);
}

int32_t BuiltInPartitioner::sticky_batch_size_for(int32_t batch_size) {
  return std::max(1, batch_size);
}

int32_t BuiltInPartitioner::next_partition(const TopicMetadata& topic, RandomSource& random) const {
  // Kafka draws first, whatever the branch, so every switch costs exactly one draw.
  const int32_t draw = to_positive(random.next_int());
  if (cumulative_frequency_table_.empty()) return pick_uniform(draw, topic);

  // Weighted choice: the first running sum strictly greater than the draw. The table is strictly
  // increasing, so this is the index Kafka gets from Arrays.binarySearch plus its adjustment.
  const int32_t weighted = draw % cumulative_frequency_table_.back();
  const auto it = std::upper_bound(cumulative_frequency_table_.begin(),
                                   cumulative_frequency_table_.end(), weighted);
  KSIM_ASSERT(it != cumulative_frequency_table_.end(), "a weighted draw is below the weight sum");
  return load_stats_ids_[static_cast<size_t>(it - cumulative_frequency_table_.begin())];
}

int32_t BuiltInPartitioner::peek_current_partition(const TopicMetadata& topic,
                                                   RandomSource& random) {
  if (!sticky_) sticky_ = StickyPartitionInfo{.partition = next_partition(topic, random)};
  return sticky_->partition;
}

bool BuiltInPartitioner::update_partition_info(int32_t appended_bytes, const TopicMetadata& topic,
                                               RandomSource& random, bool enable_switch) {
  KSIM_ASSERT(sticky_.has_value(), "bytes are reported only for the current sticky partition");
  sticky_->produced_bytes = java_add(sticky_->produced_bytes, appended_bytes);
  const int32_t produced = sticky_->produced_bytes;
  // Switching as soon as batch.size bytes went out could cut a batch that linger.ms is still
  // filling, so the accumulator may hold the switch until the last batch is full; the 2x bound
  // keeps that hold from lasting forever.
  const bool enough = produced >= sticky_batch_size_ && enable_switch;
  const bool far_too_much = produced >= java_add(sticky_batch_size_, sticky_batch_size_);
  if (!enough && !far_too_much) return false;
  // The new partition may be the same as the old one: nothing excludes it (unlike KIP-480).
  sticky_ = StickyPartitionInfo{.partition = next_partition(topic, random)};
  return true;
}

void BuiltInPartitioner::update_partition_load_stats(const std::vector<int32_t>& queue_sizes,
                                                     const std::vector<int32_t>& partition_ids,
                                                     size_t length) {
  KSIM_ASSERT(queue_sizes.size() == partition_ids.size(), "one queue size per partition id");
  KSIM_ASSERT(length <= queue_sizes.size(), "the logical length fits the arrays");
  clear_partition_load_stats();
  // With a single partition there is nothing to balance; but if some partitions were excluded
  // for slowness the weighted path still runs, even for one remaining partition.
  if (length < 1 || queue_sizes.size() < 2) return;

  int32_t max_size = queue_sizes[0];
  bool all_equal = true;
  for (size_t i = 1; i < length; ++i) {
    if (queue_sizes[i] != queue_sizes[0]) all_equal = false;
    max_size = std::max(max_size, queue_sizes[i]);
  }
  if (all_equal && length == queue_sizes.size()) return;

  // Weight = max + 1 - size: the emptiest queue gets the most records, and even the fullest
  // keeps weight 1. Running sums turn one uniform draw into a weighted choice. Summed in 64 bits
  // so the always-on check below can catch an overflow that Java would silently wrap.
  int64_t sum = 0;
  for (size_t i = 0; i < length; ++i) {
    sum += int64_t{max_size} + 1 - queue_sizes[i];
    KSIM_ASSERT(sum <= INT32_MAX, "queue sizes are far below 2^31 batches");
    cumulative_frequency_table_.push_back(static_cast<int32_t>(sum));
    load_stats_ids_.push_back(partition_ids[i]);
  }
}

void BuiltInPartitioner::clear_partition_load_stats() {
  cumulative_frequency_table_.clear();
  load_stats_ids_.clear();
}

int32_t BuiltInPartitioner::load_stats_range_end() const {
  KSIM_ASSERT(has_partition_load_stats(), "load stats range asked without load stats");
  return cumulative_frequency_table_.back();
}

// ---- RoundRobinPartitioner ----

int32_t RoundRobinPartitioner::partition(const std::string& topic_name,
                                         const TopicMetadata& topic) {
  auto it = counters_.try_emplace(topic_name, 0).first;
  const int32_t value = it->second;
  // AtomicInteger.getAndIncrement wraps from MAX_VALUE to MIN_VALUE; toPositive then folds it.
  it->second = java_add(value, 1);
  return pick_uniform(value, topic);
}

int32_t RoundRobinPartitioner::counter(std::string_view topic_name) const {
  const auto it = counters_.find(topic_name);
  return it == counters_.end() ? 0 : it->second;
}

CustomPartitionerChoice round_robin_send(RoundRobinPartitioner& partitioner,
                                         const std::string& topic_name, const TopicMetadata& topic,
                                         std::optional<int32_t> explicit_partition,
                                         const std::function<bool(int32_t)>& has_open_batch) {
  // KafkaProducer.partition: a record's own partition wins over any partitioner.
  const auto choose = [&] {
    return explicit_partition ? *explicit_partition : partitioner.partition(topic_name, topic);
  };
  CustomPartitionerChoice choice;
  choice.first = choose();
  choice.partition = choice.first;
  if (!has_open_batch(choice.first)) {
    // abortForNewBatch: onNewBatch is a no-op here, and the second partition() call advances
    // the counter again. The retry appends with abortOnNewBatch=false, so it never aborts twice.
    choice.new_batch = true;
    choice.partition = choose();
  }
  return choice;
}

// ---- kafka-python ----

int32_t kafka_python_partition(std::optional<std::string_view> key,
                               const std::vector<int32_t>& all_partitions,
                               const std::vector<int32_t>& available, RandomSource& random) {
  KSIM_ASSERT(!all_partitions.empty(), "a topic has at least one partition");
  const auto n = static_cast<int32_t>(all_partitions.size());
  if (key) return all_partitions[static_cast<size_t>(partition_for_key(*key, n))];
  const std::vector<int32_t>& pool = available.empty() ? all_partitions : available;
  const int32_t draw = to_positive(random.next_int());
  return pool[static_cast<size_t>(draw % static_cast<int32_t>(pool.size()))];
}

}  // namespace ksim::client
