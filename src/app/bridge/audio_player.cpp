#include "bridge/audio_player.hpp"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <string>

#include "bridge/audio_clip.hpp"

extern "C" {
void salik_audio_decode(int handle, const char* url);
void salik_audio_forget(int handle);
void salik_audio_play(int handle, double from, double loop_start, double loop_end);
void salik_audio_stop();
double salik_audio_position();
}

namespace salik::bridge {
namespace {

// JS keeps decoded buffers by a handle; the handle names one decode of one recording, so a late
// answer for a recording the player has left is recognised and dropped.
struct Player {
  std::function<void(const app::Action&)> dispatch;
  int next_handle = 1;
  int handle = 0;          // the current decode
  std::string media_id;    // what it decodes
};

Player& P() {
  static Player p;
  return p;
}

std::string FailureMessage(const std::string& reason) {
  if (reason == "expired") return "The link to this recording has expired. Reload the page to play it.";
  if (reason == "http") return "The recording could not be downloaded. Check your connection and reload.";
  return "This recording could not be decoded by your browser.";
}

}  // namespace

bool RunAudioCommand(const app::Command& command, const std::function<void(const app::Action&)>& dispatch) {
  Player& p = P();
  p.dispatch = dispatch;
  if (auto* decode = std::get_if<app::DecodeAudio>(&command)) {
    if (p.handle) salik_audio_forget(p.handle);
    p.handle = p.next_handle++;
    p.media_id = decode->media_id;
    salik_audio_decode(p.handle, decode->url.c_str());
    return true;
  }
  if (auto* play = std::get_if<app::PlayAudio>(&command)) {
    if (play->media_id == p.media_id) salik_audio_play(p.handle, play->from, play->loop_start, play->loop_end);
    return true;
  }
  if (std::holds_alternative<app::StopAudio>(command)) {
    salik_audio_stop();
    return true;
  }
  return false;
}

double AudioPosition() { return salik_audio_position(); }

}  // namespace salik::bridge

// --- called from web/audio_bridge.js
extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_on_audio_decoded(int handle, const float* samples, int count, double sample_rate) {
  using namespace salik;
  auto& p = bridge::P();
  if (handle != p.handle || !p.dispatch) return;
  // The analysis starts here and goes on frame by frame (the recording player steps it).
  const auto& clip = bridge::KeepClip(p.media_id, std::vector<float>(samples, samples + count), sample_rate);
  p.dispatch(app::AudioDecoded{p.media_id, clip.Duration()});
}

EMSCRIPTEN_KEEPALIVE void salik_on_audio_failed(int handle, const char* reason) {
  using namespace salik;
  auto& p = bridge::P();
  if (handle != p.handle || !p.dispatch) return;
  p.dispatch(app::AudioFailed{p.media_id, bridge::FailureMessage(reason ? reason : "")});
}

EMSCRIPTEN_KEEPALIVE void salik_on_audio_ended(int handle) {
  using namespace salik;
  auto& p = bridge::P();
  if (handle != p.handle || !p.dispatch) return;
  p.dispatch(app::AudioEnded{p.media_id});
}
}
