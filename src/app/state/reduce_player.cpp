// The recording player: which of the issue's recordings is loaded, play / pause / seek, the loop
// selection, zoom and the cylinder count. Pure; the audio bridge carries out the commands.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "state/reduce.hpp"
#include "state/reduce_player.hpp"

namespace salik::app {
namespace {

constexpr double kShortestLoop = 0.05;  // seconds: a shorter drag is a click, not a selection
constexpr double kShortestView = 0.05;  // seconds: the deepest time zoom

std::vector<Media> MediaOfIssue(const std::string& body) {
  std::vector<Media> media;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("media") || !j["media"].is_array()) return media;
  for (const auto& item : j["media"]) {
    if (!item.is_object()) continue;
    Media m = item.get<Media>();
    if (!m.id.empty() && !m.url.empty()) media.push_back(std::move(m));  // else unreadable: left out
  }
  return media;
}

double Clamp(double t, double duration) { return std::clamp(std::isfinite(t) ? t : 0.0, 0.0, std::max(duration, 0.0)); }

// Forgets the loaded recording (the issue's media list stays).
Commands Unload(PlayerState& p) {
  Commands out;
  if (p.playing) out.push_back(StopAudio{});
  PlayerState fresh;
  fresh.issue_media = std::move(p.issue_media);
  fresh.issue_id = p.issue_id;
  fresh.frequency_range = p.frequency_range;  // the mechanic's choices carry over
  fresh.cylinders = p.cylinders;
  p = std::move(fresh);
  return out;
}

Commands Load(PlayerState& p, const Media& m) {
  Commands out = Unload(p);
  p.media_id = m.id;
  p.load = ClipLoad::Loading;
  out.push_back(DecodeAudio{m.id, m.url});
  return out;
}

PlayAudio PlayFrom(const PlayerState& p, double from) {
  PlayAudio play{p.media_id, from, 0, 0};
  if (p.looping) {
    play.loop_start = p.loop_start;
    play.loop_end = p.loop_end;
  }
  return play;
}

Commands OnIssueLoaded(PlayerState& p, const HttpDone& done) {
  if (done.status != 200) return {};
  Commands out;
  if (done.context != p.issue_id) {
    out = Unload(p);
    p.issue_id = done.context;
  }
  p.issue_media = MediaOfIssue(done.body);
  if (PlayerMedia(p)) return out;  // the same recording is still there (signed URLs change; sound does not)
  Commands more = Unload(p);
  out.insert(out.end(), more.begin(), more.end());
  for (const auto& m : p.issue_media)
    if (m.media_type == MediaType::Audio) {
      more = Load(p, m);
      out.insert(out.end(), more.begin(), more.end());
      break;
    }
  return out;
}

}  // namespace

const Media* PlayerMedia(const PlayerState& p) {
  for (const auto& m : p.issue_media)
    if (m.id == p.media_id && m.media_type == MediaType::Audio) return &m;
  return nullptr;
}

Commands LeavePlayer(AppState& s, const Route& next) {
  bool same_issue = (next.screen == Screen::IssueDetail || next.screen == Screen::Respond) && next.id == s.player.issue_id;
  if (same_issue || !s.player.playing) return {};
  s.player.playing = false;
  return {StopAudio{}};
}

Commands ReducePlayer(AppState& s, const Action& action) {
  PlayerState& p = s.player;
  if (auto* done = std::get_if<HttpDone>(&action)) {
    return done->request == Request::Issue ? OnIssueLoaded(p, *done) : Commands{};
  }
  if (auto* open = std::get_if<PlayerOpenRecording>(&action)) {
    if (open->media.media_type != MediaType::Audio || open->media.url.empty()) return {};
    p.issue_id.clear();  // not an issue's: the issue page loads its own again
    p.issue_media = {open->media};
    return Load(p, open->media);
  }
  if (auto* select = std::get_if<PlayerSelect>(&action)) {
    if (select->media_id == p.media_id) return {};
    for (const auto& m : p.issue_media)
      if (m.id == select->media_id && m.media_type == MediaType::Audio) return Load(p, m);
    return {};
  }
  if (auto* decoded = std::get_if<AudioDecoded>(&action)) {
    if (decoded->media_id != p.media_id || p.load != ClipLoad::Loading) return {};
    p.load = ClipLoad::Ready;
    p.duration = std::max(0.0, decoded->duration);
    p.view_start = 0;
    p.view_end = p.duration;
    return {};
  }
  if (auto* analysed = std::get_if<AudioAnalysed>(&action)) {
    if (analysed->media_id != p.media_id || p.load != ClipLoad::Ready) return {};
    p.analysed = true;
    p.dominant_hz = analysed->dominant_hz;
    return {};
  }
  if (auto* failed = std::get_if<AudioFailed>(&action)) {
    if (failed->media_id != p.media_id) return {};
    p.load = ClipLoad::Failed;
    p.playing = false;
    p.error = failed->message.empty() ? "This recording could not be played." : failed->message;
    return {};
  }
  if (auto* ended = std::get_if<AudioEnded>(&action)) {
    if (ended->media_id != p.media_id || !p.playing || p.looping) return {};
    p.playing = false;
    p.position = p.duration;
    return {};
  }
  if (auto* cyl = std::get_if<PlayerCylinders>(&action)) {
    p.cylinders = std::clamp(cyl->index, 0, static_cast<int>(std::size(kCylinderChoices)) - 1);
    return {};
  }
  if (auto* range = std::get_if<PlayerFrequencyRange>(&action)) {
    p.frequency_range = std::clamp(range->index, 0, static_cast<int>(std::size(kFrequencyRanges)) - 1);
    return {};
  }
  // Everything below needs a decoded recording.
  if (p.load != ClipLoad::Ready) return {};
  if (auto* play = std::get_if<PlayerPlay>(&action)) {
    double from = Clamp(play->from, p.duration);
    if (from >= p.duration - 1e-3) from = 0;  // play after the end starts again
    if (p.looping && (from < p.loop_start || from >= p.loop_end)) from = p.loop_start;
    p.playing = true;
    p.position = from;
    return {PlayFrom(p, from)};
  }
  if (auto* pause = std::get_if<PlayerPause>(&action)) {
    p.position = Clamp(pause->at, p.duration);
    if (!p.playing) return {};
    p.playing = false;
    return {StopAudio{}};
  }
  if (auto* seek = std::get_if<PlayerSeek>(&action)) {
    p.position = Clamp(seek->to, p.duration);
    if (p.looping && (p.position < p.loop_start || p.position > p.loop_end)) p.looping = false;
    if (!p.playing) return {};
    return {PlayFrom(p, p.position)};
  }
  if (auto* loop = std::get_if<PlayerSetLoop>(&action)) {
    double a = Clamp(std::min(loop->start, loop->end), p.duration);
    double b = Clamp(std::max(loop->start, loop->end), p.duration);
    if (b - a < kShortestLoop) return {};
    p.looping = true;
    p.loop_start = a;
    p.loop_end = b;
    p.position = a;
    if (!p.playing) return {};
    return {PlayFrom(p, a)};
  }
  if (auto* clear = std::get_if<PlayerClearLoop>(&action)) {
    if (!p.looping) return {};
    p.looping = false;
    p.position = Clamp(clear->at, p.duration);
    if (!p.playing) return {};
    return {PlayFrom(p, p.position)};  // carries on from where it is, without repeating
  }
  if (auto* zoom = std::get_if<PlayerZoom>(&action)) {
    double span = std::clamp(std::fabs(zoom->end - zoom->start), std::min(kShortestView, p.duration), p.duration);
    double start = std::clamp(std::min(zoom->start, zoom->end), 0.0, p.duration - span);
    if (!std::isfinite(start) || !std::isfinite(span)) return {};
    p.view_start = start;
    p.view_end = start + span;
    return {};
  }
  return {};
}

}  // namespace salik::app
