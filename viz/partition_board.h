// What the partition view draws, computed from the world alone (no ImGui): the list of
// partitions with their leader, epoch, ISR and offsets, and for the partition chosen, one row
// per replica: its log as cells (offset and key, coloured by the batch's leader epoch, dimmed
// above that replica's high watermark), the markers of its log start, high watermark and log end
// offset, segment boundaries, the cleaner's cleaned/dirty boundary, and under the leader's row
// each follower's fetch position as the leader knows it. A replica whose log was truncated by
// the last step shows the records it lost as ghost cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/kafka/types.h"
#include "engine/world/world.h"
#include "viz/geometry.h"
#include "viz/selection.h"

namespace ksim::viz {

// One line of the partition list.
struct PartitionSummary {
  kafka::TopicPartition tp;
  int32_t leader = -1;  // -1: offline
  int32_t leader_epoch = 0;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  int64_t high_watermark = -1;  // the leader's; -1 while offline
  int64_t log_end_offset = -1;
  bool internal = false;  // __consumer_offsets
  bool offline() const { return leader < 0; }
  bool under_replicated() const { return isr.size() < replicas.size(); }
};

// Every partition the cluster's freshest metadata knows, by topic then partition; internal
// topics only when asked.
std::vector<PartitionSummary> partition_summaries(const world::World& w, bool include_internal);

enum class CellKind {
  kRecord,   // a record in the log
  kRemoved,  // an offset compaction removed (below the cleaned boundary)
  kGhost,    // a record this replica lost in the last step's truncation
};

struct LogCell {
  int64_t offset = 0;
  CellKind kind = CellKind::kRecord;
  std::string key;  // shortened; "null" for no key
  bool tombstone = false;
  bool uncommitted = false;  // at or above this replica's high watermark
  int32_t leader_epoch = 0;  // of its batch
  bool selected = false;
  Rect box;
  Rgba fill;
};

// A vertical marker between cells: "HW", "LEO", "start", a segment boundary, "dirty".
enum class MarkerKind { kLogStart, kHighWatermark, kLogEnd, kSegment, kCleaned };
struct OffsetMarker {
  MarkerKind kind = MarkerKind::kSegment;
  int64_t offset = 0;
  float x = 0;
  std::string label;  // "" for a segment boundary; "HW=LEO" when markers coincide
};

// Followers' fetch positions as the leader knows them (their log end offsets): one caret per
// offset, labelled with the followers there ("f2,f3").
struct FollowerCaret {
  std::string label;
  int64_t offset = 0;
  float x = 0;
};

enum class ReplicaRole { kLeader, kFollower, kDown, kNotHosting };

struct ReplicaRow {
  int32_t broker_id = 0;
  NodeId node;
  ReplicaRole role = ReplicaRole::kFollower;
  bool in_isr = false;
  bool selected = false;
  int32_t leader_epoch = -1;  // this replica's belief
  int64_t log_start = 0;
  int64_t high_watermark = 0;
  int64_t log_end = 0;
  std::string title;   // "broker-2  leader"
  std::string detail;  // "epoch 3  in ISR  HW 12  LEO 14"
  std::string note;    // "truncated 14 -> 12 at this step", "deleted by retention: 0..39"
  Rect label_box;
  Rect log_box;  // where the cells go
  std::vector<LogCell> cells;
  std::vector<OffsetMarker> markers;
  std::vector<FollowerCaret> followers;  // the leader's row only
};

struct PartitionBoard {
  std::optional<kafka::TopicPartition> tp;  // nullopt: no partition to show
  int64_t first_offset = 0;                 // the window of offsets shown: [first, end)
  int64_t end_offset = 0;
  int64_t hidden_before = 0;  // offsets before the window (scroll back to see them)
  int64_t hidden_after = 0;
  std::vector<ReplicaRow> rows;
  std::vector<int32_t> epochs;  // leader epochs in the window, for the legend
};

struct BoardLayout {
  float label_w = 210;  // the replica's title column
  float cell_w = 46;
  float cell_h = 34;
  float row_gap = 34;  // room under a row for markers, carets and a note
};

// The board of `tp` on a canvas: the window of offsets ends at `window_end` (nullopt: the
// largest log end offset, so new records stay in view). `previous` is the world one step
// earlier (truncation), `selected` highlights a replica or a record.
PartitionBoard build_partition_board(const world::World& w, const world::World* previous,
                                     const kafka::TopicPartition& tp, Rect canvas,
                                     std::optional<int64_t> window_end, const Selection& selected,
                                     BoardLayout layout = {});

// The fill of a record by its batch's leader epoch (a palette of 6, cycled).
Rgba epoch_color(int32_t epoch);

}  // namespace ksim::viz
