// An upload of some bytes racing the removal of the same bytes (one server removing the last
// chat attachment that used them while another stores a new upload of them): whatever the order
// of their steps, the new row keeps its file. Each case plays one order step by step, on both
// backends, as two servers sharing a data folder would.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "server/media/media_service.hpp"
#include "store_chat_fixture.hpp"
#include "temp_dir.hpp"

using namespace salik;
using namespace salik::testing;
namespace fs = std::filesystem;

namespace {

const std::string kEngineBytes = "RIFF engine knock recorded at idle, 2,000 rpm";

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

// One data folder shared by "two servers", a conversation, and the steps they take.
struct Scene {
  Store& store;
  TempDir folder;
  MediaService media{SettingsFor(folder.path())};
  ChatParties parties{store};

  explicit Scene(Store& s) : store(s) {}
  ContentFiles& files() { return media.files(); }
  fs::path PathOf(const std::string& hash) { return files().PathOf(hash); }
  // One upload through all three steps; answers its row.
  StoredMedia UploadWhole() {
    fs::path temp = files().WriteTemp(kEngineBytes);
    std::string hash = files().Share(temp);
    StoredMedia row = ChatAttachment(parties, hash);
    store.CreateMedia(row);
    files().Settle(temp, hash);
    return row;
  }
  // The other server's removal of `row`, the last to use its bytes: first the row goes.
  std::vector<std::string> DeleteRow(const StoredMedia& row) {
    auto unused = store.DeleteUnsentChatMedia(row.media.id);
    REQUIRE(unused);
    REQUIRE(*unused == std::vector<std::string>{row.content_hash});
    return *unused;
  }
  size_t FilesInTemp() {
    size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(files().temp_dir())) ++n;
    return n;
  }
};

}  // namespace

STORE_RULE("an upload keeps its temporary file until its row is stored, then drops it") {
  Scene scene(store);
  fs::path temp = scene.files().WriteTemp(kEngineBytes);
  std::string hash = scene.files().Share(temp);
  CHECK(hash == ContentFiles::HashFile(temp));
  CHECK(ReadAll(scene.PathOf(hash)) == kEngineBytes);
  CHECK(fs::exists(temp));  // still this upload's own copy
  CHECK_FALSE(store.ContentInUse(hash));
  store.CreateMedia(ChatAttachment(scene.parties, hash));
  CHECK(store.ContentInUse(hash));
  scene.files().Settle(temp, hash);
  CHECK_FALSE(fs::exists(temp));
  CHECK(ReadAll(scene.PathOf(hash)) == kEngineBytes);
}

STORE_RULE("a removal whose bytes a new row uses by then leaves the file") {
  Scene scene(store);
  std::vector<std::string> unused = scene.DeleteRow(scene.UploadWhole());
  StoredMedia second = scene.UploadWhole();  // the same bytes, stored meanwhile
  scene.media.RemoveContent(store, unused);
  CHECK(ReadAll(scene.PathOf(second.content_hash)) == kEngineBytes);
}

STORE_RULE("an upload that shared its bytes before a removal took them puts its own copy back") {
  Scene scene(store);
  StoredMedia first = scene.UploadWhole();
  fs::path temp = scene.files().WriteTemp(kEngineBytes);
  std::string hash = scene.files().Share(temp);  // the file exists: nothing new is placed
  scene.media.RemoveContent(store, scene.DeleteRow(first));  // no row uses the bytes at this point
  CHECK_FALSE(fs::exists(scene.PathOf(hash)));
  store.CreateMedia(ChatAttachment(scene.parties, hash));
  scene.files().Settle(temp, hash);
  CHECK(ReadAll(scene.PathOf(hash)) == kEngineBytes);
  CHECK_FALSE(fs::exists(temp));
}

STORE_RULE("an upload whose row is stored while a removal holds the file aside keeps the file") {
  Scene scene(store);
  StoredMedia first = scene.UploadWhole();
  const std::string hash = first.content_hash;
  fs::path temp = scene.files().WriteTemp(kEngineBytes);
  REQUIRE(scene.files().Share(temp) == hash);
  scene.DeleteRow(first);
  int asked = 0;
  scene.files().Remove(hash, [&] {
    if (++asked == 1) {
      CHECK_FALSE(fs::exists(scene.PathOf(hash)));  // moved aside
      store.CreateMedia(ChatAttachment(scene.parties, hash));
    }
    return store.ContentInUse(hash);
  });
  CHECK(asked == 2);  // aside, and again once put back
  CHECK(ReadAll(scene.PathOf(hash)) == kEngineBytes);  // put back
  scene.files().Settle(temp, hash);
  CHECK(ReadAll(scene.PathOf(hash)) == kEngineBytes);
  CHECK(scene.FilesInTemp() == 0);  // neither the upload's copy nor the one moved aside
}

STORE_RULE("a removal that put the bytes back for a row deleted meanwhile decides again") {
  Scene scene(store);
  StoredMedia first = scene.UploadWhole();
  StoredMedia second = scene.UploadWhole();  // the same bytes
  const std::string hash = first.content_hash;
  REQUIRE(store.DeleteUnsentChatMedia(first.media.id));
  int asked = 0;
  scene.files().Remove(hash, [&] {
    if (++asked > 1) return store.ContentInUse(hash);
    bool used = store.ContentInUse(hash);  // the second row is still there
    // The other server deletes the second row now and finds the file aside: it leaves it.
    scene.media.RemoveContent(store, scene.DeleteRow(second));
    return used;
  });
  CHECK(asked == 3);  // the stale answer, again once put back, and once more aside
  CHECK_FALSE(fs::exists(scene.PathOf(hash)));
  CHECK(scene.FilesInTemp() == 0);
}

STORE_RULE("a removal that cannot check whether its bytes are used keeps them; one that can deletes them") {
  Scene scene(store);
  StoredMedia only = scene.UploadWhole();
  std::vector<std::string> unused = scene.DeleteRow(only);
  scene.files().Remove(only.content_hash, []() -> bool { throw std::runtime_error("database away"); });
  CHECK(ReadAll(scene.PathOf(only.content_hash)) == kEngineBytes);
  scene.media.RemoveContent(store, unused);
  CHECK_FALSE(fs::exists(scene.PathOf(only.content_hash)));
  scene.media.RemoveContent(store, unused);  // twice: nothing left to remove is fine
}

STORE_RULE("at start, bytes a crashed removal held aside go back if a row uses them, and left-overs go") {
  using std::chrono::seconds;
  Scene scene(store);
  StoredMedia used = scene.UploadWhole();
  const fs::path used_path = scene.PathOf(used.content_hash);
  // A removal moved the file aside and the process died before it asked the database.
  fs::rename(used_path, scene.files().temp_dir() / "removing-crashed-while-in-use");
  // Another one held bytes no row uses; and an upload was cut off.
  fs::rename(scene.files().WriteTemp("bytes nobody stored"), scene.files().temp_dir() / "removing-crashed-unused");
  fs::path cut_off = scene.files().WriteTemp("half an upload");
  auto in_use = [&](const std::string& hash) { return store.ContentInUse(hash); };

  // Too recent: another server's removal or upload may still be at it.
  auto early = scene.files().TidyTemp(in_use, seconds(3600), seconds(3600));
  CHECK(early.restored == 0);
  CHECK(early.removed == 0);
  CHECK_FALSE(fs::exists(used_path));

  auto tidied = scene.files().TidyTemp(in_use, seconds(0), seconds(0));
  CHECK(tidied.restored == 1);
  CHECK(tidied.removed == 2);
  CHECK(ReadAll(used_path) == kEngineBytes);
  CHECK(scene.FilesInTemp() == 0);
  CHECK_FALSE(fs::exists(cut_off));
}
