// Signed, expiring download links: HMAC-SHA256 over the media id and the expiry time. The key
// comes from SALIK_MEDIA_SECRET, or is made once and kept in <data>/media_secret (mode 0600), so
// links stay valid across restarts and across servers that share the data folder.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

namespace salik {

class UrlSigner {
 public:
  // `secret` from the environment, or empty to use (or create) the key file under `data_dir`.
  UrlSigner(const std::string& secret, const std::filesystem::path& data_dir);

  // Lower-case hex signature of (id, expires).
  std::string Sign(const std::string& media_id, int64_t expires) const;
  // Constant-time comparison; false for anything that is not the right signature.
  bool Verify(const std::string& media_id, int64_t expires, const std::string& signature_hex) const;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace salik
