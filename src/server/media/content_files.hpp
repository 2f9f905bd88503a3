// Media bytes on disk, named by the SHA-256 of what is stored: <data>/media/ab/cdef…. The name a
// client sends never becomes part of a path. Files are never changed once written, so one copy
// serves every upload of the same bytes and a download can stream without locks.
#pragma once

#include <filesystem>
#include <string>

namespace salik {

class ContentFiles {
 public:
  // `data_dir`/media holds the files; `data_dir`/tmp the uploads in flight (the listener's).
  explicit ContentFiles(const std::filesystem::path& data_dir);

  const std::filesystem::path& temp_dir() const { return temp_dir_; }
  // Lower-case hex SHA-256 of a file's bytes, read in pieces.
  static std::string HashFile(const std::filesystem::path& file);
  // Moves a finished file (under temp_dir) to its content name and answers the hash. When the same
  // bytes are already stored, the new copy is dropped. Throws std::runtime_error on I/O failure.
  std::string Adopt(const std::filesystem::path& temp_file);
  // Writes bytes to a new file under temp_dir and answers its path (for a rewritten image).
  std::filesystem::path WriteTemp(const std::string& bytes);
  // Deletes the bytes of `hash` (no row may use them any more); missing is fine.
  void Remove(const std::string& hash);
  // Where the bytes of `hash` live (whether or not they exist).
  std::filesystem::path PathOf(const std::string& hash) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path temp_dir_;
};

}  // namespace salik
