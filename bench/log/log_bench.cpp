// Benchmarks of engine/log: append and read throughput of a partition log with 100-byte
// values, a memcpy of the same number of bytes in the same run as a baseline, and the cost of
// copying (checkpointing) a log of 1,000,000 records.
// Run: ./build/release/bench/log/ksim_log_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "engine/log/cleaner.h"
#include "engine/log/partition_log.h"

using namespace ksim;
using namespace ksim::log;

namespace {

constexpr size_t kValueBytes = 100;

std::vector<Record> make_records(int count, uint64_t& next_id, TimestampMs ts) {
  std::vector<Record> records;
  records.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const uint64_t id = next_id++;
    records.push_back(Record{RecordId{id},
                             std::string("key-").append(std::to_string(id % 1000)),
                             std::string(kValueBytes, 'v'),
                             ts,
                             {}});
  }
  return records;
}

TopicConfig bench_config() {
  TopicConfig c;
  c.segment_bytes = 1 << 20;  // 1 MiB segments: many sealed segments
  return c;
}

PartitionLog filled_log(int64_t records, int per_batch) {
  PartitionLog log(TopicPartition{"bench", 0}, bench_config());
  uint64_t next_id = 0;
  for (int64_t i = 0; i < records; i += per_batch) {
    log.append_as_leader(make_records(per_batch, next_id, i), 0, i);
  }
  log.set_high_watermark(log.log_end_offset());
  return log;
}

// Appends batches of range(0) records (100-byte values), records/s and log bytes/s.
void BM_Append(benchmark::State& state) {
  const int per_batch = static_cast<int>(state.range(0));
  PartitionLog log(TopicPartition{"bench", 0}, bench_config());
  uint64_t next_id = 0;
  int64_t bytes = 0;
  int64_t batches = 0;
  for (auto _ : state) {
    const AppendResult r = log.append_as_leader(make_records(per_batch, next_id, batches), 0, 0);
    bytes += r.batch->size_bytes;
    if (++batches % 20000 == 0) {  // bound memory: start over now and then
      state.PauseTiming();
      log.truncate_fully_and_start_at(log.log_end_offset());
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations() * per_batch);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Append)->Arg(1)->Arg(10)->Arg(100);

// Reads a 100,000-record log from start to end in 1 MiB fetches (batches are shared, not
// copied), bytes/s of log data returned.
void BM_Read(benchmark::State& state) {
  const PartitionLog log = filled_log(100'000, 10);
  int64_t bytes = 0;
  for (auto _ : state) {
    Offset offset = log.log_start_offset();
    while (offset < log.log_end_offset()) {
      const ReadResult r = log.read(offset, 1 << 20);
      bytes += r.size_bytes;
      offset = r.batches.back()->next_offset();
      benchmark::DoNotOptimize(r.batches.data());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Read);

// The same reads, copying every value into a buffer as a consumer would.
void BM_ReadAndCopyValues(benchmark::State& state) {
  const PartitionLog log = filled_log(100'000, 10);
  std::vector<char> buffer(1 << 21);
  int64_t bytes = 0;
  for (auto _ : state) {
    Offset offset = log.log_start_offset();
    while (offset < log.log_end_offset()) {
      const ReadResult r = log.read(offset, 1 << 20);
      size_t pos = 0;
      for (const BatchPtr& b : r.batches) {
        for (const BatchRecord& rec : b->records) {
          std::memcpy(buffer.data() + pos, rec.record.value->data(), rec.record.value->size());
          pos += rec.record.value->size();
        }
      }
      bytes += r.size_bytes;
      offset = r.batches.back()->next_offset();
      benchmark::DoNotOptimize(buffer.data());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadAndCopyValues);

// Baseline: memcpy of 1 MiB blocks.
void BM_Memcpy(benchmark::State& state) {
  std::vector<char> from(1 << 20, 'v');
  std::vector<char> to(1 << 20);
  for (auto _ : state) {
    std::memcpy(to.data(), from.data(), from.size());
    benchmark::DoNotOptimize(to.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(from.size()));
}
BENCHMARK(BM_Memcpy);

// A checkpoint: copying a log of 1,000,000 records (10 per batch, 1 MiB segments).
void BM_CopyLog1M(benchmark::State& state) {
  const PartitionLog log = filled_log(1'000'000, 10);
  for (auto _ : state) {
    PartitionLog copy = log;
    benchmark::DoNotOptimize(copy);
  }
  state.counters["segments"] = static_cast<double>(log.segment_count());
  state.counters["active_batches"] = static_cast<double>(log.active_segment().batches().size());
}
BENCHMARK(BM_CopyLog1M)->Unit(benchmark::kMicrosecond);

// For scale: copying a log of 100,000 records.
void BM_CopyLog100k(benchmark::State& state) {
  const PartitionLog log = filled_log(100'000, 10);
  for (auto _ : state) {
    PartitionLog copy = log;
    benchmark::DoNotOptimize(copy);
  }
  state.counters["segments"] = static_cast<double>(log.segment_count());
}
BENCHMARK(BM_CopyLog100k)->Unit(benchmark::kMicrosecond);

}  // namespace
