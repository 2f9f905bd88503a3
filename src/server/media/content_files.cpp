#include "server/media/content_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "server/util/ids.hpp"

namespace salik {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

ContentFiles::ContentFiles(const std::filesystem::path& data_dir)
    : root_(data_dir / "media"), temp_dir_(data_dir / "tmp") {
  std::filesystem::create_directories(root_);
  std::filesystem::create_directories(temp_dir_);
}

std::string ContentFiles::HashFile(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("media: cannot read " + file.string());
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buf(256 * 1024);
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      ::close(fd);
      throw std::runtime_error("media: read failed on " + file.string());
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buf.data(), static_cast<unsigned long long>(n));
  }
  ::close(fd);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return Hex(digest, sizeof digest);
}

std::filesystem::path ContentFiles::PathOf(const std::string& hash) const {
  return root_ / hash.substr(0, 2) / hash.substr(2);
}

std::string ContentFiles::Adopt(const std::filesystem::path& temp_file) {
  std::string hash = HashFile(temp_file);
  std::filesystem::path target = PathOf(hash);
  std::filesystem::create_directories(target.parent_path());
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    std::filesystem::remove(temp_file, ec);
    return hash;
  }
  // Same file system (both under the data folder): an atomic rename, never a half-written file.
  std::filesystem::rename(temp_file, target, ec);
  if (ec) throw std::runtime_error("media: cannot store " + target.string() + ": " + ec.message());
  return hash;
}

void ContentFiles::Remove(const std::string& hash) {
  std::error_code ec;
  std::filesystem::remove(PathOf(hash), ec);
}

std::filesystem::path ContentFiles::WriteTemp(const std::string& bytes) {
  std::filesystem::path path = temp_dir_ / ("clean-" + RandomHex(16));
  FILE* f = std::fopen(path.c_str(), "wbx");
  if (!f) throw std::runtime_error("media: cannot create " + path.string());
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw std::runtime_error("media: cannot write " + path.string());
  }
  return path;
}

}  // namespace salik
