#include "server/ws/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace salik::ws {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool OriginAllowed(const OriginPolicy& policy, const std::string& origin, const std::string& host_header) {
  if (origin.empty()) return true;
  std::string o = Lower(origin);
  while (!o.empty() && o.back() == '/') o.pop_back();
  if (!policy.allowed.empty()) return std::find(policy.allowed.begin(), policy.allowed.end(), o) != policy.allowed.end();

  std::string host = Lower(host_header);
  if (!host.empty() && (o == "http://" + host || o == "https://" + host)) return true;
  std::string port = std::to_string(policy.port);
  return o == "http://localhost:" + port || o == "http://127.0.0.1:" + port;
}

}  // namespace salik::ws
