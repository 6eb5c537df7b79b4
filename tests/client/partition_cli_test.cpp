#include <catch2/catch.hpp>
#include <sstream>

#include "cli/partition_command.h"

using namespace ksim;

TEST_CASE("partition prints each key with the partition the Java producer picks",
          "[cli][partition]") {
  // Goal: one KEY<TAB>PARTITION line per key, in order, with the partitions a Java 17 run of
  // Kafka's murmur2 gives for 12 partitions; the empty key is hashed too.
  std::ostringstream out, err;
  CHECK(cli::partition_command(12, {"order-42", "user-2", "customer-0001", ""}, out, err) == 0);
  CHECK(out.str() == "order-42\t0\nuser-2\t8\ncustomer-0001\t11\n\t9\n");
  CHECK(err.str().empty());
}

TEST_CASE("partition hashes the UTF-8 bytes of a key", "[cli][partition]") {
  // Goal: non-ASCII keys are hashed as their UTF-8 bytes ("日本" on 6 partitions is 3).
  std::ostringstream out, err;
  CHECK(cli::partition_command(6, {"\xe6\x97\xa5\xe6\x9c\xac"}, out, err) == 0);
  CHECK(out.str() == "\xe6\x97\xa5\xe6\x9c\xac\t3\n");
}

TEST_CASE("partition refuses a partition count below one", "[cli][partition]") {
  // Goal: --partitions 0 is a usage error (exit 2) with the documented message and no output.
  std::ostringstream out, err;
  CHECK(cli::partition_command(0, {"a"}, out, err) == 2);
  CHECK(out.str().empty());
  CHECK(err.str() == "kafkasim partition: --partitions must be at least 1\n");
  std::ostringstream out2, err2;
  CHECK(cli::partition_command(-3, {}, out2, err2) == 2);
}

TEST_CASE("partition with no keys prints nothing", "[cli][partition]") {
  // Goal: an empty key list is not an error.
  std::ostringstream out, err;
  CHECK(cli::partition_command(3, {}, out, err) == 0);
  CHECK(out.str().empty());
}
