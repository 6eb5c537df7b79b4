#include "viz/partition_board.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/cluster/group_coordinator.h"
#include "engine/world/inspect.h"

namespace ksim::viz {
namespace {

constexpr size_t kKeyChars = 5;

// The freshest committed metadata: the running broker that applied the most records (the
// active controller's image also holds uncommitted records, so it answers only when no broker
// runs). A learner's question "who leads?" is answered as the cluster now knows it.
const cluster::MetadataImage* freshest_image(const world::World& w) {
  const cluster::MetadataImage* best = nullptr;
  const cluster::MetadataImage* controller = nullptr;
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    if (!w.rt.status[i].up) continue;
    if (const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic)) {
      if (best == nullptr || b->memory.image.offset > best->offset) best = &b->memory.image;
    } else if (const auto* c = std::get_if<cluster::Controller>(&w.nodes[i].logic)) {
      if (controller == nullptr || c->memory.image.offset > controller->offset) {
        controller = &c->memory.image;
      }
    }
  }
  return best != nullptr ? best : controller;
}

const proto::PartitionRecord* metadata_of(const world::World& w, const kafka::TopicPartition& tp) {
  const cluster::MetadataImage* image = freshest_image(w);
  if (image == nullptr) return nullptr;
  const auto topic = image->topics.find(tp.topic);
  if (topic == image->topics.end()) return nullptr;
  const auto& parts = topic->second.partitions;
  if (tp.partition < 0 || static_cast<size_t>(tp.partition) >= parts.size()) return nullptr;
  return &parts[static_cast<size_t>(tp.partition)];
}

// The broker object on the node of broker `id`, running or not (its disk outlives a crash).
struct BrokerAt {
  const cluster::Broker* broker = nullptr;
  NodeId node;
  bool up = false;
};
BrokerAt broker_at(const world::World& w, int32_t id) {
  for (size_t i = 0; i < w.nodes.size(); ++i) {
    const auto* b = std::get_if<cluster::Broker>(&w.nodes[i].logic);
    if (b != nullptr && b->broker_id == id) {
      return {b, NodeId{static_cast<int32_t>(i)}, w.rt.status[i].up};
    }
  }
  return {};
}

std::string short_key(const std::optional<std::string>& key) {
  if (!key) return "null";
  if (key->size() <= kKeyChars) return *key;
  return key->substr(0, kKeyChars - 1) + "~";
}

// The records of `log` with offsets in [first, end), in offset order.
struct Entry {
  int64_t offset;
  const kafka::Record* record;
  int32_t epoch;
};
std::vector<Entry> records_between(const log::PartitionLog& log, int64_t first, int64_t end) {
  std::vector<Entry> out;
  for (size_t s = 0; s < log.segment_count(); ++s) {
    const log::Segment& seg = log.segment(s);
    if (log.segment_upper_bound(s) <= first) continue;
    if (seg.base_offset() >= end) break;
    for (size_t i = 0; i < seg.batches().size(); ++i) {
      const kafka::RecordBatch& batch = *seg.batches()[i];
      if (batch.next_offset() <= first) continue;
      if (batch.base_offset >= end) break;
      for (const kafka::BatchRecord& r : batch.records) {
        const int64_t offset = batch.base_offset + r.offset_delta;
        if (offset >= first && offset < end) {
          out.push_back({offset, &r.record, batch.partition_leader_epoch});
        }
      }
    }
  }
  return out;
}

const log::PartitionLog* disk_log(const cluster::Broker* b, const kafka::TopicPartition& tp) {
  return b == nullptr ? nullptr : b->disk.logs.find_log(tp);
}

float offset_x(const ReplicaRow& row, int64_t first, int64_t offset, const BoardLayout& l) {
  return row.log_box.x + static_cast<float>(offset - first) * l.cell_w;
}

void add_marker(ReplicaRow& row, MarkerKind kind, int64_t offset, int64_t first, int64_t end,
                std::string label, const BoardLayout& l) {
  if (offset < first || offset > end) return;
  row.markers.push_back({kind, offset, offset_x(row, first, offset, l), std::move(label)});
}

bool record_selected(const Selection& s, const kafka::TopicPartition& tp, int32_t broker,
                     int64_t offset) {
  const auto* r = std::get_if<RecordSelection>(&s);
  return r != nullptr && r->tp == tp && r->broker_id == broker && r->offset == offset;
}

void fill_cells(ReplicaRow& row, const log::PartitionLog& log, const kafka::TopicPartition& tp,
                int64_t first, int64_t end, const Selection& selected, const BoardLayout& l) {
  const std::vector<Entry> entries = records_between(log, first, end);
  size_t next = 0;
  const int64_t cleaned_to = log.cleaner_checkpoint().value_or(log.log_start_offset());
  for (int64_t offset = std::max(first, log.log_start_offset());
       offset < std::min(end, log.log_end_offset()); ++offset) {
    LogCell cell;
    cell.offset = offset;
    cell.box = {offset_x(row, first, offset, l) + 1, row.log_box.y, l.cell_w - 2, l.cell_h};
    cell.selected = record_selected(selected, tp, row.broker_id, offset);
    if (next < entries.size() && entries[next].offset == offset) {
      const Entry& e = entries[next++];
      cell.key = short_key(e.record->key);
      cell.tombstone = e.record->is_tombstone();
      cell.leader_epoch = e.epoch;
      cell.uncommitted = offset >= row.high_watermark;
      cell.fill = epoch_color(e.epoch);
    } else if (offset < cleaned_to) {
      cell.kind = CellKind::kRemoved;
      cell.fill = {40, 40, 46, 255};
    } else {
      continue;  // a gap the log does not explain: draw nothing rather than invent
    }
    row.cells.push_back(std::move(cell));
  }
}

// Records this replica held one step ago at offsets it no longer has: what a truncation lost.
void add_ghosts(ReplicaRow& row, const world::World& previous, const kafka::TopicPartition& tp,
                int64_t first, int64_t end, const BoardLayout& l) {
  const log::PartitionLog* before = disk_log(broker_at(previous, row.broker_id).broker, tp);
  if (before == nullptr || before->log_end_offset() <= row.log_end) return;
  row.note = fmt::format("truncated {} -> {} at this step", before->log_end_offset(), row.log_end);
  for (const Entry& e : records_between(*before, std::max(first, row.log_end), end)) {
    LogCell cell;
    cell.offset = e.offset;
    cell.kind = CellKind::kGhost;
    cell.key = short_key(e.record->key);
    cell.tombstone = e.record->is_tombstone();
    cell.leader_epoch = e.epoch;
    cell.box = {offset_x(row, first, e.offset, l) + 1, row.log_box.y, l.cell_w - 2, l.cell_h};
    cell.fill = {90, 30, 30, 255};
    row.cells.push_back(std::move(cell));
  }
}

// Markers at one offset share one label ("HW=LEO"), carets at one offset one caret ("f2,f3"),
// so no two labels are drawn on top of each other.
void merge_same_offset(ReplicaRow& row) {
  std::vector<OffsetMarker> merged;
  for (OffsetMarker& m : row.markers) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const OffsetMarker& o) {
      return o.offset == m.offset && !o.label.empty() && !m.label.empty();
    });
    if (same == merged.end()) {
      merged.push_back(std::move(m));
    } else {
      same->label = fmt::format("{}={}", same->label, m.label);
    }
  }
  row.markers = std::move(merged);
  std::vector<FollowerCaret> carets;
  for (FollowerCaret& c : row.followers) {
    auto same = std::find_if(carets.begin(), carets.end(),
                             [&](const FollowerCaret& o) { return o.offset == c.offset; });
    if (same == carets.end()) {
      carets.push_back(std::move(c));
    } else {
      same->label = fmt::format("{},{}", same->label, c.label);
    }
  }
  row.followers = std::move(carets);
}

ReplicaRow make_row(const world::World& w, const world::World* previous,
                    const kafka::TopicPartition& tp, int32_t broker_id,
                    const proto::PartitionRecord* meta, int64_t first, int64_t end,
                    const Selection& selected, Vec2 at, float width, const BoardLayout& l) {
  ReplicaRow row;
  row.broker_id = broker_id;
  const BrokerAt b = broker_at(w, broker_id);
  row.node = b.node;
  row.label_box = {at.x, at.y, l.label_w - 8, l.cell_h + l.row_gap - 4};
  row.log_box = {at.x + l.label_w, at.y, width - l.label_w, l.cell_h};
  const auto* sel = std::get_if<ReplicaSelection>(&selected);
  row.selected = sel != nullptr && sel->tp == tp && sel->broker_id == broker_id;
  row.in_isr = meta != nullptr &&
               std::find(meta->isr.begin(), meta->isr.end(), broker_id) != meta->isr.end();
  const cluster::HostedPartition* hosted =
      b.up && b.broker != nullptr ? world::hosted(*b.broker, tp) : nullptr;
  const log::PartitionLog* log = disk_log(b.broker, tp);
  if (!b.up) {
    row.role = ReplicaRole::kDown;
  } else if (hosted == nullptr) {
    row.role = ReplicaRole::kNotHosting;
  } else {
    row.role = hosted->leader == broker_id ? ReplicaRole::kLeader : ReplicaRole::kFollower;
    row.leader_epoch = hosted->leader_epoch;
  }
  static constexpr const char* kRoleNames[] = {"leader", "follower", "DOWN", "not hosting"};
  row.title = fmt::format("broker-{}  {}", broker_id, kRoleNames[static_cast<int>(row.role)]);
  if (log != nullptr) {
    row.log_start = log->log_start_offset();
    row.high_watermark = log->high_watermark();
    row.log_end = log->log_end_offset();
    row.detail = fmt::format("{}HW {}  LEO {}", row.in_isr ? "ISR  " : "out of ISR  ",
                             row.high_watermark, row.log_end);
    if (row.leader_epoch >= 0) row.detail = fmt::format("e{}  {}", row.leader_epoch, row.detail);
    fill_cells(row, *log, tp, first, end, selected, l);
    add_marker(row, MarkerKind::kLogStart, row.log_start, first, end,
               row.log_start > 0 ? "start" : "", l);
    for (size_t s = 1; s < log->segment_count(); ++s) {
      add_marker(row, MarkerKind::kSegment, log->segment(s).base_offset(), first, end, "", l);
    }
    if (const auto cleaned = log->cleaner_checkpoint()) {
      add_marker(row, MarkerKind::kCleaned, *cleaned, first, end, "dirty", l);
    }
    add_marker(row, MarkerKind::kHighWatermark, row.high_watermark, first, end, "HW", l);
    add_marker(row, MarkerKind::kLogEnd, row.log_end, first, end, "LEO", l);
    if (row.log_start > 0) row.note = fmt::format("offsets 0..{} deleted", row.log_start - 1);
    if (previous != nullptr) add_ghosts(row, *previous, tp, first, end, l);
  } else {
    row.detail = "no log on disk";
  }
  if (hosted != nullptr && row.role == ReplicaRole::kLeader) {
    for (const cluster::FollowerState& f : hosted->followers) {
      if (f.log_end_offset < first || f.log_end_offset > end) continue;
      row.followers.push_back({.label = fmt::format("f{}", f.broker_id),
                               .offset = f.log_end_offset,
                               .x = offset_x(row, first, f.log_end_offset, l)});
    }
  }
  merge_same_offset(row);
  return row;
}

}  // namespace

Rgba epoch_color(int32_t epoch) {
  static constexpr Rgba kPalette[] = {{52, 101, 164, 255}, {78, 154, 6, 255},  {196, 120, 0, 255},
                                      {117, 80, 123, 255}, {6, 152, 154, 255}, {164, 52, 90, 255}};
  return kPalette[static_cast<size_t>(std::max(epoch, 0)) % std::size(kPalette)];
}

std::vector<PartitionSummary> partition_summaries(const world::World& w, bool include_internal) {
  std::vector<PartitionSummary> out;
  const cluster::MetadataImage* image = freshest_image(w);
  if (image == nullptr) return out;
  for (const auto& [name, topic] : image->topics) {
    const bool internal = name == cluster::kOffsetsTopic;
    if (internal && !include_internal) continue;
    for (const proto::PartitionRecord& p : topic.partitions) {
      PartitionSummary s{.tp = {p.topic, p.partition},
                         .leader = p.leader,
                         .leader_epoch = p.leader_epoch,
                         .replicas = p.replicas,
                         .isr = p.isr,
                         .internal = internal};
      if (const log::PartitionLog* log = world::replica_log(w, s.tp)) {
        s.high_watermark = log->high_watermark();
        s.log_end_offset = log->log_end_offset();
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

PartitionBoard build_partition_board(const world::World& w, const world::World* previous,
                                     const kafka::TopicPartition& tp, Rect canvas,
                                     std::optional<int64_t> window_end, const Selection& selected,
                                     BoardLayout layout) {
  PartitionBoard board;
  const proto::PartitionRecord* meta = metadata_of(w, tp);
  if (meta == nullptr) return board;
  board.tp = tp;
  // The window of offsets: as many cells as fit, ending at the largest log end offset (or
  // where the learner scrolled), starting no earlier than 0.
  int64_t max_end = 0;
  for (int32_t id : meta->replicas) {
    const BrokerAt b = broker_at(w, id);
    if (const log::PartitionLog* log = disk_log(b.broker, tp)) {
      max_end = std::max(max_end, log->log_end_offset());
    }
    if (previous != nullptr) {
      if (const log::PartitionLog* log = disk_log(broker_at(*previous, id).broker, tp)) {
        max_end = std::max(max_end, log->log_end_offset());
      }
    }
  }
  const auto fit =
      static_cast<int64_t>(std::max(1.0f, (canvas.w - layout.label_w) / layout.cell_w));
  board.end_offset = std::clamp<int64_t>(window_end.value_or(max_end), fit, std::max(fit, max_end));
  board.first_offset = std::max<int64_t>(0, board.end_offset - fit);
  board.hidden_before = board.first_offset;
  board.hidden_after = std::max<int64_t>(0, max_end - board.end_offset);
  const float row_h = layout.cell_h + layout.row_gap;
  float y = canvas.y;
  for (int32_t id : meta->replicas) {
    board.rows.push_back(make_row(w, previous, tp, id, meta, board.first_offset, board.end_offset,
                                  selected, {canvas.x, y}, canvas.w, layout));
    y += row_h;
  }
  for (const ReplicaRow& r : board.rows) {
    for (const LogCell& c : r.cells) {
      if (c.kind == CellKind::kRecord && std::find(board.epochs.begin(), board.epochs.end(),
                                                   c.leader_epoch) == board.epochs.end()) {
        board.epochs.push_back(c.leader_epoch);
      }
    }
  }
  std::sort(board.epochs.begin(), board.epochs.end());
  return board;
}

}  // namespace ksim::viz
