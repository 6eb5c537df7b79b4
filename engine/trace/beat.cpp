#include "engine/trace/beat.h"

#include "engine/proto/payload.h"

namespace ksim::trace {
namespace {

// Messages whose loss or arrival a lesson is about, even when no state field changes: the
// clients' data and acknowledgements, and group membership.
bool lesson_message(uint16_t what) {
  using proto::MessageKind;
  switch (static_cast<MessageKind>(what)) {
    case MessageKind::kProduceRequest:
    case MessageKind::kProduceResponse:
    case MessageKind::kOffsetCommitRequest:
    case MessageKind::kOffsetCommitResponse:
    case MessageKind::kJoinGroupRequest:
    case MessageKind::kSyncGroupRequest:
    case MessageKind::kLeaveGroupRequest:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_lesson_beat(const Trace& trace, Step step) {
  const TraceEntry& e = trace.entry(step);
  if (e.kind == EventKind::kAction) return true;
  if (e.kind == EventKind::kDrop) return lesson_message(e.what);
  for (const StateChange& c : trace.changes(step)) {
    if (c.field != Field::kMetadataOffset) return true;
  }
  if (!trace.records(step).empty()) return true;
  return e.kind == EventKind::kDeliver &&
         e.what == static_cast<uint16_t>(proto::MessageKind::kProduceResponse);
}

}  // namespace ksim::trace
