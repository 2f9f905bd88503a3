#include "server/http/websocket_handshake.hpp"

#include <sodium.h>
#include <strings.h>

#include "server/http/responses.hpp"
#include "server/util/comma_list.hpp"
#include "server/util/sha1.hpp"

namespace salik {
namespace {

// The fixed GUID of RFC 6455 section 1.3, appended to the client's key before hashing.
constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Whether the comma-separated header value has `token` as one of its items, ignoring case.
bool HasToken(const std::string& header, const char* token) {
  for (const auto& item : SplitCommaList(header))
    if (strcasecmp(item.c_str(), token) == 0) return true;
  return false;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The key must be 16 random bytes in base64 (section 4.1): with padding that is always 24 characters.
bool IsValidClientKey(std::string_view key) {
  if (key.size() != 24) return false;
  unsigned char bytes[16];
  size_t length = 0;
  // No `ignore` and no end pointer: any character that is not base64 fails the whole decode, and
  // 17 or 18 decoded bytes overflow the 16-byte buffer and fail too.
  return sodium_base642bin(bytes, sizeof bytes, key.data(), key.size(), nullptr, &length, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         length == 16;
}

UpgradeCheck Refuse(HttpResponse res) { return {{}, std::move(res)}; }

}  // namespace

ApiError WebSocketUpgradeRequired() { return BadRequest("upgrade_required", "This address only speaks WebSocket."); }

UpgradeCheck CheckWebSocketUpgrade(const HttpRequest& req, unsigned http_version) {
  if (req.method != "GET" || http_version < 11 || !HasToken(req.Header("connection"), "upgrade") ||
      !HasToken(req.Header("upgrade"), "websocket"))
    return Refuse(ErrorResponse(WebSocketUpgradeRequired()));

  // Section 4.2.2: name the versions we speak so the client can retry with one of them.
  if (req.Header("sec-websocket-version") != "13") {
    HttpResponse res =
        ErrorResponse({426, "unsupported_websocket_version", "This server speaks WebSocket version 13 only.", {}});
    res.SetHeader("Sec-WebSocket-Version", "13");
    return Refuse(std::move(res));
  }

  std::string_view key = TrimSpaces(req.Header("sec-websocket-key"));
  if (!IsValidClientKey(key))
    return Refuse(
        ErrorResponse(BadRequest("bad_websocket_key", "The Sec-WebSocket-Key header must be 16 bytes in base64.")));
  return {WebSocketAcceptKey(key), std::nullopt};
}

std::string WebSocketAcceptKey(std::string_view client_key) {
  std::string input(client_key);
  input += kWebSocketGuid;
  const auto digest = Sha1(input);
  char text[sodium_base64_ENCODED_LEN(20, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(text, sizeof text, digest.data(), digest.size(), sodium_base64_VARIANT_ORIGINAL);
  return text;
}

std::string SwitchingProtocolsResponse(std::string_view accept_key) {
  std::string out =
      "HTTP/1.1 101 Switching Protocols\r\n"
      "Upgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Accept: ";
  out += accept_key;
  out += "\r\nServer: SalikChat\r\n\r\n";
  return out;
}

}  // namespace salik
