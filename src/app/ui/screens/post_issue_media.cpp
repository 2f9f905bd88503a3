// Step 3 of the posting wizard: the engine-sound recorder (live level, countdown, press and hold
// on touch), photo and video buttons, files dropped onto the page, the list of what was added;
// and, after posting, each file's upload with its progress and a Retry button.
#include "ui/screens/post_issue_media.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "a11y/mirror.hpp"
#include "bridge/capture_bridge.hpp"
#include "bridge/media_texture.hpp"
#include "platform/display.hpp"
#include "platform/frame_scheduler.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

using app::Attachment;
using app::RecorderPhase;
using app::UploadPhase;

constexpr float kThumb = 56.0f;
constexpr float kRowPad = 12.0f;

// Level bars, newest on the right, filling `bb`; a recording's history or the live input.
void DrawLevelBars(ImDrawList* dl, const ImRect& bb, const std::vector<float>& levels, ImU32 color) {
  const float bar = 3.0f, gap = 2.0f;
  int slots = std::max(1, static_cast<int>((bb.GetWidth() + gap) / (bar + gap)));
  int n = static_cast<int>(levels.size());
  // A finished recording is squeezed to fit (each slot shows its loudest sample); a live one scrolls.
  float mid = bb.GetCenter().y, half = bb.GetHeight() * 0.5f;
  for (int i = 0; i < slots; ++i) {
    float v = 0;
    if (n > slots) {
      int from = i * n / slots, to = std::max(from + 1, (i + 1) * n / slots);
      for (int k = from; k < to; ++k) v = std::max(v, levels[k]);
    } else if (i < n) {
      v = levels[i];
    }
    float h = std::max(1.5f, v * half);
    float x = bb.Min.x + i * (bar + gap);
    dl->AddRectFilled(ImVec2(x, mid - h), ImVec2(x + bar, mid + h), color, 1.5f);
  }
}

// The last `count` levels (the live meter scrolls).
std::vector<float> Tail(const std::vector<float>& levels, size_t count) {
  if (levels.size() <= count) return levels;
  return std::vector<float>(levels.end() - static_cast<long>(count), levels.end());
}

// The record button: click (or Enter) starts and stops; a finger records while it is down.
void RecordButton(const app::Recorder& r, Dispatcher dispatch) {
  detail::AlignToColumn();
  const auto& c = Colors();
  bool recording = r.phase == RecorderPhase::Recording;
  bool busy = r.phase == RecorderPhase::Starting || r.phase == RecorderPhase::Stopping;
  const char* label = recording ? "Stop recording"
                      : r.phase == RecorderPhase::Starting ? "Waiting for the microphone\xE2\x80\xA6"
                      : r.phase == RecorderPhase::Stopping ? "Saving the recording\xE2\x80\xA6"
                                                           : "Record engine sound";
  ImGuiID id = ImGui::GetID("##record-button");  // one id whatever it says, so a held finger stays on it
  ImFont* font = GetFonts().body_bold;
  std::string content = std::string(recording ? icon::kStop : icon::kMicrophone) + "   " + label;
  ImVec2 ts = detail::MeasureText(font, content);
  float height = 56.0f;
  float width = IsPhoneWidth() ? detail::ColumnWidth() : std::max(260.0f, ts.x + 48.0f + (busy ? 26.0f : 0.0f));
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + width, pos.y + height));
  ImGui::ItemSize(bb);
  a11y::Node(id, {.role = a11y::Role::Button, .name = label, .rect = bb, .flags = busy ? a11y::kBusy : 0u});
  bool activated = a11y::TakeActivation(id) && !busy;
  bool hovered = false, held = false;
  bool pressed = false;
  if (ImGui::ItemAdd(bb, id)) {
    // Pressed on the way down, so holding starts at once.
    pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held, ImGuiButtonFlags_PressedOnClick) && !busy;
    if (hovered && !busy) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  if (pressed) dispatch(app::RecordPressed{bridge::LastPointerWasTouch()});
  else if (activated) dispatch(app::RecordPressed{false});
  else if (r.held && !held) dispatch(app::RecordReleased{});

  ImU32 bg = recording ? c.danger : c.primary;
  if (held || hovered) bg = recording ? IM_COL32(170, 38, 34, 255) : c.primary_hover;
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(bb.Min, bb.Max, bg, height * 0.5f);
  float content_w = ts.x + (busy ? 26.0f : 0.0f);
  ImVec2 tp(ImFloor(bb.Min.x + (width - content_w) * 0.5f), ImFloor(bb.Min.y + (height - ts.y) * 0.5f));
  if (busy) {
    detail::DrawSpinner(ImVec2(tp.x + 8, bb.GetCenter().y), 7.0f, c.on_primary);
    tp.x += 26.0f;
    platform::RequestFrameAfter(40);
  }
  detail::DrawText(font, tp, c.on_primary, content);
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, height * 0.5f);
}

// While recording: elapsed time, the countdown, the live level meter and the time used.
void RecordingPanel(const app::Recorder& r) {
  const auto& c = Colors();
  double left = std::max(0.0, kMaxRecordingSeconds - r.elapsed_seconds);
  detail::AlignToColumn();
  ImVec2 p = ImGui::GetCursorScreenPos();
  auto* dl = ImGui::GetWindowDrawList();
  // A pulsing red dot, like every recorder.
  double now = ImGui::GetTime();
  int alpha = 150 + static_cast<int>(105 * (0.5 + 0.5 * std::sin(now * 5.0)));
  dl->AddCircleFilled(ImVec2(p.x + 7, p.y + 11), 6.0f, (c.danger & 0x00FFFFFF) | (static_cast<ImU32>(alpha) << 24));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 20);
  TextLine("Recording " + app::ClockText(r.elapsed_seconds), TextStyle::BodyBold, c.danger, 160);
  ImGui::SameLine();
  std::string countdown = app::ClockText(left) + " left";
  float cw = detail::MeasureText(GetFonts().body_bold, countdown).x;
  ImGui::SetCursorPosX(detail::CurrentColumn().x + detail::ColumnWidth() - cw);
  TextLine(countdown, TextStyle::BodyBold, left <= 10 ? c.danger : c.text, cw + 1);

  detail::AlignToColumn();
  float w = detail::ColumnWidth();
  ImVec2 m = ImGui::GetCursorScreenPos();
  ImRect meter(m, ImVec2(m.x + w, m.y + 64));
  ImGui::ItemSize(meter);
  dl->AddRectFilled(meter.Min, meter.Max, c.surface_muted, 8.0f);
  ImRect bars(ImVec2(meter.Min.x + 10, meter.Min.y + 8), ImVec2(meter.Max.x - 10, meter.Max.y - 8));
  size_t slots = static_cast<size_t>((bars.GetWidth() + 2.0f) / 5.0f);
  DrawLevelBars(dl, bars, Tail(r.levels, slots), c.primary);
  a11y::Node(ImGui::GetID("##level"),
             {.role = a11y::Role::Text,
              .name = "Input level " + std::to_string(static_cast<int>(std::lround(r.level * 100))) + "%",
              .rect = meter});

  // The share of the 60 seconds used.
  detail::AlignToColumn();
  ImVec2 t = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, 6));
  float used = static_cast<float>(std::min(1.0, r.elapsed_seconds / kMaxRecordingSeconds));
  dl->AddRectFilled(t, ImVec2(t.x + w, t.y + 6), c.border, 3);
  dl->AddRectFilled(t, ImVec2(t.x + w * used, t.y + 6), left <= 10 ? c.danger : c.primary, 3);
  platform::RequestFrameAfter(50);  // the dot pulses between level ticks
}

void RefusedCard(const app::Recorder& r, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginCard("mic-refused", "Microphone blocked");
  IconTile(icon::kMicrophone, c.warning, c.warning_soft);
  using app::CaptureFailure;
  switch (r.failure) {
    case CaptureFailure::Denied:
      Heading("Microphone blocked", 3);
      Text("Your browser is not letting SalikChat use the microphone. To allow it:");
      Text("1.  Click the lock or settings icon at the left of the web address.", TextStyle::Body, c.text_muted);
      Text("2.  Open Site settings (or Permissions) and set Microphone to Allow.", TextStyle::Body, c.text_muted);
      Text("3.  Come back here and press Try again.", TextStyle::Body, c.text_muted);
      Text("On a phone, the same switch is under the browser's Settings, Site settings, Microphone.",
           TextStyle::Small, c.text_muted);
      break;
    case CaptureFailure::NoDevice:
      Heading("No microphone found", 3);
      Text("Connect a microphone or headset, or open SalikChat on your phone, then press Try again.");
      break;
    case CaptureFailure::Unsupported:
      Heading("This browser cannot record", 3);
      Text("Record the engine with your phone's voice recorder instead and add the file here, or try a current "
           "Chrome, Edge, Firefox or Safari.");
      break;
    case CaptureFailure::Other:
      Heading("The microphone did not start", 3);
      Text("Another app may be using it. Close that app, then press Try again.");
      break;
  }
  Spacer(4);
  if (Button("Try again", {.icon = icon::kRefresh, .width = IsPhoneWidth() ? -1.0f : 0.0f}))
    dispatch(app::RecordPressed{false});
  if (!IsPhoneWidth()) ImGui::SameLine();
  if (Button("Add a sound file", {.kind = ButtonKind::Secondary, .width = IsPhoneWidth() ? -1.0f : 0.0f}))
    dispatch(app::PickFiles{MediaType::Audio});
  EndCard();
}

void RecorderCard(const app::Recorder& r, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginCard("recorder", "Engine sound");
  Heading("Engine sound", 3);
  Text("Hold the phone near the engine while the problem happens. At most 60 seconds.", TextStyle::Body,
       c.text_muted);
  Spacer(4);
  bool live = r.phase == RecorderPhase::Recording || r.phase == RecorderPhase::Stopping;
  if (live) {
    RecordingPanel(r);
    Spacer(6);
  }
  RecordButton(r, dispatch);
  if (!live) {
    Text(IsPhoneWidth() ? "Hold to record and let go to stop, or tap once to start and again to stop."
                        : "Click to start, click again to stop.",
         TextStyle::Small, c.text_muted);
    if (Link("Add a sound file instead")) dispatch(app::PickFiles{MediaType::Audio});
  }
  EndCard();
}

void FilesCard(Dispatcher dispatch) {
  const auto& c = Colors();
  BeginCard("files", "Photos and video");
  Heading("Photos and video", 3);
  Text("Show the part, the warning light or the leak. Photos up to 5 MB (JPEG, PNG, WebP), videos up to 50 MB "
       "(MP4, WebM).",
       TextStyle::Body, c.text_muted);
  Spacer(2);
  bool phone = IsPhoneWidth();
  if (Button("Add photos", {.kind = ButtonKind::Secondary, .icon = icon::kCamera, .width = phone ? -1.0f : 0.0f}))
    dispatch(app::PickFiles{MediaType::Image});
  if (!phone) ImGui::SameLine();
  if (Button("Add video", {.kind = ButtonKind::Secondary, .icon = icon::kVideo, .width = phone ? -1.0f : 0.0f}))
    dispatch(app::PickFiles{MediaType::Video});
  if (!phone) Text("You can also drop files anywhere on this page.", TextStyle::Small, c.text_muted);
  EndCard();
}

// The thumbnail: the photo, the video's first frame, a recording's level bars, or the kind's icon.
void Thumbnail(const Attachment& a, const ImRect& bb) {
  const auto& c = Colors();
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(bb.Min, bb.Max, a.type == MediaType::Audio ? c.primary_soft : c.surface_muted, 8.0f);
  if (a.type == MediaType::Audio && !a.levels.empty()) {
    DrawLevelBars(dl, ImRect(ImVec2(bb.Min.x + 6, bb.Min.y + 10), ImVec2(bb.Max.x - 6, bb.Max.y - 10)), a.levels,
                  c.primary);
    return;
  }
  if (a.type != MediaType::Audio && a.handle) {
    bridge::MediaSource source{"upload-" + std::to_string(a.id), "", a.handle};
    const bridge::MediaTexture& tex =
        a.type == MediaType::Video ? bridge::VideoThumbnail(source) : bridge::PhotoTexture(source);
    if (tex.ready()) {
      // Cover the square: crop the longer side.
      float tw = static_cast<float>(tex.width), th = static_cast<float>(tex.height);
      ImVec2 uv0(0, 0), uv1(1, 1);
      if (tw > th) uv0.x = (1 - th / tw) * 0.5f, uv1.x = 1 - uv0.x;
      else uv0.y = (1 - tw / th) * 0.5f, uv1.y = 1 - uv0.y;
      dl->AddImageRounded(tex.id(), bb.Min, bb.Max, uv0, uv1, IM_COL32_WHITE, 8.0f);
      return;
    }
  }
  const char* glyph = a.type == MediaType::Audio ? icon::kMicrophone : a.type == MediaType::Video ? icon::kVideo
                                                                                                 : icon::kCamera;
  ImFont* font = GetFonts().h2;
  ImVec2 gs = detail::MeasureText(font, glyph);
  detail::DrawText(font, ImVec2(ImFloor(bb.GetCenter().x - gs.x * 0.5f), ImFloor(bb.GetCenter().y - gs.y * 0.5f)),
                   a.type == MediaType::Audio ? c.primary : c.text_faint, glyph);
}

std::string Details(const Attachment& a) {
  std::string kind = a.recorded ? "Recording" : a.type == MediaType::Audio ? "Sound" : a.type == MediaType::Video ? "Video" : "Photo";
  std::string out = kind;
  if (a.seconds > 0) out += " \xC2\xB7 " + app::ClockText(a.seconds);
  out += " \xC2\xB7 " + app::SizeText(a.bytes);
  return out;
}

// The upload's state in words: the listitem's name and the text beside the bar.
std::string UploadStatus(const Attachment& a) {
  switch (a.phase) {
    case UploadPhase::Draft: return "ready to upload";
    case UploadPhase::Waiting: return "waiting";
    case UploadPhase::Uploading: {
      int pct = a.bytes > 0 ? static_cast<int>(a.sent * 100 / a.bytes) : 0;
      return "uploading " + std::to_string(std::min(pct, 99)) + "%";
    }
    case UploadPhase::Done: return "uploaded";
    case UploadPhase::Failed: return "upload failed";
  }
  return {};
}

}  // namespace

// One attachment as a row of a list: thumbnail, name, details, and Remove (draft) or the upload's
// bar, status and Retry (posted).
void AttachmentRow(const Attachment& a, Dispatcher dispatch) {
  const auto& c = Colors();
  ImGui::PushID(a.id);
  detail::AlignToColumn();
  float w = detail::ColumnWidth();
  bool draft = a.phase == UploadPhase::Draft;
  ImVec2 start = ImGui::GetCursorScreenPos();
  std::string name = a.label + ", " + (draft ? Details(a) : UploadStatus(a));
  a11y::BeginContainer(ImGui::GetID("##row"), a11y::Role::ListItem, name);
  auto* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);

  ImRect thumb(ImVec2(start.x + kRowPad, start.y + kRowPad), ImVec2(start.x + kRowPad + kThumb, start.y + kRowPad + kThumb));
  Thumbnail(a, thumb);
  float text_x = thumb.Max.x + 12.0f;
  float right_w = draft ? 44.0f : a.phase == UploadPhase::Failed ? ButtonWidth("Retry", {.icon = icon::kRefresh, .small = true}) + 8 : 0.0f;
  float text_w = start.x + w - kRowPad - right_w - text_x;
  // Text at window-local positions, inside the row.
  float local_x = text_x - ImGui::GetWindowPos().x + ImGui::GetScrollX();
  detail::PushColumn(local_x, text_w);
  ImGui::SetCursorScreenPos(ImVec2(text_x, start.y + kRowPad));
  TextLine(a.label, TextStyle::BodyBold, c.text, text_w);
  if (draft) {
    TextLine(Details(a), TextStyle::Small, c.text_muted, text_w);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(text_x, ImGui::GetCursorScreenPos().y + 2));
    ImVec2 bar = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(text_w, 8));
    float done = a.phase == UploadPhase::Done ? 1.0f : a.bytes > 0 ? static_cast<float>(a.sent) / a.bytes : 0.0f;
    ImU32 fill = a.phase == UploadPhase::Failed ? c.danger : a.phase == UploadPhase::Done ? c.success : c.primary;
    dl->AddRectFilled(bar, ImVec2(bar.x + text_w, bar.y + 8), c.border, 4);
    if (done > 0) dl->AddRectFilled(bar, ImVec2(bar.x + ImMax(8.0f, text_w * std::min(done, 1.0f)), bar.y + 8), fill, 4);
    std::string status = UploadStatus(a);
    status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
    if (a.phase == UploadPhase::Failed && !a.error.empty()) status += ": " + a.error;
    if (a.phase == UploadPhase::Failed) Text(status, TextStyle::Small, c.danger);
    else TextLine(status, TextStyle::Small, a.phase == UploadPhase::Done ? c.success : c.text_muted, text_w);
  }
  detail::PopColumn();
  float bottom = std::max(ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y, thumb.Max.y) + kRowPad;

  if (draft || a.phase == UploadPhase::Failed) {
    float bx = start.x + w - kRowPad - (draft ? 36.0f : right_w - 8);
    ImGui::SetCursorScreenPos(ImVec2(bx, start.y + (bottom - start.y - 36.0f) * 0.5f));
    float local_bx = bx - ImGui::GetWindowPos().x + ImGui::GetScrollX();
    detail::PushColumn(local_bx, right_w);
    if (draft) {
      std::string remove = "Remove " + a.label;
      if (Button("Remove##remove", {.kind = ButtonKind::Ghost, .icon = icon::kTimes, .small = true, .icon_only = true,
                                    .accessible_name = remove}))
        dispatch(app::RemoveAttachment{a.id});
    } else if (Button("Retry", {.kind = ButtonKind::Secondary, .icon = icon::kRefresh, .small = true})) {
      dispatch(app::RetryUpload{a.id});
    }
    detail::PopColumn();
  }
  ImRect row(start, ImVec2(start.x + w, bottom));
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(row.Min, row.Max, c.surface, 10.0f);
  dl->AddRect(row.Min, row.Max, c.border, 10.0f);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, bottom));
  ImGui::Dummy(ImVec2(w, 0));
  a11y::EndContainer(row);
  ImGui::PopID();
}

bool WizardMediaBusy(const app::AppState& s) {
  auto phase = s.media_upload.recorder.phase;
  return phase == RecorderPhase::Starting || phase == RecorderPhase::Recording || phase == RecorderPhase::Stopping;
}

void DrawWizardMediaStep(app::AppState& s, Dispatcher dispatch) {
  const auto& m = s.media_upload;
  if (m.recorder.phase == RecorderPhase::Refused) RefusedCard(m.recorder, dispatch);
  else RecorderCard(m.recorder, dispatch);
  Spacer(8);
  FilesCard(dispatch);
  Banner(m.refusal);
  if (!m.draft.empty()) {
    Spacer(8);
    Heading("Added (" + std::to_string(m.draft.size()) + ")", 3);
    BeginList("attachments", "Added files");
    for (const auto& a : m.draft) AttachmentRow(a, dispatch);
    EndList();
    Text("Files upload after you post the issue.", TextStyle::Small, Colors().text_muted);
  }
  if (m.drop_hover) DropOverlay("Drop photos, videos or sound files to add them");
}

void DrawWizardUploads(app::AppState& s, Dispatcher dispatch) {
  const auto& uploads = s.media_upload.uploads;
  const std::string& issue = s.wizard.posted_issue_id;
  int count = 0, done = 0;
  for (const auto& a : uploads)
    if (a.issue_id == issue) ++count, done += a.phase == UploadPhase::Done;
  if (count == 0) return;
  Spacer(8);
  Heading(done == count ? "Files uploaded (" + std::to_string(count) + ")"
                        : "Uploading files (" + std::to_string(done) + " of " + std::to_string(count) + ")",
          3);
  BeginList("uploads", "Uploads");
  for (const auto& a : uploads)
    if (a.issue_id == issue) AttachmentRow(a, dispatch);
  EndList();
  if (done < count)
    Text("Your issue is already posted; keep this page open until the files are up.", TextStyle::Small,
         Colors().text_muted);
}

}  // namespace salik::ui
