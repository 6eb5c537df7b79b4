// The leader-epoch cache, ported case by case from Kafka's LeaderEpochFileCacheTest
// (core/src/test/scala/unit/kafka/server/epoch/LeaderEpochFileCacheTest.scala).
#include "engine/log/leader_epoch_cache.h"

#include <catch2/catch.hpp>

namespace ksim::log {
namespace {

using Entries = std::vector<EpochEntry>;
constexpr EpochEndOffset kUndefined{kUndefinedEpoch, kUndefinedEpochOffset};

LeaderEpochCache cache_of(std::initializer_list<EpochEntry> entries) {
  LeaderEpochCache cache;
  for (const EpochEntry& e : entries) cache.assign(e.epoch, e.start_offset);
  return cache;
}

TEST_CASE("the previous epoch follows assignments and truncation", "[log]") {
  // LeaderEpochFileCacheTest.testPreviousEpoch
  LeaderEpochCache cache;
  CHECK_FALSE(cache.previous_epoch());
  cache.assign(2, 10);
  CHECK_FALSE(cache.previous_epoch());
  cache.assign(4, 15);
  CHECK(cache.previous_epoch() == 2);
  cache.assign(10, 20);
  CHECK(cache.previous_epoch() == 4);
  cache.truncate_from_end(18);
  CHECK(cache.previous_epoch() == 2);
}

TEST_CASE("end offset for the latest epoch is the log end offset", "[log]") {
  // LeaderEpochFileCacheTest.shouldAddEpochAndMessageOffsetToCache,
  // shouldReturnLogEndOffsetIfLatestEpochRequested, shouldSupportEpochsThatDoNotStartFromZero
  LeaderEpochCache cache = cache_of({{2, 10}});
  CHECK(cache.latest_epoch() == 2);
  CHECK(cache.entries() == Entries{{2, 10}});
  CHECK(cache.end_offset_for(2, 11) == EpochEndOffset{2, 11});

  LeaderEpochCache twice = cache_of({{2, 11}, {2, 12}});
  CHECK(twice.end_offset_for(2, 14) == EpochEndOffset{2, 14});

  LeaderEpochCache from_six = cache_of({{2, 6}});
  CHECK(from_six.end_offset_for(2, 7) == EpochEndOffset{2, 7});
  CHECK(from_six.entries() == Entries{{2, 6}});
}

TEST_CASE("undefined or unknown epochs give the undefined answer", "[log]") {
  // LeaderEpochFileCacheTest.shouldReturnUndefinedOffsetIfUndefinedEpochRequested,
  // shouldReturnUnsupportedIfNoEpochRecorded,
  // shouldReturnUnsupportedIfNoEpochRecordedAndUndefinedEpochRequested,
  // shouldReturnInvalidOffsetIfEpochIsRequestedWhichIsNotCurrentlyTracked
  CHECK(cache_of({{2, 11}, {3, 12}}).end_offset_for(kUndefinedEpoch, 0) == kUndefined);
  CHECK(LeaderEpochCache{}.end_offset_for(0, 0) == kUndefined);
  CHECK(LeaderEpochCache{}.end_offset_for(kUndefinedEpoch, 73) == kUndefined);
  CHECK(cache_of({{2, 100}}).end_offset_for(3, 100) == kUndefined);
}

TEST_CASE("an epoch already assigned keeps its first start offset", "[log]") {
  // LeaderEpochFileCacheTest.shouldNotOverwriteLogEndOffsetForALeaderEpochOnceItHasBeenAssigned,
  // shouldNotOverwriteOffsetForALeaderEpochOnceItHasBeenAssigned,
  // shouldNotUpdateEpochAndStartOffsetIfItDidNotChange
  CHECK(cache_of({{2, 9}, {2, 10}}).entries() == Entries{{2, 9}});
  CHECK(cache_of({{2, 6}, {2, 10}}).entries() == Entries{{2, 6}});
  CHECK(cache_of({{2, 6}, {2, 7}}).entries() == Entries{{2, 6}});
}

TEST_CASE("assignments keep epochs and start offsets monotonic by truncating conflicts", "[log]") {
  // LeaderEpochFileCacheTest.shouldEnforceMonotonicallyIncreasingStartOffsets,
  // shouldEnforceOffsetsIncreaseMonotonically, shouldEnforceMonotonicallyIncreasingEpochs
  CHECK(cache_of({{2, 9}, {3, 9}}).entries() == Entries{{3, 9}});
  CHECK(cache_of({{2, 6}, {3, 5}}).entries() == Entries{{3, 5}});

  LeaderEpochCache cache = cache_of({{1, 5}, {2, 6}});
  cache.assign(1, 7);
  CHECK(cache.latest_epoch() == 1);
  CHECK(cache.end_offset_for(1, 8) == EpochEndOffset{1, 8});
  CHECK(cache.end_offset_for(2, 8) == kUndefined);
  CHECK(cache.entries() == Entries{{1, 7}});
}

TEST_CASE("end offset for an older epoch is the next epoch's start offset", "[log]") {
  // LeaderEpochFileCacheTest.shouldReturnFirstEpochIfRequestedEpochLessThanFirstEpoch,
  // shouldTruncateIfMatchingEpochButEarlierStartingOffset,
  // shouldGetFirstOffsetOfSubsequentEpochWhenOffsetRequestedForPreviousEpoch,
  // shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested
  CHECK(cache_of({{5, 11}, {6, 12}, {7, 13}}).end_offset_for(4, 0) == EpochEndOffset{4, 11});

  LeaderEpochCache earlier = cache_of({{5, 11}, {6, 12}, {7, 13}});
  earlier.assign(7, 12);
  CHECK(earlier.end_offset_for(5, 0) == EpochEndOffset{5, 12});
  CHECK(earlier.end_offset_for(6, 0) == EpochEndOffset{5, 12});

  LeaderEpochCache several = cache_of({{1, 11}, {1, 12}, {2, 13}, {2, 14}, {3, 15}, {3, 16}});
  CHECK(several.end_offset_for(2, 17) == EpochEndOffset{2, 15});

  LeaderEpochCache gaps = cache_of({{0, 10}, {2, 13}, {4, 17}});
  CHECK(gaps.end_offset_for(1, 0) == EpochEndOffset{0, 13});
  CHECK(gaps.end_offset_for(2, 0) == EpochEndOffset{2, 17});
  CHECK(gaps.end_offset_for(3, 0) == EpochEndOffset{2, 17});
}

TEST_CASE("epochs are tracked as leaders change many times", "[log]") {
  // LeaderEpochFileCacheTest.shouldIncreaseAndTrackEpochsAsLeadersChangeManyTimes
  LeaderEpochCache cache = cache_of({{0, 0}, {1, 0}});
  CHECK(cache.latest_epoch() == 1);
  CHECK(cache.end_offset_for(1, 0) == EpochEndOffset{1, 0});
  CHECK(cache.end_offset_for(0, 0) == EpochEndOffset{0, 0});
  CHECK(cache.end_offset_for(1, 5) == EpochEndOffset{1, 5});
  CHECK(cache.end_offset_for(0, 5) == EpochEndOffset{0, 0});
  cache.assign(2, 5);
  CHECK(cache.end_offset_for(2, 10) == EpochEndOffset{2, 10});
  CHECK(cache.end_offset_for(1, 10) == EpochEndOffset{1, 5});
  CHECK(cache.end_offset_for(0, 10) == EpochEndOffset{0, 0});
}

TEST_CASE("epochs are tracked as a follower receives many messages", "[log]") {
  // LeaderEpochFileCacheTest.shouldIncreaseAndTrackEpochsAsFollowerReceivesManyMessages
  LeaderEpochCache cache = cache_of({{0, 0}, {0, 1}, {0, 2}});
  CHECK(cache.latest_epoch() == 0);
  CHECK(cache.end_offset_for(0, 3) == EpochEndOffset{0, 3});
  cache = cache_of({{0, 0}, {0, 1}, {0, 2}, {1, 3}, {1, 4}, {1, 5}});
  CHECK(cache.end_offset_for(1, 6) == EpochEndOffset{1, 6});
  for (Offset o : {6, 7, 8}) cache.assign(2, o);
  CHECK(cache.latest_epoch() == 2);
  CHECK(cache.end_offset_for(2, 9) == EpochEndOffset{2, 9});
  CHECK(cache.end_offset_for(0, 9) == EpochEndOffset{0, 3});
  CHECK(cache.end_offset_for(1, 9) == EpochEndOffset{1, 6});
}

TEST_CASE("truncate_from_end drops entries starting at or after the end offset", "[log]") {
  // LeaderEpochFileCacheTest.shouldDropEntriesOnEpochBoundaryWhenRemovingLatestEntries
  LeaderEpochCache cache = cache_of({{2, 6}, {3, 8}, {4, 11}});
  cache.truncate_from_end(8);
  CHECK(cache.entries() == Entries{{2, 6}});
  LeaderEpochCache untouched = cache_of({{2, 6}, {3, 8}, {4, 11}});
  untouched.truncate_from_end(12);
  CHECK(untouched.entries() == Entries{{2, 6}, {3, 8}, {4, 11}});
}

TEST_CASE("truncate_from_start keeps the epoch covering the new start, re-based", "[log]") {
  // LeaderEpochFileCacheTest.shouldPreserveResetOffsetOnClearEarliestIfOneExists,
  // shouldUpdateSavedOffsetWhenOffsetToClearToIsBetweenEpochs,
  // shouldNotClearAnythingIfOffsetToEarly, shouldNotClearAnythingIfOffsetToFirstOffset,
  // shouldRetainLatestEpochOnClearAllEarliest,
  // shouldUpdateOffsetBetweenEpochBoundariesOnClearEarliest(2),
  // shouldRetainLatestEpochOnClearAllEarliestAndUpdateItsOffset
  auto after = [](Offset start) {
    LeaderEpochCache cache = cache_of({{2, 6}, {3, 8}, {4, 11}});
    cache.truncate_from_start(start);
    return cache.entries();
  };
  CHECK(after(8) == Entries{{3, 8}, {4, 11}});
  CHECK(after(9) == Entries{{3, 9}, {4, 11}});
  CHECK(after(1) == Entries{{2, 6}, {3, 8}, {4, 11}});
  CHECK(after(6) == Entries{{2, 6}, {3, 8}, {4, 11}});
  CHECK(after(11) == Entries{{4, 11}});
  CHECK(after(15) == Entries{{4, 15}});

  LeaderEpochCache cache = cache_of({{0, 0}, {1, 7}, {2, 10}});
  cache.truncate_from_start(5);
  CHECK(cache.entries() == Entries{{0, 5}, {1, 7}, {2, 10}});
}

}  // namespace
}  // namespace ksim::log
