#include "bridge/media_texture.hpp"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <unordered_map>

#include "platform/frame_scheduler.hpp"

extern "C" {
void salik_media_load_still(int handle, unsigned texture, const char* url, int is_video, int blob_handle);
void salik_media_video_open(int handle, unsigned texture, const char* url, int blob_handle);
void salik_media_video_sync(int handle, double* out);
void salik_media_video_control(int handle, int what, double seconds);
void salik_media_release(int handle);
}

namespace salik::bridge {
namespace {

enum class Kind { Photo, Thumbnail, Video };

struct Entry {
  int handle = 0;
  Kind kind = Kind::Photo;
  MediaTexture texture;
  VideoPlayback video;
  bool used = true;  // asked for since the last ReleaseUndrawnMedia
};

struct Registry {
  std::unordered_map<std::string, Entry> entries;  // by kind prefix + the caller's key
  std::unordered_map<int, std::string> keys;       // handle -> entry key, for the browser's answers
  int next_handle = 1;
};

Registry& R() {
  static Registry r;
  return r;
}

std::string EntryKey(Kind kind, const std::string& key) {
  return (kind == Kind::Photo ? "p:" : kind == Kind::Thumbnail ? "t:" : "v:") + key;
}

Entry* ByHandle(int handle) {
  auto k = R().keys.find(handle);
  if (k == R().keys.end()) return nullptr;
  auto e = R().entries.find(k->second);
  return e == R().entries.end() ? nullptr : &e->second;
}

void DeleteTexture(MediaTexture& t) {
  if (t.texture) glDeleteTextures(1, &t.texture);
  t.texture = 0;
}

// Finds or starts the entry for `source`; a new one gets a texture and starts loading.
Entry& Acquire(Kind kind, const MediaSource& source) {
  std::string key = EntryKey(kind, source.key.empty() ? source.url : source.key);
  auto [it, created] = R().entries.try_emplace(key);
  Entry& e = it->second;
  e.used = true;
  if (!created) return e;
  e.kind = kind;
  e.handle = R().next_handle++;
  R().keys[e.handle] = key;
  GLuint name = 0;
  glGenTextures(1, &name);
  if (kind == Kind::Video) {
    // The texture is filled by the first frame; until then the caller draws a placeholder.
    e.video.frame.texture = name;
    salik_media_video_open(e.handle, name, source.url.c_str(), source.blob_handle);
  } else {
    // Width 0 means "not in yet": texture stays 0 for callers until the picture has arrived.
    e.texture.texture = name;
    salik_media_load_still(e.handle, name, source.url.c_str(), kind == Kind::Thumbnail ? 1 : 0, source.blob_handle);
  }
  return e;
}

const MediaTexture& Still(Kind kind, const MediaSource& source) {
  static const MediaTexture loading;
  Entry& e = Acquire(kind, source);
  return e.texture.width > 0 || e.texture.failed ? e.texture : loading;
}

void Control(const std::string& key, int what, double seconds) {
  auto it = R().entries.find(EntryKey(Kind::Video, key));
  if (it != R().entries.end()) salik_media_video_control(it->second.handle, what, seconds);
}

}  // namespace

const MediaTexture& PhotoTexture(const MediaSource& source) { return Still(Kind::Photo, source); }
const MediaTexture& VideoThumbnail(const MediaSource& source) { return Still(Kind::Thumbnail, source); }

const VideoPlayback& Video(const MediaSource& source) {
  Entry& e = Acquire(Kind::Video, source);
  double out[8] = {0, 0, 1, 0, 0, 0, 0, 0};
  salik_media_video_sync(e.handle, out);
  VideoPlayback& v = e.video;
  v.current_seconds = out[0];
  v.duration_seconds = out[1];
  v.playing = out[2] == 0 && out[3] == 0;
  v.ended = out[3] != 0;
  v.failed = out[4] != 0;
  v.frame.width = out[7] != 0 ? static_cast<int>(out[5]) : 0;
  v.frame.height = out[7] != 0 ? static_cast<int>(out[6]) : 0;
  v.frame.failed = v.failed;
  return v;
}

void PlayVideo(const std::string& key) { Control(key, 1, 0); }
void PauseVideo(const std::string& key) { Control(key, 0, 0); }
void SeekVideo(const std::string& key, double seconds) { Control(key, 2, seconds); }

void ReleaseUndrawnMedia() {
  auto& entries = R().entries;
  for (auto it = entries.begin(); it != entries.end();) {
    Entry& e = it->second;
    if (e.used) {
      e.used = false;
      ++it;
      continue;
    }
    salik_media_release(e.handle);
    DeleteTexture(e.texture);
    DeleteTexture(e.video.frame);
    R().keys.erase(e.handle);
    it = entries.erase(it);
  }
}

int LiveMediaCount() { return static_cast<int>(R().entries.size()); }

}  // namespace salik::bridge

// --- called from web/media_texture_bridge.js
using salik::bridge::ByHandle;

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_media_still_loaded(int handle, int width, int height) {
  if (auto* e = ByHandle(handle)) {
    e->texture.width = width;
    e->texture.height = height;
    salik::platform::RequestFrames(2);
  }
}
EMSCRIPTEN_KEEPALIVE void salik_media_failed(int handle) {
  if (auto* e = ByHandle(handle)) {
    salik::bridge::DeleteTexture(e->texture);
    e->texture.failed = true;
    salik::platform::RequestFrames(2);
  }
}
// A new video frame or a change of state (playing, paused, ended, length known): one frame to show it.
EMSCRIPTEN_KEEPALIVE void salik_media_video_changed(int handle) {
  if (ByHandle(handle)) salik::platform::RequestFrames(1);
}
EMSCRIPTEN_KEEPALIVE int salik_media_live_count() { return salik::bridge::LiveMediaCount(); }
}
