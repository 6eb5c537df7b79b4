#include "engine/sim/shared_chunks.h"

#include <catch2/catch.hpp>

TEST_CASE("a copy shares sealed chunks and diverges only in its tail", "[sim][checkpoint]") {
  // Goal: copying costs O(chunks): sealed chunks are the same storage in both copies,
  // and appending to the copy never changes the original.
  ksim::SharedChunks<int, 4> a;
  for (int i = 0; i < 10; ++i) a.push_back(i);
  ksim::SharedChunks<int, 4> b = a;
  CHECK(a.sealed_chunks() == 2);
  CHECK(b.shares_chunk_with(a, 0));
  CHECK(b.shares_chunk_with(a, 1));
  b.push_back(100);
  b.push_back(101);
  CHECK(a.size() == 10);
  CHECK(b.size() == 12);
  CHECK(b[11] == 101);
  CHECK(a[9] == 9);
  CHECK_FALSE(a == b);
}
