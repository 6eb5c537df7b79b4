// Kafka's error codes, with Kafka's numbers and names (org.apache.kafka.common.protocol.Errors).
// Simulated Kafka failures are data: they travel in responses and in the trace, so a learner
// sees exactly the name a real client would log. Only the codes the simulator can produce are
// listed; the numbers were checked against Errors.java on Kafka's 3.9 branch.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim::kafka {

enum class ErrorCode : int16_t {
  UNKNOWN_SERVER_ERROR = -1,
  NONE = 0,
  OFFSET_OUT_OF_RANGE = 1,
  CORRUPT_MESSAGE = 2,
  UNKNOWN_TOPIC_OR_PARTITION = 3,
  LEADER_NOT_AVAILABLE = 5,
  NOT_LEADER_OR_FOLLOWER = 6,
  REQUEST_TIMED_OUT = 7,
  MESSAGE_TOO_LARGE = 10,
  NETWORK_EXCEPTION = 13,
  COORDINATOR_LOAD_IN_PROGRESS = 14,
  COORDINATOR_NOT_AVAILABLE = 15,
  NOT_COORDINATOR = 16,
  INVALID_TOPIC_EXCEPTION = 17,
  RECORD_LIST_TOO_LARGE = 18,
  NOT_ENOUGH_REPLICAS = 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20,
  INVALID_REQUIRED_ACKS = 21,
  ILLEGAL_GENERATION = 22,
  INCONSISTENT_GROUP_PROTOCOL = 23,
  UNKNOWN_MEMBER_ID = 25,
  INVALID_SESSION_TIMEOUT = 26,
  REBALANCE_IN_PROGRESS = 27,
  INVALID_TIMESTAMP = 32,
  UNSUPPORTED_VERSION = 35,
  TOPIC_ALREADY_EXISTS = 36,
  INVALID_PARTITIONS = 37,
  INVALID_REPLICATION_FACTOR = 38,
  INVALID_CONFIG = 40,
  NOT_CONTROLLER = 41,
  INVALID_REQUEST = 42,
  POLICY_VIOLATION = 44,
  OUT_OF_ORDER_SEQUENCE_NUMBER = 45,
  DUPLICATE_SEQUENCE_NUMBER = 46,
  INVALID_PRODUCER_EPOCH = 47,
  KAFKA_STORAGE_ERROR = 56,
  GROUP_ID_NOT_FOUND = 69,
  FENCED_LEADER_EPOCH = 74,
  UNKNOWN_LEADER_EPOCH = 75,
  STALE_BROKER_EPOCH = 77,
  OFFSET_NOT_AVAILABLE = 78,
  MEMBER_ID_REQUIRED = 79,
  FENCED_INSTANCE_ID = 82,
  INVALID_RECORD = 87,
  INVALID_UPDATE_VERSION = 95,
  INELIGIBLE_REPLICA = 107,
  NEW_LEADER_ELECTED = 108,
};

// Kafka's name for the code, e.g. "NOT_ENOUGH_REPLICAS". No default: the compiler names a
// missing case.
constexpr std::string_view error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::UNKNOWN_SERVER_ERROR:
      return "UNKNOWN_SERVER_ERROR";
    case ErrorCode::NONE:
      return "NONE";
    case ErrorCode::OFFSET_OUT_OF_RANGE:
      return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::CORRUPT_MESSAGE:
      return "CORRUPT_MESSAGE";
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
      return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::LEADER_NOT_AVAILABLE:
      return "LEADER_NOT_AVAILABLE";
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
      return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::REQUEST_TIMED_OUT:
      return "REQUEST_TIMED_OUT";
    case ErrorCode::MESSAGE_TOO_LARGE:
      return "MESSAGE_TOO_LARGE";
    case ErrorCode::NETWORK_EXCEPTION:
      return "NETWORK_EXCEPTION";
    case ErrorCode::COORDINATOR_LOAD_IN_PROGRESS:
      return "COORDINATOR_LOAD_IN_PROGRESS";
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
      return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::NOT_COORDINATOR:
      return "NOT_COORDINATOR";
    case ErrorCode::INVALID_TOPIC_EXCEPTION:
      return "INVALID_TOPIC_EXCEPTION";
    case ErrorCode::RECORD_LIST_TOO_LARGE:
      return "RECORD_LIST_TOO_LARGE";
    case ErrorCode::NOT_ENOUGH_REPLICAS:
      return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::INVALID_REQUIRED_ACKS:
      return "INVALID_REQUIRED_ACKS";
    case ErrorCode::ILLEGAL_GENERATION:
      return "ILLEGAL_GENERATION";
    case ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
      return "INCONSISTENT_GROUP_PROTOCOL";
    case ErrorCode::UNKNOWN_MEMBER_ID:
      return "UNKNOWN_MEMBER_ID";
    case ErrorCode::INVALID_SESSION_TIMEOUT:
      return "INVALID_SESSION_TIMEOUT";
    case ErrorCode::REBALANCE_IN_PROGRESS:
      return "REBALANCE_IN_PROGRESS";
    case ErrorCode::INVALID_TIMESTAMP:
      return "INVALID_TIMESTAMP";
    case ErrorCode::UNSUPPORTED_VERSION:
      return "UNSUPPORTED_VERSION";
    case ErrorCode::TOPIC_ALREADY_EXISTS:
      return "TOPIC_ALREADY_EXISTS";
    case ErrorCode::INVALID_PARTITIONS:
      return "INVALID_PARTITIONS";
    case ErrorCode::INVALID_REPLICATION_FACTOR:
      return "INVALID_REPLICATION_FACTOR";
    case ErrorCode::INVALID_CONFIG:
      return "INVALID_CONFIG";
    case ErrorCode::NOT_CONTROLLER:
      return "NOT_CONTROLLER";
    case ErrorCode::INVALID_REQUEST:
      return "INVALID_REQUEST";
    case ErrorCode::POLICY_VIOLATION:
      return "POLICY_VIOLATION";
    case ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER:
      return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::DUPLICATE_SEQUENCE_NUMBER:
      return "DUPLICATE_SEQUENCE_NUMBER";
    case ErrorCode::INVALID_PRODUCER_EPOCH:
      return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::KAFKA_STORAGE_ERROR:
      return "KAFKA_STORAGE_ERROR";
    case ErrorCode::GROUP_ID_NOT_FOUND:
      return "GROUP_ID_NOT_FOUND";
    case ErrorCode::FENCED_LEADER_EPOCH:
      return "FENCED_LEADER_EPOCH";
    case ErrorCode::UNKNOWN_LEADER_EPOCH:
      return "UNKNOWN_LEADER_EPOCH";
    case ErrorCode::STALE_BROKER_EPOCH:
      return "STALE_BROKER_EPOCH";
    case ErrorCode::OFFSET_NOT_AVAILABLE:
      return "OFFSET_NOT_AVAILABLE";
    case ErrorCode::MEMBER_ID_REQUIRED:
      return "MEMBER_ID_REQUIRED";
    case ErrorCode::FENCED_INSTANCE_ID:
      return "FENCED_INSTANCE_ID";
    case ErrorCode::INVALID_RECORD:
      return "INVALID_RECORD";
    case ErrorCode::INVALID_UPDATE_VERSION:
      return "INVALID_UPDATE_VERSION";
    case ErrorCode::INELIGIBLE_REPLICA:
      return "INELIGIBLE_REPLICA";
    case ErrorCode::NEW_LEADER_ELECTED:
      return "NEW_LEADER_ELECTED";
  }
  return "UNKNOWN_ERROR_CODE";  // unreachable for valid enumerators
}

}  // namespace ksim::kafka
