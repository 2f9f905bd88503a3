#include "core/money.hpp"

#include <cctype>

namespace salik {
namespace {

std::string GroupThousands(int64_t whole) {
  std::string digits = std::to_string(whole);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::string Amount(int64_t fils) {
  bool negative = fils < 0;
  uint64_t abs = negative ? static_cast<uint64_t>(-(fils + 1)) + 1 : static_cast<uint64_t>(fils);
  std::string s = GroupThousands(static_cast<int64_t>(abs / kFilsPerDirham));
  if (auto rest = abs % kFilsPerDirham) {
    s += '.';
    s += static_cast<char>('0' + rest / 10);
    s += static_cast<char>('0' + rest % 10);
  }
  return negative ? "-" + s : s;
}

}  // namespace

std::string FormatThousands(int64_t n) {
  std::string s = GroupThousands(n < 0 ? -n : n);
  if (n < 0) s.insert(s.begin(), '-');
  return s;
}

std::string FormatAed(int64_t fils) { return "AED " + Amount(fils); }
std::string FormatAmount(int64_t fils) { return Amount(fils); }

std::string FormatAedRange(int64_t min_fils, int64_t max_fils) {
  if (min_fils == max_fils) return FormatAed(min_fils);
  return "AED " + Amount(min_fils) + "\xE2\x80\x93" + Amount(max_fils);
}

std::optional<int64_t> ParseAedToFils(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (text.compare(i, 3, "AED") == 0 || text.compare(i, 3, "aed") == 0) i += 3;
  int64_t whole = 0;
  int digits = 0, decimals = 0, fraction = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (digits) break;
      continue;
    }
    if (c == ',' && !in_fraction && digits) continue;
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (in_fraction) {
      if (++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    } else {
      if (++digits > 12) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  for (; i < text.size(); ++i)
    if (!std::isspace(static_cast<unsigned char>(text[i]))) return std::nullopt;
  if (!digits && !decimals) return std::nullopt;
  if (decimals == 1) fraction *= 10;
  return whole * kFilsPerDirham + fraction;
}

int64_t PlatformFee(int64_t amount_fils) { return (amount_fils * kPlatformFeePercent + 50) / 100; }

}  // namespace salik
