// Every message that travels between nodes, as one std::variant of plain structs (events are
// data). Later issues add Kafka's requests and responses here. MessageKind mirrors the variant
// index so the trace stores a 16-bit kind instead of the message.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "engine/proto/toy.h"

namespace ksim::proto {

using Payload = std::variant<Ping, Pong>;

enum class MessageKind : uint16_t { kPing = 0, kPong = 1 };

inline MessageKind kind_of(const Payload& p) { return static_cast<MessageKind>(p.index()); }

inline std::string_view message_kind_name(MessageKind k) {
  switch (k) {
    case MessageKind::kPing:
      return "Ping";
    case MessageKind::kPong:
      return "Pong";
  }
  return "?";
}

// The two integers a trace line shows for a message (e.g. the ping's sequence number) and the
// record it carries, if any.
struct MessageSummary {
  int64_t a = 0;
  int64_t b = 0;
  RecordId record{0};
  bool has_record = false;
};

inline MessageSummary summarize(const Payload& p) {
  return std::visit(
      [](const auto& m) {
        return MessageSummary{.a = m.seq, .b = 0, .record = m.record, .has_record = true};
      },
      p);
}

}  // namespace ksim::proto
