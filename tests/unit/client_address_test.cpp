// X-Forwarded-For is believed only from listed proxies, and read from the right.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "server/http/client_address.hpp"

using namespace salik;

namespace {

HttpRequest From(std::string peer, std::string forwarded = {}) {
  HttpRequest r;
  r.remote_ip = std::move(peer);
  if (!forwarded.empty()) r.headers["x-forwarded-for"] = std::move(forwarded);
  return r;
}

}  // namespace

TEST_CASE("without trusted proxies the socket's peer is the client, whatever the header says", "[http]") {
  CHECK(ClientAddress(From("198.51.100.4", "203.0.113.9"), {}) == "198.51.100.4");
  CHECK(ClientAddress(From("127.0.0.1", "203.0.113.9"), {}) == "127.0.0.1");
}

TEST_CASE("behind a trusted proxy the right-most untrusted X-Forwarded-For entry is the client", "[http]") {
  const std::vector<std::string> proxies{"127.0.0.1", "10.0.0.2"};
  CHECK(ClientAddress(From("127.0.0.1", "203.0.113.9"), proxies) == "203.0.113.9");
  // A client can put anything on the left; only what our proxies appended counts.
  CHECK(ClientAddress(From("127.0.0.1", "1.2.3.4, 203.0.113.9"), proxies) == "203.0.113.9");
  CHECK(ClientAddress(From("127.0.0.1", "203.0.113.9, 10.0.0.2"), proxies) == "203.0.113.9");
  CHECK(ClientAddress(From("127.0.0.1", " 2001:db8::7 "), proxies) == "2001:db8::7");
  // No header, only proxies, or garbage: the peer.
  CHECK(ClientAddress(From("127.0.0.1"), proxies) == "127.0.0.1");
  CHECK(ClientAddress(From("127.0.0.1", "10.0.0.2"), proxies) == "127.0.0.1");
  CHECK(ClientAddress(From("127.0.0.1", "not-an-ip"), proxies) == "127.0.0.1");
  CHECK(ClientAddress(From("127.0.0.1", "203.0.113.9, evil"), proxies) == "127.0.0.1");
  // A peer that is not a listed proxy is the client even with the header.
  CHECK(ClientAddress(From("198.51.100.4", "203.0.113.9"), proxies) == "198.51.100.4");
}

TEST_CASE("SALIK_TRUSTED_PROXIES takes IP addresses only", "[http][config]") {
  CHECK(ParseTrustedProxies("").empty());
  CHECK(ParseTrustedProxies(" 127.0.0.1 , ::1,") == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK_THROWS_AS(ParseTrustedProxies("127.0.0.1, proxy.local"), std::runtime_error);
  CHECK_THROWS_AS(ParseTrustedProxies("10.0.0.0/8"), std::runtime_error);
}
