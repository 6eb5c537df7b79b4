// The log speaks Kafka's common vocabulary (engine/kafka: offsets, epochs, topic-partitions,
// records and batches, which the protocol shares). These declarations let log code and its
// tests say Offset or Record without a namespace, as Kafka's log package does.
#pragma once

#include "engine/kafka/batch_size.h"
#include "engine/kafka/errors.h"
#include "engine/kafka/record.h"
#include "engine/kafka/types.h"

namespace ksim::log {

using kafka::BatchPtr;
using kafka::BatchRecord;
using kafka::ErrorCode;
using kafka::Header;
using kafka::kNoTimestamp;
using kafka::kUndefinedEpoch;
using kafka::kUndefinedEpochOffset;
using kafka::LeaderEpoch;
using kafka::make_batch;
using kafka::Offset;
using kafka::rebuild_batch;
using kafka::Record;
using kafka::RecordBatch;
using kafka::TimestampMs;
using kafka::TopicPartition;

}  // namespace ksim::log
