#include "engine/cluster/replica_placer.h"

#include <algorithm>
#include <string_view>

#include "engine/sim/check.h"

namespace ksim::cluster {

namespace {

// Java strings are UTF-16; our rack names are UTF-8. Hashing and ordering racks as Kafka does
// needs Java's code units. Requires: valid UTF-8.
// Simplification: an invalid byte counts as one U+FFFD, where Java's decoder may group bytes
// (docs/cluster.md#replica-placement).
std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80           ? 1
                       : (b >> 5) == 0x6  ? 2
                       : (b >> 4) == 0xE  ? 3
                       : (b >> 3) == 0x1E ? 4
                                          : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(u'\uFFFD');
      ++i;
      continue;
    }
    uint32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      // A supplementary character is a surrogate pair in UTF-16.
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

// Optional<String>.hashCode(): String.hashCode of the name, 0 for an empty Optional.
uint32_t java_hash_code(const std::optional<std::string>& key) {
  uint32_t h = 0;
  if (key) {
    for (const char16_t c : to_utf16(*key)) h = 31 * h + c;  // wraps like Java's int
  }
  return h;
}

// Kafka's OptionalStringComparator: no rack first, then String.compareTo, which compares
// UTF-16 code units (not UTF-8 bytes: the two orders differ above U+FFFF).
bool rack_name_less(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && b;
  return to_utf16(*a) < to_utf16(*b);
}

std::optional<PlacementError> check_positive(int32_t replication_factor) {
  if (replication_factor > 0) return std::nullopt;
  return PlacementError{.message = "Invalid replication factor " +
                                   std::to_string(replication_factor) +
                                   ": the replication factor must be positive."};
}

std::optional<PlacementError> check_any_unfenced(int32_t num_unfenced) {
  if (num_unfenced != 0) return std::nullopt;
  return PlacementError{.message = "All brokers are currently fenced."};
}

std::optional<PlacementError> check_enough_brokers(int32_t replication_factor, int32_t num_total) {
  if (replication_factor <= num_total) return std::nullopt;
  return PlacementError{.message = "The target replication factor of " +
                                   std::to_string(replication_factor) +
                                   " cannot be reached because only " + std::to_string(num_total) +
                                   " broker(s) are registered."};
}

}  // namespace

std::vector<size_t> java_hash_map_order(const std::vector<std::optional<std::string>>& keys) {
  // A HashMap starts with 16 buckets and doubles whenever it holds more than 3/4 of its bucket
  // count. Since Java 8 a bucket keeps its entries in insertion order, through resizes too, so
  // iteration is by (bucket, insertion order). Simplification: when 9+ keys share a bucket, Java
  // grows the table early or makes the bucket a tree; not modelled
  // (docs/cluster.md#replica-placement).
  size_t capacity = 16;
  while (keys.size() > capacity / 4 * 3) capacity *= 2;
  std::vector<std::pair<size_t, size_t>> by_bucket;  // (bucket, insertion index)
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t h = java_hash_code(keys[i]);
    by_bucket.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);  // HashMap.hash spreads bits
  }
  std::sort(by_bucket.begin(), by_bucket.end());
  std::vector<size_t> order;
  for (const auto& [bucket, index] : by_bucket) order.push_back(index);
  return order;
}

BrokerList& BrokerList::add(int32_t broker) {
  brokers_.push_back(broker);
  return *this;
}

void BrokerList::initialize(JavaRandom& random) {
  if (brokers_.empty()) return;
  // Sorting first makes the result independent of registration order; the random offset then
  // keeps every topic from starting on the lowest broker id.
  std::sort(brokers_.begin(), brokers_.end());
  offset_ = random.next_int(size());
}

void BrokerList::shuffle(JavaRandom& random) { java_shuffle(brokers_, random); }

int32_t BrokerList::next(int32_t epoch) {
  if (brokers_.empty()) return kNoBroker;
  if (epoch_ != epoch) {
    // A new partition: restart the count and rotate the start by one, so that the broker
    // that came first last time now comes last.
    epoch_ = epoch;
    index_ = 0;
    offset_ = (offset_ + 1) % size();
  }
  if (index_ >= size()) return kNoBroker;
  const int32_t broker = brokers_[static_cast<size_t>((index_ + offset_) % size())];
  ++index_;
  return broker;
}

RackList::RackList(JavaRandom& random, const std::vector<UsableBroker>& brokers) : random_(random) {
  std::map<std::optional<std::string>, size_t> slot_of;
  for (const UsableBroker& broker : brokers) {
    auto [it, inserted] = slot_of.try_emplace(broker.rack, racks_.size());
    if (inserted) {
      racks_.emplace_back();
      keys_.push_back(broker.rack);
    }
    Rack& rack = racks_[it->second];
    if (broker.fenced) {
      rack.fenced.add(broker.id);
    } else {
      rack.unfenced.add(broker.id);
      ++num_unfenced_brokers_;
    }
    ++num_total_brokers_;
  }
  // Kafka initializes the racks while iterating its HashMap, fenced list before unfenced, so
  // the random draws must be made in that same order.
  hash_order_ = java_hash_map_order(keys_);
  for (const size_t r : hash_order_) {
    racks_[r].fenced.initialize(random_);
    racks_[r].unfenced.initialize(random_);
  }
  for (size_t r = 0; r < racks_.size(); ++r) rack_names_.push_back(r);
  // Invariant: a total order, since rack names are distinct map keys.
  std::sort(rack_names_.begin(), rack_names_.end(),
            [this](size_t a, size_t b) { return rack_name_less(keys_[a], keys_[b]); });
  if (!racks_.empty()) {
    offset_ = static_cast<size_t>(random_.next_int(static_cast<int32_t>(racks_.size())));
  }
}

std::vector<std::optional<std::string>> RackList::rack_names() const {
  std::vector<std::optional<std::string>> names;
  for (const size_t r : rack_names_) names.push_back(keys_[r]);
  return names;
}

std::variant<std::vector<int32_t>, PlacementError> RackList::place(int32_t replication_factor) {
  // Kafka checks in this order here (the placer's own entry point uses another order).
  if (auto e = check_positive(replication_factor)) return *e;
  if (auto e = check_enough_brokers(replication_factor, num_total_brokers_)) return *e;
  if (auto e = check_any_unfenced(num_unfenced_brokers_)) return *e;
  // After as many partitions as there are unfenced brokers, reshuffle the racks and brokers so
  // the next round does not repeat the previous round's replica sets. A single unfenced broker
  // never resets the epoch: it leads every partition anyway, and Kafka avoids looping forever.
  if (epoch_ == num_unfenced_brokers_ && num_unfenced_brokers_ > 1) {
    shuffle();
    epoch_ = 0;
  }
  if (offset_ == rack_names_.size()) offset_ = 0;
  std::vector<int32_t> replicas;
  size_t leader_rack = offset_;
  replicas.push_back(place_leader_from(leader_rack));
  // Followers: round-robin over the racks from the same start, skipping the leader's rack on
  // its first visit so that, rack counts permitting, every replica lands on a different rack.
  // A rack whose brokers are used up in this epoch is passed over.
  // (A flag and an index rather than std::optional: GCC 12 at -O3 misreports it as maybe
  // uninitialized.)
  bool skip_pending = true;
  const size_t skip_rack = leader_rack;
  size_t rack_index = offset_;
  for (int32_t replica = 1; replica < replication_factor; ++replica) {
    int32_t broker = kNoBroker;
    size_t misses = 0;
    do {
      if (skip_pending && rack_index == skip_rack) {
        skip_pending = false;
      } else {
        broker = racks_[rack_names_[rack_index]].next(epoch_);
      }
      rack_index = (rack_index + 1) % rack_names_.size();
      // Invariant: the racks hold at least replication_factor brokers, so a full lap plus the
      // skipped visit always finds one.
      KSIM_ASSERT(++misses <= rack_names_.size() + 1, "striped placement ran out of brokers");
    } while (broker == kNoBroker);
    replicas.push_back(broker);
  }
  ++epoch_;
  ++offset_;  // the next partition starts on the next rack: the "stripes"
  return replicas;
}

int32_t RackList::place_leader_from(size_t& rack_index) {
  // The leader must be unfenced: take the first rack, from the start rack on, that still has an
  // unfenced broker in this epoch. Racks with only fenced brokers are passed over.
  for (size_t tries = 0;; ++tries) {
    // Invariant: some rack has an unfenced broker, and a new epoch makes each one available.
    KSIM_ASSERT(tries < rack_names_.size(), "no unfenced broker for the leader");
    const int32_t broker = racks_[rack_names_[rack_index]].unfenced.next(epoch_);
    if (broker != kNoBroker) return broker;
    rack_index = (rack_index + 1) % rack_names_.size();
  }
}

void RackList::shuffle() {
  // Kafka shuffles the rack order, then each rack's lists in HashMap order, fenced first.
  java_shuffle(rack_names_, random_);
  for (const size_t r : hash_order_) {
    racks_[r].fenced.shuffle(random_);
    racks_[r].unfenced.shuffle(random_);
  }
}

std::variant<Assignment, PlacementError> place(const PlacementSpec& spec,
                                               std::vector<UsableBroker> brokers,
                                               JavaRandom& random) {
  KSIM_ASSERT(spec.num_partitions >= 0, "a topic cannot have a negative partition count");
  // As in Kafka, the rack list (and its random draws) comes before the checks, and the
  // checks come in this order: positive, any unfenced, enough brokers.
  RackList racks(random, brokers);
  if (auto e = check_positive(spec.num_replicas)) return *e;
  if (auto e = check_any_unfenced(racks.num_unfenced_brokers())) return *e;
  if (auto e = check_enough_brokers(spec.num_replicas, racks.num_total_brokers())) return *e;
  Assignment assignment;
  for (int32_t partition = 0; partition < spec.num_partitions; ++partition) {
    auto replicas = racks.place(spec.num_replicas);
    // Invariant: the checks above are the ones RackList::place repeats.
    KSIM_ASSERT(std::holds_alternative<std::vector<int32_t>>(replicas), "placement failed late");
    assignment.push_back(std::get<std::vector<int32_t>>(std::move(replicas)));
  }
  return assignment;
}

std::variant<Assignment, PlacementError> place(const PlacementSpec& spec,
                                               std::vector<UsableBroker> brokers,
                                               ksim::Prng& random) {
  JavaRandom java_random(static_cast<int64_t>(random.next_u64()));
  return place(spec, std::move(brokers), java_random);
}

}  // namespace ksim::cluster
