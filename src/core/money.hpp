// Money is integer fils (1 AED = 100 fils) everywhere; these turn it into words and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace salik {

constexpr int64_t kFilsPerDirham = 100;
constexpr int kPlatformFeePercent = 15;

// "AED 1,250" for whole amounts, "AED 12.50" otherwise.
std::string FormatAed(int64_t fils);
// "85,000": a whole number with thousands separators (mileage, counts).
std::string FormatThousands(int64_t n);
// The same without the currency ("1,250", "12.50"): what a form shows for editing.
std::string FormatAmount(int64_t fils);
// "AED 150–300"
std::string FormatAedRange(int64_t min_fils, int64_t max_fils);
// Parses what a person types ("150", "1,250.5", "AED 99.99") into fils; nullopt if it is not money.
std::optional<int64_t> ParseAedToFils(const std::string& text);
// The platform's 15% of a paid consultation, rounded half up to a whole fils.
int64_t PlatformFee(int64_t amount_fils);

}  // namespace salik
