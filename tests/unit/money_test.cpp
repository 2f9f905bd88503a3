#include <catch2/catch.hpp>

#include "core/money.hpp"

using namespace salik;

TEST_CASE("fils are shown as dirhams with thousands separators") {
  CHECK(FormatAed(0) == "AED 0");
  CHECK(FormatAed(125000) == "AED 1,250");
  CHECK(FormatAed(1250) == "AED 12.50");
  CHECK(FormatAed(5) == "AED 0.05");
  CHECK(FormatAedRange(15000, 30000) == "AED 150\xE2\x80\x93" "300");
}

TEST_CASE("what a person types parses into fils") {
  CHECK(ParseAedToFils("150") == 15000);
  CHECK(ParseAedToFils("AED 1,250.5") == 125050);
  CHECK(ParseAedToFils(" 99.99 ") == 9999);
  CHECK_FALSE(ParseAedToFils("12.345").has_value());
  CHECK_FALSE(ParseAedToFils("ten").has_value());
  CHECK_FALSE(ParseAedToFils("").has_value());
}

TEST_CASE("the platform fee is 15 percent rounded to a whole fils") {
  CHECK(PlatformFee(10000) == 1500);
  CHECK(PlatformFee(333) == 50);
}

TEST_CASE("whole numbers get thousands separators") {
  CHECK(FormatThousands(85000) == "85,000");
  CHECK(FormatThousands(999) == "999");
  CHECK(FormatThousands(1234567) == "1,234,567");
}
