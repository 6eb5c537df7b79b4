// Kafka's Uuid text form and random ids.
#include "engine/kafka/uuid.h"

#include <catch2/catch.hpp>

#include "engine/sim/prng.h"

using ksim::kafka::Uuid;

TEST_CASE("a Uuid prints as Kafka prints it", "[kafka][uuid]") {
  // Goal: base64url without padding of the big-endian bytes; expected values printed by
  // java.util.Base64.getUrlEncoder().withoutPadding() on the same 16 bytes (JDK 17).
  CHECK(to_string(Uuid{0, 1}) == "AAAAAAAAAAAAAAAAAAAAAQ");
  CHECK(to_string(Uuid{~0ull, ~0ull}) == "_____________________w");
  CHECK(to_string(Uuid{0x123456789abcdef0ull, 0x0fedcba987654321ull}) == "EjRWeJq83vAP7cuph2VDIQ");
  CHECK(to_string(Uuid{0x0102030405060708ull, 0x1112131415161718ull}) == "AQIDBAUGBwgREhMUFRYXGA");
}

TEST_CASE("random Uuids are version 4, never start with '-', and follow the seed",
          "[kafka][uuid]") {
  // Goal: Uuid.randomUuid's rules hold, and the same stream gives the same ids.
  ksim::Prng a(3), b(3);
  for (int i = 0; i < 200; ++i) {
    const Uuid x = ksim::kafka::random_uuid([&] { return a.next_u64(); });
    const Uuid y = ksim::kafka::random_uuid([&] { return b.next_u64(); });
    CHECK(x == y);
    CHECK(((x.most_significant >> 12) & 0xF) == 4);
    CHECK((x.least_significant >> 62) == 2);
    CHECK(to_string(x).size() == 22);
    CHECK(to_string(x)[0] != '-');
  }
}
