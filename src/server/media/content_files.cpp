#include "server/media/content_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
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

std::string ContentFiles::Share(const std::filesystem::path& temp_file) {
  std::string hash = HashFile(temp_file);
  std::filesystem::path target = PathOf(hash);
  std::filesystem::create_directories(target.parent_path());
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) return hash;
  // Same file system (both under the data folder): the name appears with every byte in place.
  if (::link(temp_file.c_str(), target.c_str()) == 0 || errno == EEXIST) return hash;
  PlaceCopy(temp_file, target);
  return hash;
}

void ContentFiles::PlaceCopy(const std::filesystem::path& from, const std::filesystem::path& target) {
  // Copied under a temporary name, then renamed: the content name never shows a partial file.
  std::filesystem::path copy = temp_dir_ / ("share-" + RandomHex(16));
  std::error_code ec;
  std::filesystem::copy_file(from, copy, ec);
  if (!ec) std::filesystem::rename(copy, target, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(copy, ignored);
    throw std::runtime_error("media: cannot store " + target.string() + ": " + ec.message());
  }
}

void ContentFiles::Settle(const std::filesystem::path& temp_file, const std::string& hash) {
  std::filesystem::path target = PathOf(hash);
  std::error_code ec;
  if (!std::filesystem::exists(target, ec)) {
    // A removal took the file after Share: this upload's row needs it, so its own copy goes there.
    std::filesystem::rename(temp_file, target, ec);
    if (!ec) return;
    PlaceCopy(temp_file, target);  // throws if that fails too
  }
  std::filesystem::remove(temp_file, ec);
}

void ContentFiles::Remove(const std::string& hash, const std::function<bool()>& still_used) {
  std::filesystem::path target = PathOf(hash);
  for (;;) {
    std::filesystem::path aside = temp_dir_ / ("removing-" + RandomHex(16));
    std::error_code ec;
    std::filesystem::rename(target, aside, ec);
    if (ec) return;  // not there: never stored, or another removal has it and decides
    bool keep = true;
    try {
      keep = still_used();
    } catch (const std::exception& e) {
      std::cerr << "media: kept " << hash << ", could not check whether it is still used: " << e.what() << std::endl;
    }
    if (!keep) {
      std::filesystem::remove(aside, ec);
      return;
    }
    // An upload stored a row for these bytes meanwhile. If it also settled its own copy into
    // place, this rename replaces it with the same bytes.
    std::filesystem::rename(aside, target, ec);
    if (ec) {
      std::cerr << "media: could not put back " << target << ": " << ec.message() << std::endl;
      return;
    }
    // Another removal of these bytes that came while they were aside found nothing and left the
    // decision here: if the row that kept them is gone by now, decide again.
    try {
      if (still_used()) return;
    } catch (const std::exception&) {
      return;  // kept, as above
    }
  }
}

ContentFiles::Tidied ContentFiles::TidyTemp(const std::function<bool(const std::string&)>& in_use,
                                            std::chrono::seconds aside_grace, std::chrono::seconds stale_after) {
  Tidied out;
  const auto now = std::chrono::system_clock::now();
  std::error_code ec;
  std::filesystem::directory_iterator it(temp_dir_, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::filesystem::directory_entry& entry = *it;
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    // The status change time moves with every write and with the rename that set a file aside.
    auto unchanged = now - std::chrono::system_clock::from_time_t(st.st_ctime);
    bool aside = entry.path().filename().string().rfind("removing-", 0) == 0;
    if (unchanged < (aside ? aside_grace : stale_after)) continue;
    std::error_code file_ec;
    if (aside) {
      try {
        std::string hash = HashFile(entry.path());
        if (in_use(hash)) {
          std::filesystem::create_directories(PathOf(hash).parent_path(), file_ec);
          std::filesystem::rename(entry.path(), PathOf(hash), file_ec);
          if (!file_ec) ++out.restored;
          continue;
        }
      } catch (const std::exception& e) {
        std::cerr << "media: kept " << entry.path() << " for the next start: " << e.what() << std::endl;
        continue;
      }
    }
    if (std::filesystem::remove(entry.path(), file_ec)) ++out.removed;
  }
  return out;
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
