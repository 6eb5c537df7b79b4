// Batch sizes against hand-computed values of Kafka's record batch format v2.
#include "engine/kafka/batch_size.h"

#include <catch2/catch.hpp>

#include "tests/log/log_test_util.h"

namespace ksim::log {
namespace {

// The record format lives in engine/kafka; the log's test helpers build the records.
using namespace ::ksim::kafka;

using testing::kv;
using testing::rec;

TEST_CASE("zigzag varints take one byte from -64 to 63 and grow by 7 bits", "[log]") {
  // Goal: varint_size/varlong_size match ByteUtils.sizeOfVarint/sizeOfVarlong at the edges.
  CHECK(varint_size(0) == 1);
  CHECK(varint_size(-1) == 1);
  CHECK(varint_size(63) == 1);
  CHECK(varint_size(64) == 2);
  CHECK(varint_size(-64) == 1);
  CHECK(varint_size(-65) == 2);
  CHECK(varint_size(8191) == 2);
  CHECK(varint_size(8192) == 3);
  CHECK(varint_size(INT32_MAX) == 5);
  CHECK(varint_size(INT32_MIN) == 5);
  CHECK(varlong_size(0) == 1);
  CHECK(varlong_size(-86400000) == 4);
  CHECK(varlong_size(INT64_MAX) == 10);
}

TEST_CASE("a batch of one record with key k and value v is 70 bytes", "[log]") {
  // Goal: 61-byte header (log overhead included) + 9-byte record:
  // length 1 + attributes 1 + timestampDelta 1 + offsetDelta 1 + key 1+1 + value 1+1 + headers 1.
  const BatchPtr b = make_batch(0, 0, {kv("k", "v", 1000)});
  CHECK(record_size_bytes(b->records[0].record, 0, 0) == 9);
  CHECK(b->size_bytes == 70);
  CHECK(kRecordBatchOverhead == 61);
  CHECK(kLogOverhead == 12);
}

TEST_CASE("a keyless 4-byte value makes a 72-byte batch as in Kafka's singletonRecords", "[log]") {
  // Goal: a null key costs one byte (length -1); body 10, length prefix 1, header 61.
  const BatchPtr b = make_batch(0, 0, {testing::value_only("test")});
  CHECK(b->size_bytes == 72);
}

TEST_CASE("an empty key is a key: it costs its length byte like any other", "[log]") {
  // Goal: key "" (length 0) and no key (length -1) both take one varint byte, but differ.
  const Record empty_key = rec("", "v");
  const Record no_key = rec(nullptr, "v");
  CHECK(empty_key.key.has_value());
  CHECK(record_size_bytes(empty_key, 0, 0) == 8);
  CHECK(record_size_bytes(no_key, 0, 0) == 8);
  CHECK(empty_key != no_key);
}

TEST_CASE("headers, tombstones and timestamp deltas are sized field by field", "[log]") {
  // Goal: hand-computed sizes for headers, a null value, and two-byte varints.
  Record with_header = kv("k", "v");
  with_header.headers.push_back(Header{"h", std::string("x")});
  CHECK(record_size_bytes(with_header, 0, 0) == 13);  // body 8 + header (1+1)+(1+1)
  Record null_header = kv("k", "v");
  null_header.headers.push_back(Header{"h", std::nullopt});
  CHECK(record_size_bytes(null_header, 0, 0) == 12);
  CHECK(record_size_bytes(testing::tombstone("k"), 0, 0) == 8);  // body 7: value length -1

  // Two records 300 ms apart with 100-byte values: 61 + 110 + 111.
  const std::string value(100, 'x');
  const BatchPtr b = make_batch(0, 0, {kv("a", value, 1000), kv("b", value, 1300)});
  CHECK(record_size_bytes(b->records[0].record, 0, 0) == 110);
  CHECK(record_size_bytes(b->records[1].record, 1, 300) == 111);
  CHECK(b->size_bytes == 282);
}

TEST_CASE("a delete horizon becomes the base timestamp and changes the record deltas", "[log]") {
  // Goal: KIP-534 stores deleteHorizonMs as the base timestamp, so a tombstone written at 10
  // with horizon 86400010 has timestampDelta -86400000 (4 bytes) instead of 0 (1 byte).
  const BatchPtr original = make_batch(5, 0, {testing::tombstone("k", 10)});
  CHECK(original->size_bytes == 61 + 8);
  const BatchPtr stamped = rebuild_batch(*original, original->records, 86400010);
  CHECK(base_timestamp(stamped->records, stamped->delete_horizon_ms) == 86400010);
  CHECK(stamped->size_bytes == 61 + 11);
}

}  // namespace
}  // namespace ksim::log
