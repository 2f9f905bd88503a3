// An upload of some bytes racing the removal of the same bytes (one server removing the last
// chat attachment that used them while another stores a new upload of them): whatever the order
// of their steps, the new row keeps its file. Each case plays one order step by step, on both
// backends, as two servers sharing a data folder would.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "server/media/media_service.hpp"
#include "store_chat_fixture.hpp"

using namespace salik;
using namespace salik::testing;
namespace fs = std::filesystem;

namespace {

const std::string kEngineBytes = "RIFF engine knock recorded at idle, 2,000 rpm";

struct DataFolder {
  fs::path dir;
  DataFolder() {
    std::string pattern = (fs::temp_directory_path() / "salik-content-race-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()));
    dir = pattern;
  }
  ~DataFolder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

MediaSettings SettingsFor(const fs::path& dir) {
  MediaSettings s;
  s.data_dir = dir;
  s.secret = "content race test secret";
  return s;
}

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

StoredMedia ChatAttachment(const ChatParties& p, const std::string& hash) {
  StoredMedia s;
  s.subject = MediaSubject::Conversation;
  s.subject_id = p.id();
  s.content_hash = hash;
  s.media.id = NewUuid();
  s.media.owner_id = p.customer;
  s.media.media_type = MediaType::Audio;
  s.media.mime = "audio/webm";
  s.media.file_size = static_cast<int64_t>(kEngineBytes.size());
  s.media.label = "engine.webm";
  s.media.created_at = ChatAt(3);
  return s;
}

// One upload through all three steps; answers its row.
StoredMedia UploadWhole(MediaService& media, Store& store, const ChatParties& p) {
  fs::path temp = media.files().WriteTemp(kEngineBytes);
  std::string hash = media.files().Share(temp);
  StoredMedia row = ChatAttachment(p, hash);
  store.CreateMedia(row);
  media.files().Settle(temp, hash);
  return row;
}

// The second server's removal of `row`, the last to use its bytes: the row goes, then the file.
std::vector<std::string> DeleteRow(Store& store, const StoredMedia& row) {
  auto unused = store.DeleteUnsentChatMedia(row.media.id);
  REQUIRE(unused);
  REQUIRE(*unused == std::vector<std::string>{row.content_hash});
  return *unused;
}

}  // namespace

STORE_RULE("an upload keeps its temporary file until its row is stored, then drops it") {
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  fs::path temp = media.files().WriteTemp(kEngineBytes);
  std::string hash = media.files().Share(temp);
  CHECK(hash == ContentFiles::HashFile(temp));
  CHECK(ReadAll(media.files().PathOf(hash)) == kEngineBytes);
  CHECK(fs::exists(temp));  // still this upload's own copy
  CHECK_FALSE(store.ContentInUse(hash));
  store.CreateMedia(ChatAttachment(p, hash));
  CHECK(store.ContentInUse(hash));
  media.files().Settle(temp, hash);
  CHECK_FALSE(fs::exists(temp));
  CHECK(ReadAll(media.files().PathOf(hash)) == kEngineBytes);
}

STORE_RULE("a removal whose bytes a new row uses by then leaves the file") {
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  StoredMedia first = UploadWhole(media, store, p);
  std::vector<std::string> unused = DeleteRow(store, first);
  StoredMedia second = UploadWhole(media, store, p);  // the same bytes, stored meanwhile
  media.RemoveContent(store, unused);
  CHECK(ReadAll(media.files().PathOf(second.content_hash)) == kEngineBytes);
}

STORE_RULE("an upload that shared its bytes before a removal took them puts its own copy back") {
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  StoredMedia first = UploadWhole(media, store, p);
  fs::path temp = media.files().WriteTemp(kEngineBytes);
  std::string hash = media.files().Share(temp);  // the file exists: nothing new is placed
  media.RemoveContent(store, DeleteRow(store, first));  // no row uses the bytes at this point
  CHECK_FALSE(fs::exists(media.files().PathOf(hash)));
  store.CreateMedia(ChatAttachment(p, hash));
  media.files().Settle(temp, hash);
  CHECK(ReadAll(media.files().PathOf(hash)) == kEngineBytes);
  CHECK_FALSE(fs::exists(temp));
}

STORE_RULE("an upload whose row is stored while a removal holds the file aside keeps the file") {
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  StoredMedia first = UploadWhole(media, store, p);
  const std::string hash = first.content_hash;
  fs::path temp = media.files().WriteTemp(kEngineBytes);
  REQUIRE(media.files().Share(temp) == hash);
  std::vector<std::string> unused = DeleteRow(store, first);
  bool asked = false;
  media.files().Remove(hash, [&] {
    asked = true;
    CHECK_FALSE(fs::exists(media.files().PathOf(hash)));  // moved aside
    store.CreateMedia(ChatAttachment(p, hash));
    return store.ContentInUse(hash);
  });
  CHECK(asked);
  CHECK(ReadAll(media.files().PathOf(hash)) == kEngineBytes);  // put back
  media.files().Settle(temp, hash);
  CHECK(ReadAll(media.files().PathOf(hash)) == kEngineBytes);
  size_t left_in_temp = 0;  // neither the upload's copy nor the one moved aside
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(media.files().temp_dir())) ++left_in_temp;
  CHECK(left_in_temp == 0);
}

STORE_RULE("a removal that cannot check whether its bytes are used keeps them; one that can deletes them") {
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  StoredMedia only = UploadWhole(media, store, p);
  std::vector<std::string> unused = DeleteRow(store, only);
  media.files().Remove(only.content_hash, []() -> bool { throw std::runtime_error("database away"); });
  CHECK(ReadAll(media.files().PathOf(only.content_hash)) == kEngineBytes);
  media.RemoveContent(store, unused);
  CHECK_FALSE(fs::exists(media.files().PathOf(only.content_hash)));
  media.RemoveContent(store, unused);  // twice: nothing left to remove is fine
}

STORE_RULE("at start, bytes a crashed removal held aside go back if a row uses them, and left-overs go") {
  using std::chrono::seconds;
  DataFolder folder;
  MediaService media(SettingsFor(folder.dir));
  ChatParties p(store);
  StoredMedia used = UploadWhole(media, store, p);
  const fs::path used_path = media.files().PathOf(used.content_hash);
  // A removal moved the file aside and the process died before it asked the database.
  fs::rename(used_path, media.files().temp_dir() / "removing-crashed-while-in-use");
  // Another one held bytes no row uses; and an upload was cut off.
  fs::path unused_aside = media.files().WriteTemp("bytes nobody stored");
  fs::rename(unused_aside, media.files().temp_dir() / "removing-crashed-unused");
  fs::path cut_off = media.files().WriteTemp("half an upload");
  auto in_use = [&](const std::string& hash) { return store.ContentInUse(hash); };

  // Too recent: another server's removal or upload may still be at it.
  auto early = media.files().TidyTemp(in_use, seconds(3600), seconds(3600));
  CHECK(early.restored == 0);
  CHECK(early.removed == 0);
  CHECK_FALSE(fs::exists(used_path));

  auto tidied = media.files().TidyTemp(in_use, seconds(0), seconds(0));
  CHECK(tidied.restored == 1);
  CHECK(tidied.removed == 2);
  CHECK(ReadAll(used_path) == kEngineBytes);
  size_t left_in_temp = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(media.files().temp_dir())) ++left_in_temp;
  CHECK(left_in_temp == 0);
  CHECK_FALSE(fs::exists(cut_off));
}
