// The fields whose changes the trace records, with the names a learner sees. One enum for the
// whole engine keeps a state change at 24 bytes; Kafka's modules add their fields here
// (high_watermark, isr, ...) with Kafka's own words.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::trace {

enum class EntityKind : uint8_t {
  kNode = 0,  // a node as a whole: index unused
};

// What a state change is about: a node, or something a node holds (index says which).
struct EntityRef {
  EntityKind kind = EntityKind::kNode;
  int32_t node = 0;
  int32_t index = 0;
  friend auto operator<=>(const EntityRef&, const EntityRef&) = default;
};

enum class Field : uint16_t {
  kNodeUp = 0,         // 1 while the node runs, 0 while crashed
  kIncarnation,        // bumped by each crash
  kPingsSent,          // toy: pings sent since the node (re)started
  kPongsReceived,      // toy: pongs received since the node (re)started
  kPongsOnDisk,        // toy: pongs persisted on the node's disk (survive a crash)
};

inline std::string_view entity_kind_name(EntityKind k) {
  switch (k) {
    case EntityKind::kNode:
      return "node";
  }
  return "?";
}

inline std::string_view field_name(Field f) {
  switch (f) {
    case Field::kNodeUp:
      return "up";
    case Field::kIncarnation:
      return "incarnation";
    case Field::kPingsSent:
      return "pings_sent";
    case Field::kPongsReceived:
      return "pongs_received";
    case Field::kPongsOnDisk:
      return "pongs_on_disk";
  }
  return "?";
}

}  // namespace ksim::trace
