// Photos and video frames as WebGL textures ImGui can draw (web/media_texture_bridge.js does the
// browser work). A texture lives while it is drawn: whatever was not asked for during a frame is
// freed by ReleaseUndrawnMedia at the frame's end, so leaving a page frees its pictures and videos.
//
// Sources are identified by a key the caller picks (a media id: signed URLs change on every fetch,
// the picture does not) and come from a URL or from a Blob handle (SalikMedia.addBlob in JS).
#pragma once

#include <string>

#include "imgui.h"

namespace salik::bridge {

struct MediaSource {
  std::string key;
  std::string url;      // used when blob_handle is 0
  int blob_handle = 0;  // a file picked or recorded in this tab
};

struct MediaTexture {
  unsigned texture = 0;  // the GL texture name; 0 until the picture is in it
  int width = 0, height = 0;
  bool failed = false;  // unreadable, refused, or gone
  bool ready() const { return texture != 0 && width > 0 && height > 0; }
  ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture)); }
};

// A photo, loading on first ask.
const MediaTexture& PhotoTexture(const MediaSource& source);
// A video's first frame, for a thumbnail.
const MediaTexture& VideoThumbnail(const MediaSource& source);

// A video being played: its current frame is uploaded to `frame` while it plays, and only then.
struct VideoPlayback {
  MediaTexture frame;  // ready once the first frame is in
  double current_seconds = 0;
  double duration_seconds = 0;  // 0 until known
  bool playing = false;
  bool ended = false;
  bool failed = false;
};
// The video for `source` (one per key while drawn); syncs its newest frame and state.
const VideoPlayback& Video(const MediaSource& source);
void PlayVideo(const std::string& key);
void PauseVideo(const std::string& key);
void SeekVideo(const std::string& key, double seconds);

// Frees every texture and video not asked for since the last call. Call once at a frame's end.
void ReleaseUndrawnMedia();
// How many textures and videos are alive (tests read it through salik_media_live_count).
int LiveMediaCount();

}  // namespace salik::bridge
