// Client ids for chat messages: accepted by the server's check, and sorted by creation time.
#include <catch2/catch.hpp>
#include <string>

#include "core/chat.hpp"
#include "core/client_id.hpp"

using namespace salik;

TEST_CASE("time-ordered client ids pass the server's client id check", "[client_id]") {
  for (uint64_t bits : {uint64_t{0}, uint64_t{0x0123456789abcdef}, ~uint64_t{0}}) {
    std::string id = TimeOrderedClientId(1'795'000'000'000, bits);
    CHECK(id.size() == 31);
    CHECK_FALSE(CheckClientId(id).has_value());
  }
  CHECK(TimeOrderedClientId(0x0000018c1f2e3d4c, 0xff) == "m-018c1f2e3d4c-00000000000000ff");
}

TEST_CASE("client ids made later sort later, whatever their random part", "[client_id]") {
  // The text compares like the time: fixed-width hex, time first.
  CHECK(TimeOrderedClientId(1'000, ~uint64_t{0}) < TimeOrderedClientId(1'001, 0));
  CHECK(TimeOrderedClientId(0xfff, 0) < TimeOrderedClientId(0x1000, 0));
  CHECK(TimeOrderedClientId(1'795'000'000'000, 5) < TimeOrderedClientId(1'795'000'000'001, 4));
  // Same millisecond: the random bits keep two ids apart.
  CHECK(TimeOrderedClientId(42, 1) != TimeOrderedClientId(42, 2));
  // A clock before 1970 (a broken device) still gives a valid, fixed-width id.
  CHECK(TimeOrderedClientId(-5, 7) == "m-000000000000-0000000000000007");
}
