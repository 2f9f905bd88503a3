// Media bytes on disk, named by the SHA-256 of what is stored: <data>/media/ab/cdef…. The name a
// client sends never becomes part of a path. Files are never changed once written, so one copy
// serves every upload of the same bytes and a download can stream without locks.
//
// Several servers may share the folder, so no lock covers an upload of some bytes racing the
// removal of the same bytes. Instead each side re-checks after the other's step could have run:
// an upload shares its file, stores its row, then settles (puts its own copy back if the file
// went meanwhile); a removal moves the file aside, asks whether a row uses the bytes now, and
// puts it back if one does. Whatever the order, a stored row keeps its file.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace salik {

class ContentFiles {
 public:
  // `data_dir`/media holds the files; `data_dir`/tmp the uploads in flight (the listener's).
  explicit ContentFiles(const std::filesystem::path& data_dir);

  const std::filesystem::path& temp_dir() const { return temp_dir_; }
  // Lower-case hex SHA-256 of a file's bytes, read in pieces.
  static std::string HashFile(const std::filesystem::path& file);
  // An upload's first step: answers the hash of a finished file (under temp_dir) and makes its
  // bytes available under their content name (a hard link, or a copy where the file system has
  // none), keeping `temp_file`. Throws std::runtime_error on I/O failure.
  std::string Share(const std::filesystem::path& temp_file);
  // The last step, once the upload's row is stored: drops `temp_file`, moving it to its content
  // name instead if a removal took that file in between. Throws std::runtime_error if it cannot.
  void Settle(const std::filesystem::path& temp_file, const std::string& hash);
  // Writes bytes to a new file under temp_dir and answers its path (for a rewritten image).
  std::filesystem::path WriteTemp(const std::string& bytes);
  // Deletes the bytes of `hash` (its last row went) unless `still_used`, asked once the file is
  // moved aside, says a row uses them again; missing is fine. If `still_used` throws, the file stays.
  // After putting the file back it asks again: another removal that found the file aside left
  // the decision to this one.
  void Remove(const std::string& hash, const std::function<bool()>& still_used);
  // Where the bytes of `hash` live (whether or not they exist).
  std::filesystem::path PathOf(const std::string& hash) const;

  // At start, for what a crash left under temp_dir. Bytes a removal held aside (unchanged for
  // `aside_grace`, so not another server's removal in progress) go back under their content name
  // when `in_use` says a row uses them, else they go. Any other file unchanged for `stale_after`
  // (an upload cut off, a rewritten image) goes. Errors are skipped: the next start tries again.
  struct Tidied {
    size_t restored = 0, removed = 0;
  };
  Tidied TidyTemp(const std::function<bool(const std::string&)>& in_use, std::chrono::seconds aside_grace,
                  std::chrono::seconds stale_after);

 private:
  // Copies `from` to `target` whole (a temporary copy renamed). Throws std::runtime_error.
  void PlaceCopy(const std::filesystem::path& from, const std::filesystem::path& target);

  std::filesystem::path root_;
  std::filesystem::path temp_dir_;
};

}  // namespace salik
