// The partition view's model on real lessons: replicas side by side, committed and uncommitted
// records, a truncation's lost records, retention and compaction, clicks' selection.
#include "viz/partition_board.h"

#include <catch2/catch.hpp>

#include "tests/viz/lesson_app.h"

using namespace ksim;
using namespace ksim::viz;
using namespace ksim::viz::testing;

namespace {

const Rect kCanvas{0, 0, 830, 420};

// The first step that truncates a replica's log (a kTruncatedTo change), or -1.
int64_t first_truncation(const AppState& app) {
  const trace::Trace& t = app.timeline.trace();
  for (size_t i = 0; i < t.size(); ++i) {
    for (const trace::StateChange& c : t.changes(Step{static_cast<int64_t>(i)})) {
      if (c.field == trace::Field::kTruncatedTo) return static_cast<int64_t>(i);
    }
  }
  return -1;
}

PartitionBoard board_at(AppState& app, int64_t position, const kafka::TopicPartition& tp,
                        const Selection& selected = {}) {
  seek(app, position);
  return build_partition_board(app.timeline.current(), app.previous ? &*app.previous : nullptr, tp,
                               kCanvas, std::nullopt, selected);
}

}  // namespace

TEST_CASE("The partition list is the cluster's metadata", "[viz][partitions]") {
  AppState app = lesson_app("replication_failover");
  seek(app, app.timeline.recorded());
  const std::vector<PartitionSummary> list = partition_summaries(app.timeline.current(), false);
  REQUIRE(list.size() == 1);
  CHECK(list[0].tp == kafka::TopicPartition{"orders", 0});
  CHECK(list[0].replicas == std::vector<int32_t>{2, 3, 1});
  CHECK(list[0].leader == 1);
  CHECK(list[0].high_watermark == 6);
  CHECK_FALSE(list[0].offline());

  // consumer_groups commits offsets: __consumer_offsets appears only when asked for.
  AppState groups = lesson_app("consumer_groups");
  seek(groups, groups.timeline.recorded());
  const auto without = partition_summaries(groups.timeline.current(), false);
  const auto with = partition_summaries(groups.timeline.current(), true);
  CHECK(without.size() == 2);
  CHECK(with.size() > without.size());
  CHECK(with.front().internal);  // "__consumer_offsets" sorts first
}

TEST_CASE("A truncation shows the records the replica lost", "[viz][partitions]") {
  // unclean_election: broker-2 comes back as a follower of the unclean leader and truncates
  // 7 -> 3; the four acknowledged records at offsets 3..6 are drawn as ghosts.
  AppState app = lesson_app("unclean_election");
  const int64_t step = first_truncation(app);
  REQUIRE(step > 0);
  const kafka::TopicPartition tp{"events", 0};
  const PartitionBoard board = board_at(app, step + 1, tp);
  REQUIRE(board.rows.size() == 3);
  const ReplicaRow& b2 = board.rows[0];
  CHECK(b2.broker_id == 2);
  CHECK(b2.log_end == 3);
  CHECK(b2.note == "truncated 7 -> 3 at this step");
  int ghosts = 0;
  for (const LogCell& c : b2.cells) {
    if (c.kind == CellKind::kGhost) {
      ++ghosts;
      CHECK(c.offset >= 3);
      CHECK(c.offset <= 6);
    }
  }
  CHECK(ghosts == 4);
  // One step later the ghosts are gone: they show the step that lost them.
  const PartitionBoard after = board_at(app, step + 2, tp);
  CHECK(after.rows[0].note.find("truncated") == std::string::npos);
  // The leader (broker-3) and its followers' fetch positions.
  const ReplicaRow& b3 = board.rows[1];
  CHECK(b3.role == ReplicaRole::kLeader);
  CHECK(b3.high_watermark == 5);
  CHECK_FALSE(b3.followers.empty());
}

TEST_CASE("Records above a replica's high watermark are uncommitted", "[viz][partitions]") {
  // Somewhere in replication_failover a leader holds records its followers have not fetched.
  AppState app = lesson_app("replication_failover");
  const kafka::TopicPartition tp{"orders", 0};
  bool seen = false;
  for (int64_t p = 1; p <= app.timeline.recorded() && !seen; ++p) {
    const PartitionBoard board = board_at(app, p, tp);
    for (const ReplicaRow& row : board.rows) {
      for (const LogCell& c : row.cells) {
        if (c.kind != CellKind::kRecord) continue;
        CHECK(c.uncommitted == (c.offset >= row.high_watermark));
        seen |= c.uncommitted;
      }
    }
  }
  CHECK(seen);
}

TEST_CASE("Cells, labels and markers stay inside the canvas without overlapping",
          "[viz][partitions]") {
  AppState app = lesson_app("replication_failover");
  const PartitionBoard board = board_at(app, app.timeline.recorded(), {"orders", 0});
  REQUIRE(board.rows.size() == 3);
  for (size_t i = 0; i < board.rows.size(); ++i) {
    const ReplicaRow& row = board.rows[i];
    CHECK(contains(kCanvas, row.label_box));
    CHECK_FALSE(overlaps(row.label_box, row.log_box));
    if (i > 0) CHECK_FALSE(overlaps(board.rows[i - 1].label_box, row.label_box));
    for (size_t c = 0; c < row.cells.size(); ++c) {
      CHECK(contains(kCanvas, row.cells[c].box));
      if (c > 0) CHECK_FALSE(overlaps(row.cells[c - 1].box, row.cells[c].box));
    }
    for (size_t a = 0; a < row.markers.size(); ++a) {
      for (size_t b = a + 1; b < row.markers.size(); ++b) {
        if (!row.markers[a].label.empty() && !row.markers[b].label.empty()) {
          CHECK(row.markers[a].offset != row.markers[b].offset);
        }
      }
    }
  }
}

TEST_CASE("Retention and compaction show in the log", "[viz][partitions]") {
  AppState retention = lesson_app("retention_by_size");
  const PartitionBoard r = board_at(retention, retention.timeline.recorded(), {"metrics", 0});
  REQUIRE_FALSE(r.rows.empty());
  CHECK(r.rows[0].log_start > 0);
  CHECK(r.rows[0].note.find("deleted") != std::string::npos);
  CHECK(r.rows[0].cells.front().offset >= r.rows[0].log_start);

  AppState compaction = lesson_app("compaction_tombstones");
  const PartitionBoard c = board_at(compaction, compaction.timeline.recorded(), {"profiles", 0});
  REQUIRE_FALSE(c.rows.empty());
  bool cleaned_marker = false;
  for (const OffsetMarker& m : c.rows[0].markers) cleaned_marker |= m.kind == MarkerKind::kCleaned;
  int removed = 0;
  for (const LogCell& cell : c.rows[0].cells) removed += cell.kind == CellKind::kRemoved ? 1 : 0;
  CHECK(cleaned_marker);
  CHECK(removed > 0);
  // The lesson's tombstone is in the log for a while before the cleaner drops it.
  bool tombstone_seen = false;
  for (int64_t p = 1; p <= compaction.timeline.recorded() && !tombstone_seen; p += 5) {
    const PartitionBoard board = board_at(compaction, p, {"profiles", 0});
    if (board.rows.empty()) continue;  // the topic is not created yet
    for (const LogCell& cell : board.rows[0].cells) {
      tombstone_seen |= cell.tombstone && cell.kind == CellKind::kRecord;
    }
  }
  CHECK(tombstone_seen);
}

TEST_CASE("A selected record and replica are highlighted", "[viz][partitions]") {
  AppState app = lesson_app("replication_failover");
  const kafka::TopicPartition tp{"orders", 0};
  const PartitionBoard board =
      board_at(app, app.timeline.recorded(), tp, RecordSelection{tp, 3, 2});
  int selected = 0;
  for (const ReplicaRow& row : board.rows) {
    for (const LogCell& c : row.cells) {
      if (c.selected) {
        ++selected;
        CHECK(row.broker_id == 3);
        CHECK(c.offset == 2);
      }
    }
  }
  CHECK(selected == 1);
  const PartitionBoard replica =
      board_at(app, app.timeline.recorded(), tp, ReplicaSelection{tp, 1});
  for (const ReplicaRow& row : replica.rows) CHECK(row.selected == (row.broker_id == 1));
}
