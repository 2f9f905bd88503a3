// The WebSocket opening handshake (RFC 6455 section 4.2) and the SHA-1 under it.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "server/http/websocket_handshake.hpp"
#include "server/util/sha1.hpp"

using namespace salik;

namespace {

std::string Hex(const std::array<uint8_t, 20>& digest) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// "0123456789012…" cut to `n` bytes: varied bytes, so a byte-order slip changes the digest.
std::string Digits(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += char('0' + i % 10);
  return out;
}

// A valid upgrade request as a browser sends it.
HttpRequest Upgrade() {
  HttpRequest r;
  r.method = "GET";
  r.target = r.path = "/api/ws";
  r.headers["host"] = "chat.example";
  r.headers["connection"] = "Upgrade";
  r.headers["upgrade"] = "websocket";
  r.headers["sec-websocket-version"] = "13";
  r.headers["sec-websocket-key"] = "dGhlIHNhbXBsZSBub25jZQ==";
  return r;
}

std::string ErrorCode(const UpgradeCheck& check) {
  REQUIRE(check.refusal);
  return nlohmann::json::parse(check.refusal->body)["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("SHA-1 matches the FIPS 180 examples", "[sha1]") {
  CHECK(Hex(Sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(Hex(Sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(Hex(Sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("SHA-1 pads right around the block boundary", "[sha1]") {
  // 55 bytes is the most that leaves room for the padding in one block; from 56 it takes two.
  // Expected values from sha1sum.
  CHECK(Hex(Sha1(Digits(55))) == "9f3a4ce7f66b1b74c34da2c5d732c39f81e0f8df");
  CHECK(Hex(Sha1(Digits(56))) == "0a40b8fbdaafb7c29651618ac15d27e772287130");
  CHECK(Hex(Sha1(Digits(63))) == "984b0f2f6d78c24020f5a79d409f67ab99302891");
  CHECK(Hex(Sha1(Digits(64))) == "cf0800f7644ace3cb4c3fa33388d3ba0ea3c8b6e");
  CHECK(Hex(Sha1(Digits(65))) == "92de3a8444fe6d15268f0ba810aa43bc8b3a4ffe");
}

TEST_CASE("the accept key is the RFC 6455 example's", "[http][websocket]") {
  // RFC 6455 section 1.3; the same as `printf "<key>258EAFA5-E914-47DA-95CA-C5AB0DC85B11" | sha1sum`, in base64.
  CHECK(WebSocketAcceptKey("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("a valid upgrade is accepted, with tokens in any case and among others", "[http][websocket]") {
  UpgradeCheck plain = CheckWebSocketUpgrade(Upgrade(), 11);
  CHECK_FALSE(plain.refusal);
  CHECK(plain.accept_key == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

  HttpRequest r = Upgrade();
  r.headers["connection"] = "keep-alive, Upgrade";  // Firefox
  r.headers["upgrade"] = "WebSocket";
  r.headers["sec-websocket-key"] = " dGhlIHNhbXBsZSBub25jZQ== ";
  UpgradeCheck mixed = CheckWebSocketUpgrade(r, 11);
  CHECK_FALSE(mixed.refusal);
  CHECK(mixed.accept_key == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST_CASE("a request that is not a WebSocket upgrade gets 400 upgrade_required", "[http][websocket]") {
  auto refused = [](const HttpRequest& r, unsigned version = 11) {
    UpgradeCheck check = CheckWebSocketUpgrade(r, version);
    REQUIRE(check.refusal);
    CHECK(check.refusal->status == 400);
    CHECK(ErrorCode(check) == "upgrade_required");
    CHECK(check.accept_key.empty());
  };
  refused(Upgrade(), 10);  // HTTP/1.0
  const std::vector<std::pair<const char*, std::function<void(HttpRequest&)>>> changes = {
      {"POST", [](HttpRequest& r) { r.method = "POST"; }},
      {"no Connection", [](HttpRequest& r) { r.headers.erase("connection"); }},
      {"Connection without upgrade", [](HttpRequest& r) { r.headers["connection"] = "keep-alive"; }},
      {"no Upgrade", [](HttpRequest& r) { r.headers.erase("upgrade"); }},
      {"an upgrade to something else", [](HttpRequest& r) { r.headers["upgrade"] = "h2c"; }},
  };
  for (const auto& [what, change] : changes) {
    CAPTURE(what);
    HttpRequest r = Upgrade();
    change(r);
    refused(r);
  }
  // A plain page load of the address.
  HttpRequest plain;
  plain.method = "GET";
  plain.path = "/api/ws";
  refused(plain);

  CHECK(WebSocketUpgradeRequired().code == "upgrade_required");
  CHECK(WebSocketUpgradeRequired().message == "This address only speaks WebSocket.");
}

TEST_CASE("a WebSocket version other than 13 gets 426 naming 13", "[http][websocket]") {
  for (const char* version : {"8", "", "13, 8", "14"}) {
    HttpRequest r = Upgrade();
    r.headers["sec-websocket-version"] = version;
    UpgradeCheck check = CheckWebSocketUpgrade(r, 11);
    REQUIRE(check.refusal);
    CHECK(check.refusal->status == 426);
    CHECK(ErrorCode(check) == "unsupported_websocket_version");
    REQUIRE(check.refusal->FindHeader("Sec-WebSocket-Version"));
    CHECK(*check.refusal->FindHeader("Sec-WebSocket-Version") == "13");
  }
  HttpRequest missing = Upgrade();
  missing.headers.erase("sec-websocket-version");
  CHECK(CheckWebSocketUpgrade(missing, 11).refusal->status == 426);
}

TEST_CASE("a missing or malformed Sec-WebSocket-Key gets 400 bad_websocket_key", "[http][websocket]") {
  HttpRequest missing = Upgrade();
  missing.headers.erase("sec-websocket-key");
  CHECK(ErrorCode(CheckWebSocketUpgrade(missing, 11)) == "bad_websocket_key");
  for (const char* key : {
           "",
           "dGhlIHNhbXBsZSBub25jZQ",                              // no padding
           "dGhlIHNhbXBsZSBub25j",                                // 15 bytes
           "dGhlIHNhbXBsZSBub25jZTE=",                            // 17 bytes
           "dGhlIHNhbXBsZSBub25jZTEy",                            // 18 bytes
           "dGhlIHNhbXBsZSBub25jZQ==x",                           // trailing garbage
           "dGhlIHNhbXBsZS*ub25jZQ==",                            // not base64
           "dGhlIHNhbXBsZSBub25jZQ==, dGhlIHNhbXBsZSBub25jZQ==",  // sent twice
       }) {
    HttpRequest r = Upgrade();
    r.headers["sec-websocket-key"] = key;
    UpgradeCheck check = CheckWebSocketUpgrade(r, 11);
    INFO(key);
    REQUIRE(check.refusal);
    CHECK(check.refusal->status == 400);
    CHECK(ErrorCode(check) == "bad_websocket_key");
  }
}

TEST_CASE("the 101 response carries the accept key and ends the header block", "[http][websocket]") {
  std::string text = SwitchingProtocolsResponse("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK(text.rfind("HTTP/1.1 101 Switching Protocols\r\n", 0) == 0);
  CHECK(text.find("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") != std::string::npos);
  CHECK(text.find("\r\nUpgrade: websocket\r\n") != std::string::npos);
  CHECK(text.find("\r\nConnection: Upgrade\r\n") != std::string::npos);
  CHECK(text.find("\r\nServer: SalikChat\r\n") != std::string::npos);
  CHECK(text.size() >= 4);
  CHECK(text.compare(text.size() - 4, 4, "\r\n\r\n") == 0);
  CHECK(text.find("\r\n\r\n") == text.size() - 4);  // one blank line, at the end
}
