#include "server/http/client_address.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <stdexcept>

#include "server/util/comma_list.hpp"

namespace salik {
namespace {

bool IsIpAddress(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::string ClientAddress(const HttpRequest& req, const std::vector<std::string>& trusted_proxies) {
  if (trusted_proxies.empty() || !Contains(trusted_proxies, req.remote_ip)) return req.remote_ip;
  const std::string& header = req.Header("x-forwarded-for");
  if (header.empty()) return req.remote_ip;
  auto hops = SplitCommaList(header);
  // Right to left: each trusted proxy appended the address it saw; the first one that is not a
  // proxy of ours is the client.
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!IsIpAddress(*it)) return req.remote_ip;
    if (!Contains(trusted_proxies, *it)) return *it;
  }
  return req.remote_ip;
}

std::vector<std::string> ParseTrustedProxies(const std::string& text) {
  std::vector<std::string> out;
  for (auto& item : SplitCommaList(text)) {
    if (!IsIpAddress(item))
      throw std::runtime_error("SALIK_TRUSTED_PROXIES must list IP addresses such as 127.0.0.1, separated by commas.");
    out.push_back(item);
  }
  return out;
}

}  // namespace salik
