#include "server/media/url_signer.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace salik {
namespace {

std::string Message(const std::string& media_id, int64_t expires) {
  return media_id + "\n" + std::to_string(expires);
}

bool ReadKeyFile(const std::filesystem::path& path, std::array<unsigned char, 32>& key) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  return n == static_cast<ssize_t>(key.size());
}

// Another server's key, which on a filesystem without hard links it may still be writing: a
// short read is tried again for up to 2 s.
bool ReadTheirKey(const std::filesystem::path& path, std::array<unsigned char, 32>& key) {
  for (int tries = 0; tries < 200; ++tries) {
    if (ReadKeyFile(path, key)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

bool WriteAll(int fd, const std::array<unsigned char, 32>& key) {
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  ::fsync(fd);  // best effort: some filesystems refuse it, and the key is written either way
  ::close(fd);
  return ok;
}

enum class Placed { Ours, Theirs };

// Puts `key` at `path` unless a key is there already. Written whole under a name of its own and
// then linked into place: link() fails if the key exists, so when several servers start at once
// (instances on a shared data folder) exactly one key wins and nobody reads a half-written one.
// Where hard links are not supported, an exclusive create of `path` does the same, but another
// server may then read it mid-write (ReadTheirKey waits that out).
Placed PlaceKeyFile(const std::filesystem::path& path, const std::array<unsigned char, 32>& key) {
  unsigned char nonce[8];
  randombytes_buf(nonce, sizeof nonce);
  char suffix[sizeof nonce * 2 + 1];
  sodium_bin2hex(suffix, sizeof suffix, nonce, sizeof nonce);
  std::filesystem::path draft = path.string() + "." + suffix + ".tmp";
  int fd = ::open(draft.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create the media key file " + draft.string());
  bool written = WriteAll(fd, key);
  int linked = written ? ::link(draft.c_str(), path.c_str()) : -1;
  int link_error = errno;
  ::unlink(draft.c_str());
  if (!written) throw std::runtime_error("cannot write the media key file " + draft.string());
  if (linked == 0) return Placed::Ours;
  if (link_error == EEXIST) return Placed::Theirs;
  if (link_error != EPERM && link_error != ENOTSUP && link_error != EOPNOTSUPP && link_error != ENOSYS)
    throw std::runtime_error("cannot create the media key file " + path.string());
  fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return Placed::Theirs;
  if (fd < 0 || !WriteAll(fd, key)) throw std::runtime_error("cannot create the media key file " + path.string());
  return Placed::Ours;
}

}  // namespace

UrlSigner::UrlSigner(const std::string& secret, const std::filesystem::path& data_dir) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  if (!secret.empty()) {
    // Any length of secret becomes a 32-byte key.
    crypto_hash_sha256(key_.data(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    return;
  }
  std::filesystem::path path = data_dir / "media_secret";
  if (ReadKeyFile(path, key_)) return;
  randombytes_buf(key_.data(), key_.size());
  if (PlaceKeyFile(path, key_) == Placed::Ours) return;
  if (!ReadTheirKey(path, key_)) throw std::runtime_error("cannot read the media key file " + path.string());
}

std::string UrlSigner::Sign(const std::string& media_id, int64_t expires) const {
  std::string msg = Message(media_id, expires);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key_.data());
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool UrlSigner::Verify(const std::string& media_id, int64_t expires, const std::string& signature_hex) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  size_t len = 0;
  if (signature_hex.size() != sizeof mac * 2) return false;
  if (sodium_hex2bin(mac, sizeof mac, signature_hex.data(), signature_hex.size(), nullptr, &len, nullptr) != 0 ||
      len != sizeof mac)
    return false;
  std::string msg = Message(media_id, expires);
  return crypto_auth_hmacsha256_verify(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                       key_.data()) == 0;
}

}  // namespace salik
