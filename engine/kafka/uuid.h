// Kafka's Uuid (org.apache.kafka.common.Uuid): 128 bits shown as 22 characters of URL-safe
// base64 without padding, as kafka-topics --describe prints a TopicId. Topic ids here are drawn
// from the run's seed, so they are stable for a scenario and seed.
#pragma once

#include <cstdint>
#include <string>

namespace ksim::kafka {

struct Uuid {
  uint64_t most_significant = 0;
  uint64_t least_significant = 0;
  friend bool operator==(const Uuid&, const Uuid&) = default;
};

// Uuid.toString: base64url (no padding) of the 16 big-endian bytes.
std::string to_string(const Uuid& id);

// A random (version 4) Uuid from two 64-bit draws, re-drawn as Uuid.randomUuid does when its
// text would start with '-' or it is the zero id.
template <typename Draw>
Uuid random_uuid(Draw&& next_u64) {
  for (;;) {
    Uuid id{next_u64(), next_u64()};
    id.most_significant = (id.most_significant & ~0xF000ull) | 0x4000ull;          // version 4
    id.least_significant = (id.least_significant & ~(3ull << 62)) | (2ull << 62);  // IETF variant
    if (to_string(id)[0] != '-') return id;
  }
}

}  // namespace ksim::kafka
