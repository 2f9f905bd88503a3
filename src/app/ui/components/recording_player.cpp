#include "ui/components/recording_player.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "a11y/mirror.hpp"
#include "bridge/audio_clip.hpp"
#include "bridge/audio_player.hpp"
#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/frequency_axis.hpp"
#include "platform/frame_scheduler.hpp"
#include "state/player_text.hpp"
#include "ui/components/spectrogram_view.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

using Dispatch = void (*)(const app::Action&);

constexpr float kWaveformHeight = 72.0f;
// The analysis's share of a frame: with layout and drawing the frame stays near 10 ms, so the
// page keeps answering while a 60 s recording is analysed over a few seconds.
constexpr double kAnalysisBudgetMs = 6.0;

// A drag on the waveform: where it started, in seconds.
struct WaveDrag {
  bool active = false;
  double from = 0;
  double to = 0;
  bool moved = false;
};

WaveDrag& Wd() {
  static WaveDrag d;
  return d;
}

// The waveform overview of the whole recording: click seeks, drag selects a part to loop.
void Waveform(const app::PlayerState& p, const bridge::AudioClip& clip, double cursor, Dispatch dispatch) {
  const auto& c = Colors();
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID("##waveform");
  float width = detail::ColumnWidth();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + width, pos.y + kWaveformHeight));
  ImGui::ItemSize(bb);
  std::string name = "Waveform, " + app::PlayerClock(p.duration) + " long";
  a11y::Node(id, {.role = a11y::Role::Text, .name = name, .rect = bb});
  if (!ImGui::ItemAdd(bb, id)) return;
  double duration = std::max(p.duration, 1e-3);
  auto x_of = [&](double t) { return bb.Min.x + static_cast<float>(t / duration) * bb.GetWidth(); };
  auto t_of = [&](float x) { return std::clamp((x - bb.Min.x) / bb.GetWidth() * duration, 0.0, p.duration); };

  bool hovered = false, held = false;
  ImGui::ButtonBehavior(bb, id, &hovered, &held, ImGuiButtonFlags_PressedOnClickRelease);
  ImGuiIO& io = ImGui::GetIO();
  WaveDrag& drag = Wd();
  if (ImGui::IsItemActivated()) drag = {true, t_of(io.MousePos.x), t_of(io.MousePos.x), false};
  if (held && drag.active) {
    drag.to = t_of(io.MousePos.x);
    if (std::fabs(x_of(drag.to) - x_of(drag.from)) > 6.0f) drag.moved = true;
  }
  if (ImGui::IsItemDeactivated() && drag.active) {
    if (drag.moved) dispatch(app::PlayerSetLoop{drag.from, drag.to});
    else dispatch(app::PlayerSeek{drag.from});
    drag = {};
  }
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(bb.Min, bb.Max, c.surface_muted, 8.0f);
  // The selection being dragged, or the loop that is set.
  bool dragging = drag.active && drag.moved;
  if (dragging || p.looping) {
    double a = dragging ? std::min(drag.from, drag.to) : p.loop_start;
    double b = dragging ? std::max(drag.from, drag.to) : p.loop_end;
    dl->AddRectFilled(ImVec2(x_of(a), bb.Min.y), ImVec2(x_of(b), bb.Max.y), c.primary_soft);
    dl->AddLine(ImVec2(x_of(a), bb.Min.y), ImVec2(x_of(a), bb.Max.y), c.primary, 1.0f);
    dl->AddLine(ImVec2(x_of(b), bb.Min.y), ImVec2(x_of(b), bb.Max.y), c.primary, 1.0f);
  }
  // When the spectrogram is zoomed, the part it shows is outlined here, so the overview says where.
  if (p.view_end - p.view_start < p.duration - 1e-6) {
    dl->AddRect(ImVec2(x_of(p.view_start), bb.Min.y), ImVec2(x_of(p.view_end), bb.Max.y), c.text_faint, 4.0f, 0, 1.5f);
  }
  // Columns two pixels apart: calm, and cheap to draw.
  const float step = 2.0f;
  size_t columns = static_cast<size_t>(std::max(1.0f, bb.GetWidth() / step));
  const auto& peaks = bridge::ClipPeaks(clip, columns);
  float mid = (bb.Min.y + bb.Max.y) * 0.5f;
  float half = kWaveformHeight * 0.5f - 6.0f;
  float peak_abs = 1e-3f;
  for (const auto& col : peaks) peak_abs = std::max({peak_abs, std::fabs(col.min), std::fabs(col.max)});
  float gain = half / peak_abs;  // quiet recordings fill the height too
  float cursor_x = x_of(cursor);
  for (size_t i = 0; i < peaks.size(); ++i) {
    float x = bb.Min.x + (i + 0.5f) * step;
    float top = mid - std::max(peaks[i].max * gain, 0.5f);
    float bottom = mid - std::min(peaks[i].min * gain, -0.5f);
    dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), x <= cursor_x ? c.primary : c.border_strong, 1.4f);
  }
  dl->AddLine(ImVec2(cursor_x, bb.Min.y + 2), ImVec2(cursor_x, bb.Max.y - 2), c.primary_pressed, 2.0f);
  dl->AddCircleFilled(ImVec2(cursor_x, bb.Min.y + 3), 4.0f, c.primary_pressed);
}

void Controls(const app::PlayerState& p, double cursor, Dispatch dispatch) {
  const auto& c = Colors();
  if (p.playing) {
    if (Button("Pause", {.icon = icon::kPause, .small = true})) dispatch(app::PlayerPause{cursor});
  } else {
    if (Button("Play", {.icon = icon::kPlay, .small = true})) dispatch(app::PlayerPlay{p.position});
  }
  ImGui::SameLine(0, 12);
  std::string clock = app::PlayerClock(cursor) + " / " + app::PlayerClock(p.duration);
  float text_h = detail::MeasureText(GetFonts().body, clock).y;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (36.0f - text_h) * 0.5f);
  Text(clock, TextStyle::Body, c.text);
  if (p.looping) {
    std::string loop = "Looping " + app::PlayerClock(p.loop_start) + "\xE2\x80\x93" + app::PlayerClock(p.loop_end);
    float w = ButtonWidth("Stop looping", {.kind = ButtonKind::Secondary, .icon = icon::kRepeat, .small = true});
    SameLineIfFits(w);
    if (Button("Stop looping", {.kind = ButtonKind::Secondary, .icon = icon::kRepeat, .small = true}))
      dispatch(app::PlayerClearLoop{cursor});
    Text(loop, TextStyle::Small, c.text_muted);
  } else {
    Text("Click the waveform to jump there; drag across it to loop a part.", TextStyle::Small, c.text_faint);
  }
}

void ZoomControls(const app::PlayerState& p, double cursor, Dispatch dispatch) {
  double span = p.view_end - p.view_start;
  // Zooming keeps the cursor in view when it is; otherwise the view's centre stays put.
  double centre = cursor >= p.view_start && cursor <= p.view_end ? cursor : p.view_start + span / 2;
  auto zoom = [&](double factor) {
    double a = centre - (centre - p.view_start) * factor;
    dispatch(app::PlayerZoom{a, a + span * factor});
  };
  bool zoomed = span < p.duration - 1e-6;
  ButtonOptions o{.kind = ButtonKind::Secondary, .small = true};
  o.icon = icon::kSearchPlus;
  if (Button("Zoom in", o)) zoom(0.5);
  ImGui::SameLine(0, 8);
  o.icon = icon::kSearchMinus;
  o.disabled = !zoomed;
  if (Button("Zoom out", o)) zoom(2.0);
  ImGui::SameLine(0, 8);
  o.icon = nullptr;
  if (Button("Show all", o)) dispatch(app::PlayerZoom{0, p.duration});
}

// The dominant frequency of the looped part alone (a rev, a knock between idles), worked out
// again only when the selection changes.
std::optional<double> SelectionHz(const app::PlayerState& p, const bridge::AudioClip& clip) {
  struct Cache {
    int revision = -1;
    double start = -1, end = -1;
    std::optional<double> hz;
  };
  static Cache cache;
  if (cache.revision != clip.revision || cache.start != p.loop_start || cache.end != p.loop_end) {
    dsp::ToneSearch search;
    search.first_frame = clip.spectrogram().FrameAt(p.loop_start);
    search.last_frame = clip.spectrogram().FrameAt(p.loop_end) + 1;
    auto tone = dsp::DominantFrequency(clip.spectrogram(), search);
    cache = {clip.revision, p.loop_start, p.loop_end, tone ? std::optional<double>(tone->hz) : std::nullopt};
  }
  return cache.hz;
}

void Analysis(const app::PlayerState& p, const bridge::AudioClip& clip, Dispatch dispatch) {
  const auto& c = Colors();
  Text(app::DominantFrequencyText(p.dominant_hz), TextStyle::BodyBold, c.text);
  std::optional<double> hz = p.dominant_hz;
  if (p.looping) {
    std::optional<double> part = SelectionHz(p, clip);
    std::string where = "In the loop (" + app::PlayerClock(p.loop_start) + "\xE2\x80\x93" + app::PlayerClock(p.loop_end) + "): ";
    Text(where + (part ? dsp::FormatHz(*part) : std::string("no clear tone")), TextStyle::Body, c.text);
    if (part) hz = part;
  }
  if (!hz) {
    Text("The recording has no steady tone above its noise. Record closer to the engine, with it running steadily.",
         TextStyle::Small, c.text_muted);
    return;
  }
  Text("If this is the engine's firing frequency, its speed depends on the number of cylinders:", TextStyle::Small,
       c.text_muted);
  std::vector<std::string_view> options;
  std::vector<std::string> labels;
  for (int n : app::kCylinderChoices) labels.push_back(std::to_string(n));
  for (const auto& l : labels) options.push_back(l);
  int selected = p.cylinders;
  if (Segmented("Cylinders", selected, options)) dispatch(app::PlayerCylinders{selected});
  int cylinders = app::kCylinderChoices[std::clamp(p.cylinders, 0, 3)];
  Text(app::RpmText(*hz, cylinders), TextStyle::BodyBold, c.primary);
  std::string caveat = app::RpmCaveat(dsp::EngineRpm(*hz, cylinders));
  if (!caveat.empty()) Text(caveat, TextStyle::Small, c.text_muted);
}

// Moves the clip's analysis on by one frame's share and keeps frames coming until it is done
// (the app draws only when asked); reports the results once.
void AdvanceAnalysis(const app::PlayerState& p, const bridge::AudioClip& clip, Dispatch dispatch) {
  if (p.analysed) return;
  if (clip.Analysed() || bridge::AdvanceClipAnalysis(kAnalysisBudgetMs)) {
    std::optional<double> hz;
    if (clip.tone()) hz = clip.tone()->hz;
    dispatch(app::AudioAnalysed{p.media_id, hz});
  } else {
    platform::RequestFrames(1);
  }
}

}  // namespace

void DrawRecordingPlayer(const app::PlayerState& p, Dispatch dispatch) {
  const Media* media = app::PlayerMedia(p);
  if (!media) return;
  const auto& c = Colors();
  BeginCard("recording-player", "Engine recording");
  IconTile(icon::kMicrophone, c.primary, c.primary_soft);
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  Heading(media->label.empty() ? "Recording" : media->label, 3);
  std::string meta = p.load == app::ClipLoad::Ready ? app::PlayerClock(p.duration) + " long" : "Recording";
  Text(meta, TextStyle::Small, c.text_muted);
  ImGui::EndGroup();

  // Other recordings of the issue: one button each.
  std::vector<const Media*> recordings;
  for (const auto& m : p.issue_media)
    if (m.media_type == MediaType::Audio) recordings.push_back(&m);
  if (recordings.size() > 1) {
    std::vector<std::string_view> names;
    int selected = 0;
    for (size_t i = 0; i < recordings.size(); ++i) {
      names.push_back(recordings[i]->label);
      if (recordings[i]->id == p.media_id) selected = static_cast<int>(i);
    }
    if (Segmented("Recordings", selected, names)) dispatch(app::PlayerSelect{recordings[selected]->id});
  }

  if (p.load == app::ClipLoad::Failed) {
    Banner(p.error);
    EndCard();
    return;
  }
  const bridge::AudioClip* clip = bridge::FindClip(p.media_id);
  if (p.load != app::ClipLoad::Ready || !clip) {
    Text("Loading the recording\xE2\x80\xA6", TextStyle::Body, c.text_muted);
    EndCard();
    return;
  }
  bool analysed = p.analysed;  // as this frame began: a finished analysis shows from the next frame
  AdvanceAnalysis(p, *clip, dispatch);

  // The live position while playing (and a frame after this one to move the cursor on).
  double cursor = p.position;
  if (p.playing) {
    double live = bridge::AudioPosition();
    if (live >= 0) cursor = live;
    platform::RequestFrames(1);
  }

  Waveform(p, *clip, cursor, dispatch);
  Spacer(4);
  Controls(p, cursor, dispatch);
  Spacer(8);

  float spectrogram_height = IsPhoneWidth() ? 170.0f : 230.0f;
  if (!analysed) {  // the waveform and playback are ready; the spectrogram and readings follow
    SpectrogramProgress("##spectrogram", clip->analysis.Progress(), spectrogram_height);
    EndCard();
    return;
  }
  const auto& range = app::kFrequencyRanges[std::clamp(p.frequency_range, 0, 2)];
  SpectrogramSpec spec{.clip = clip, .view_start = p.view_start, .view_end = p.view_end, .min_hz = range.min_hz,
                       .max_hz = range.max_hz, .cursor = cursor, .looping = p.looping, .loop_start = p.loop_start,
                       .loop_end = p.loop_end, .height = spectrogram_height};
  SpectrogramInput in = SpectrogramView("##spectrogram", spec);
  if (in.seek) dispatch(app::PlayerSeek{*in.seek});
  if (in.zoom_start && in.zoom_end) dispatch(app::PlayerZoom{*in.zoom_start, *in.zoom_end});
  Spacer(4);
  ZoomControls(p, cursor, dispatch);
  std::vector<std::string_view> ranges;
  for (const auto& r : app::kFrequencyRanges) ranges.push_back(r.label);
  int frequency = p.frequency_range;
  if (Segmented("Frequency range", frequency, ranges)) dispatch(app::PlayerFrequencyRange{frequency});
  Spacer(8);
  Analysis(p, *clip, dispatch);
  EndCard();
}

}  // namespace salik::ui
