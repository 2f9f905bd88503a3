#include "ui/components/media_viewer.hpp"

#include <cmath>
#include <string>

#include "a11y/mirror.hpp"
#include "bridge/media_texture.hpp"
#include "bridge/media_viewer_input.hpp"
#include "platform/display.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

// The viewer is dark whatever the theme: photos and video read best on black.
constexpr ImU32 kScrim = IM_COL32(10, 12, 15, 255);
constexpr ImU32 kOnScrim = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kOnScrimMuted = IM_COL32(190, 198, 206, 255);
constexpr ImU32 kControl = IM_COL32(255, 255, 255, 34);
constexpr ImU32 kControlHover = IM_COL32(255, 255, 255, 70);
// Controls over the photo itself (previous / next) must read on any picture, light or dark.
constexpr ImU32 kControlOnPhoto = IM_COL32(0, 0, 0, 130);
constexpr ImU32 kControlOnPhotoHover = IM_COL32(0, 0, 0, 180);
constexpr float kBarHeight = 64.0f;     // the viewer's top and bottom bars
constexpr float kControlRadius = 22.0f; // 44 px round controls, for fingers
constexpr float kSkipSeconds = 5.0;
constexpr const char* kPopupId = "##media-viewer";

// Whether a tile of the open viewer's items was drawn this frame: when none is (the user went
// back, or the page changed under the viewer), the viewer closes with its page.
bool& OpenItemTileDrawn() {
  static bool drawn = false;
  return drawn;
}

bridge::MediaSource SourceOf(const Media& m) { return {m.id, m.url, 0}; }

std::string DurationText(const Media& m) {
  return m.duration_seconds ? app::PlaybackTime(*m.duration_seconds) : std::string();
}

// The centre square of a w x h picture, so a tile is filled without stretching.
void CoverUv(float w, float h, ImVec2& uv0, ImVec2& uv1) {
  if (w >= h) {
    float cut = (1.0f - h / w) * 0.5f;
    uv0 = ImVec2(cut, 0);
    uv1 = ImVec2(1.0f - cut, 1);
  } else {
    float cut = (1.0f - w / h) * 0.5f;
    uv0 = ImVec2(0, cut);
    uv1 = ImVec2(1, 1.0f - cut);
  }
}

void DrawPlayMark(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  dl->AddTriangleFilled(ImVec2(c.x - r * 0.38f, c.y - r * 0.55f), ImVec2(c.x - r * 0.38f, c.y + r * 0.55f),
                        ImVec2(c.x + r * 0.58f, c.y), col);
}

void DrawPauseMark(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  float w = r * 0.22f, h = r * 0.5f, gap = r * 0.16f;
  dl->AddRectFilled(ImVec2(c.x - gap - w, c.y - h), ImVec2(c.x - gap, c.y + h), col, 1.5f);
  dl->AddRectFilled(ImVec2(c.x + gap, c.y - h), ImVec2(c.x + gap + w, c.y + h), col, 1.5f);
}

// Plus and minus as bars, so the two zoom buttons match (the font's minus is thinner than its plus).
void DrawPlusMinusMark(ImDrawList* dl, ImVec2 c, float r, ImU32 col, bool plus) {
  float half = r * 0.42f, t = 1.25f;
  dl->AddRectFilled(ImVec2(c.x - half, c.y - t), ImVec2(c.x + half, c.y + t), col, 1.0f);
  if (plus) dl->AddRectFilled(ImVec2(c.x - t, c.y - half), ImVec2(c.x + t, c.y + half), col, 1.0f);
}

enum class Mark { Glyph, Play, Pause, Plus, Minus };

// A round control on the dark viewer; `name` is its accessible name in the mirror.
bool RoundButton(const char* id_str, std::string_view name, ImVec2 centre, Mark mark, const char* glyph = nullptr,
                 float radius = kControlRadius, bool on_photo = false) {
  ImGuiID id = ImGui::GetID(id_str);
  ImRect bb(ImVec2(centre.x - radius, centre.y - radius), ImVec2(centre.x + radius, centre.y + radius));
  a11y::Node(id, {.role = a11y::Role::Button, .name = name, .rect = bb});
  ImGui::ItemAdd(bb, id);
  bool hovered = false, held = false;
  bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (a11y::TakeActivation(id)) pressed = true;
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  auto* dl = ImGui::GetWindowDrawList();
  if (on_photo) {
    dl->AddCircleFilled(centre, radius, hovered || held ? kControlOnPhotoHover : kControlOnPhoto, 32);
    dl->AddCircle(centre, radius, IM_COL32(255, 255, 255, 90), 32, 1.0f);
  } else {
    dl->AddCircleFilled(centre, radius, hovered || held ? kControlHover : kControl, 32);
  }
  if (mark == Mark::Play) DrawPlayMark(dl, centre, radius * 0.7f, kOnScrim);
  if (mark == Mark::Pause) DrawPauseMark(dl, centre, radius * 0.7f, kOnScrim);
  if (mark == Mark::Plus || mark == Mark::Minus) DrawPlusMinusMark(dl, centre, radius * 0.7f, kOnScrim, mark == Mark::Plus);
  if (mark == Mark::Glyph && glyph) {
    ImFont* font = GetFonts().body_bold;
    ImVec2 size = detail::MeasureText(font, glyph);
    detail::DrawText(font, ImVec2(ImFloor(centre.x - size.x * 0.5f), ImFloor(centre.y - size.y * 0.5f)), kOnScrim, glyph);
  }
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, radius);
  return pressed;
}

// A line of text on the viewer, declared to the mirror; returns its size.
ImVec2 ViewerText(const char* id_str, std::string_view text, ImVec2 pos, ImFont* font, ImU32 color,
                  std::string_view accessible_name = {}) {
  ImVec2 size = detail::MeasureText(font, text);
  detail::DrawText(font, pos, color, text);
  a11y::Node(ImGui::GetID(id_str), {.role = a11y::Role::Text,
                                    .name = accessible_name.empty() ? text : accessible_name,
                                    .rect = ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y))});
  return size;
}

void CentredNote(std::string_view text, const app::ViewBox& view) {
  ImFont* font = GetFonts().body;
  ImVec2 size = detail::MeasureText(font, text);
  ViewerText("##note", text, ImVec2(ImFloor(view.x + (view.w - size.x) * 0.5f), ImFloor(view.y + (view.h - size.y) * 0.5f)),
             font, kOnScrimMuted);
}

// --- the photo viewer

void DrawPhoto(app::MediaViewer& v, const Media& m, const app::ViewBox& view) {
  const bridge::MediaTexture& tex = bridge::PhotoTexture(SourceOf(m));
  float iw = static_cast<float>(tex.width), ih = static_cast<float>(tex.height);
  ImGuiIO& io = ImGui::GetIO();
  ImRect area(ImVec2(view.x, view.y), ImVec2(view.x + view.w, view.y + view.h));

  // Pointer: drag pans, the wheel zooms about the pointer. Touch and keys come as gestures.
  ImGuiID area_id = ImGui::GetID("##photo-area");
  ImGui::SetNextItemAllowOverlap();  // the previous / next buttons drawn over it take their clicks
  ImGui::ItemAdd(area, area_id);
  bool hovered = false, held = false;
  ImGui::ButtonBehavior(area, area_id, &hovered, &held);
  bridge::ViewerGestures g = bridge::TakeViewerGestures();
  if (g.step) app::ShowNextPhoto(v, g.step);
  if (tex.ready()) {
    if (held && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) app::PanBy(v, io.MouseDelta.x, io.MouseDelta.y, iw, ih, view);
    if (hovered && io.MouseWheel != 0)
      app::ZoomAbout(v, std::pow(1.25f, io.MouseWheel), io.MousePos.x, io.MousePos.y, iw, ih, view);
    ImVec2 centre = area.GetCenter();
    if (g.zoom_steps) app::ZoomAbout(v, std::pow(app::kZoomStep, static_cast<float>(g.zoom_steps)), centre.x, centre.y, iw, ih, view);
    if (g.pinch != 1.0f) app::ZoomAbout(v, g.pinch, g.pinch_x, g.pinch_y, iw, ih, view);
    if (g.pan_x != 0 || g.pan_y != 0) app::PanBy(v, g.pan_x, g.pan_y, iw, ih, view);
    if (g.reset) app::ResetZoom(v);
    if (hovered && v.zoom > app::kMinZoom) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);

    app::ViewBox at = app::PlacePhoto(v, iw, ih, view);
    auto* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(area.Min, area.Max, true);
    dl->AddImage(tex.id(), ImVec2(at.x, at.y), ImVec2(at.x + at.w, at.y + at.h));
    dl->PopClipRect();
    a11y::Node(area_id, {.role = a11y::Role::Group, .name = "Photo: " + m.label, .rect = area});
  } else {
    CentredNote(tex.failed ? "This photo could not be loaded." : "Loading photo\xE2\x80\xA6", view);
  }
}

void DrawPhotoControls(app::MediaViewer& v, const Media& m, const app::ViewBox& view, float bar_top) {
  const auto& d = platform::Display();
  const bridge::MediaTexture& tex = bridge::PhotoTexture(SourceOf(m));
  float iw = static_cast<float>(tex.width), ih = static_cast<float>(tex.height);
  float cy = bar_top + kBarHeight * 0.5f;
  float cx = d.css_width * 0.5f;
  ImVec2 view_centre(view.x + view.w * 0.5f, view.y + view.h * 0.5f);
  bool ready = tex.ready();

  std::string zoom = std::to_string(static_cast<int>(std::lround(v.zoom * 100))) + "%";
  ImFont* font = GetFonts().body_bold;
  ImVec2 zs = detail::MeasureText(font, "800%");
  float step = kControlRadius * 2 + 12;
  if (RoundButton("##zoom-out", "Zoom out", ImVec2(cx - zs.x * 0.5f - 12 - kControlRadius, cy), Mark::Minus) && ready)
    app::ZoomAbout(v, 1.0f / app::kZoomStep, view_centre.x, view_centre.y, iw, ih, view);
  ImVec2 ts = detail::MeasureText(font, zoom);
  ViewerText("##zoom", zoom, ImVec2(ImFloor(cx - ts.x * 0.5f), ImFloor(cy - ts.y * 0.5f)), font, kOnScrim, "Zoom " + zoom);
  if (RoundButton("##zoom-in", "Zoom in", ImVec2(cx + zs.x * 0.5f + 12 + kControlRadius, cy), Mark::Plus) && ready)
    app::ZoomAbout(v, app::kZoomStep, view_centre.x, view_centre.y, iw, ih, view);
  if (RoundButton("##zoom-reset", "Reset zoom", ImVec2(cx + zs.x * 0.5f + 12 + kControlRadius + step, cy), Mark::Glyph,
                  icon::kRefresh))
    app::ResetZoom(v);

  if (v.items.size() > 1) {
    float mid = view.y + view.h * 0.5f;
    if (RoundButton("##previous", "Previous photo", ImVec2(16 + kControlRadius, mid), Mark::Glyph, icon::kChevronLeft,
                    kControlRadius, true))
      app::ShowNextPhoto(v, -1);
    if (RoundButton("##next", "Next photo", ImVec2(d.css_width - 16 - kControlRadius, mid), Mark::Glyph,
                    icon::kChevronRight, kControlRadius, true))
      app::ShowNextPhoto(v, +1);
  }
}

// --- the video player

void DrawVideo(app::MediaViewer& v, const Media& m, const app::ViewBox& view, float bar_top) {
  const auto& d = platform::Display();
  const bridge::VideoPlayback& pb = bridge::Video(SourceOf(m));
  bridge::ViewerGestures g = bridge::TakeViewerGestures();
  double duration = pb.duration_seconds > 0 ? pb.duration_seconds : m.duration_seconds.value_or(0);
  if (g.step) bridge::SeekVideo(m.id, std::fmax(0.0, pb.current_seconds + g.step * kSkipSeconds));

  // The newest frame; before the first one, the tile's still (the same texture, already loaded).
  const bridge::MediaTexture& still = bridge::VideoThumbnail(SourceOf(m));
  const bridge::MediaTexture& shown = pb.frame.ready() ? pb.frame : still;
  ImGuiID area_id = ImGui::GetID("##video-area");
  ImRect area(ImVec2(view.x, view.y), ImVec2(view.x + view.w, view.y + view.h));
  if (pb.failed) {
    CentredNote("This video could not be played.", view);
  } else if (shown.ready()) {
    app::MediaViewer fit;  // a video is shown whole, never zoomed
    app::ViewBox at = app::PlacePhoto(fit, static_cast<float>(shown.width), static_cast<float>(shown.height), view);
    ImGui::GetWindowDrawList()->AddImage(shown.id(), ImVec2(at.x, at.y), ImVec2(at.x + at.w, at.y + at.h));
    a11y::Node(area_id, {.role = a11y::Role::Group, .name = "Video: " + m.label, .rect = area});
  } else {
    CentredNote("Loading video\xE2\x80\xA6", view);
  }

  // Controls: back 5 s, play or pause, forward 5 s, the time, then the seek bar.
  float cy = bar_top + kBarHeight * 0.5f;
  float small_r = kControlRadius - 4;
  float x = 16 + small_r;
  if (RoundButton("##back", "Back 5 seconds", ImVec2(x, cy), Mark::Glyph, icon::kChevronLeft, small_r))
    bridge::SeekVideo(m.id, std::fmax(0.0, pb.current_seconds - kSkipSeconds));
  x += small_r + 8 + kControlRadius;
  bool toggle = RoundButton(pb.playing ? "##pause" : "##play", pb.playing ? "Pause" : "Play", ImVec2(x, cy),
                            pb.playing ? Mark::Pause : Mark::Play);
  if (toggle) {
    v.wants_play = !pb.playing;
    if (pb.playing) bridge::PauseVideo(m.id); else bridge::PlayVideo(m.id);
  }
  x += kControlRadius + 8 + small_r;
  if (RoundButton("##forward", "Forward 5 seconds", ImVec2(x, cy), Mark::Glyph, icon::kChevronRight, small_r))
    bridge::SeekVideo(m.id, duration > 0 ? std::fmin(duration, pb.current_seconds + kSkipSeconds) : pb.current_seconds + kSkipSeconds);
  x += small_r + 14;

  std::string now = app::PlaybackTime(pb.current_seconds);
  std::string total = duration > 0 ? app::PlaybackTime(duration) : "--:--";
  std::string time = now + " / " + total;
  ImFont* font = GetFonts().small_bold;
  ImVec2 ts = detail::MeasureText(font, time);
  ViewerText("##time", time, ImVec2(x, ImFloor(cy - ts.y * 0.5f)), font, kOnScrim, "Time " + now + " of " + total);
  x += ts.x + 16;

  // The seek bar: press or drag anywhere along it to jump there.
  float x1 = d.css_width - 20;
  if (x1 - x < 40) return;
  ImRect bar(ImVec2(x, cy - 16), ImVec2(x1, cy + 16));
  ImGuiID bar_id = ImGui::GetID("##seek");
  ImGui::ItemAdd(bar, bar_id);
  bool hovered = false, held = false;
  ImGui::ButtonBehavior(bar, bar_id, &hovered, &held, ImGuiButtonFlags_PressedOnClick);
  float fraction = duration > 0 ? static_cast<float>(pb.current_seconds / duration) : 0.0f;
  if (held && duration > 0) {
    fraction = ImClamp((ImGui::GetIO().MousePos.x - bar.Min.x) / bar.GetWidth(), 0.0f, 1.0f);
    if (ImGui::GetIO().MouseDelta.x != 0 || ImGui::IsMouseClicked(0)) bridge::SeekVideo(m.id, fraction * duration);
  }
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  fraction = ImClamp(fraction, 0.0f, 1.0f);
  auto* dl = ImGui::GetWindowDrawList();
  float knob_x = bar.Min.x + bar.GetWidth() * fraction;
  dl->AddRectFilled(ImVec2(bar.Min.x, cy - 2), ImVec2(bar.Max.x, cy + 2), kControlHover, 2);
  dl->AddRectFilled(ImVec2(bar.Min.x, cy - 2), ImVec2(knob_x, cy + 2), Colors().primary_soft, 2);
  dl->AddCircleFilled(ImVec2(knob_x, cy), hovered || held ? 8.0f : 6.0f, kOnScrim, 20);
  a11y::Node(bar_id, {.role = a11y::Role::Group, .name = "Seek bar, " + now + " of " + total, .rect = bar});
}

void DrawViewerContent(app::MediaViewer& v, const Media& m) {
  const auto& d = platform::Display();
  bool photo = m.media_type == MediaType::Image;
  app::ViewBox view{0, kBarHeight, d.css_width, ImMax(1.0f, d.css_height - 2 * kBarHeight)};

  // Top bar: what is shown, and Close.
  std::string title = m.label.empty() ? (photo ? "Photo" : "Video") : m.label;
  if (photo && v.items.size() > 1)
    title += "  \xC2\xB7  " + std::to_string(v.index + 1) + " of " + std::to_string(v.items.size());
  ImFont* font = GetFonts().body_bold;
  float close_x = d.css_width - 16 - kControlRadius;
  ImVec2 ts = detail::MeasureText(font, title);
  float room = close_x - kControlRadius - 16 - 16;
  ImGui::PushClipRect(ImVec2(16, 0), ImVec2(16 + ImMax(0.0f, room), kBarHeight), true);
  ViewerText("##title", title, ImVec2(16, ImFloor((kBarHeight - ts.y) * 0.5f)), font, kOnScrim);
  ImGui::PopClipRect();
  bool close = RoundButton("##close", "Close", ImVec2(close_x, kBarHeight * 0.5f), Mark::Glyph, icon::kTimes);

  float bar_top = d.css_height - kBarHeight;
  if (photo) {
    DrawPhoto(v, m, view);
    DrawPhotoControls(v, m, view, bar_top);
  } else {
    DrawVideo(v, m, view, bar_top);
  }
  if (close || platform::TakeEscape()) {
    app::CloseMediaViewer(v);
    ImGui::CloseCurrentPopup();
  }
}

}  // namespace

float MediaTileSize() { return IsPhoneWidth() ? 104.0f : 132.0f; }

void DrawMediaTile(const Media& media, const std::vector<Media>& gallery, app::MediaViewer& viewer, float size) {
  detail::AlignToColumn();
  if (size <= 0) size = MediaTileSize();
  ImGui::PushID(media.id.c_str());
  ImGuiID id = ImGui::GetID("##tile");
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + size, pos.y + size));
  ImGui::ItemSize(bb);
  bool is_video = media.media_type == MediaType::Video;
  bool opens = media.media_type != MediaType::Audio;
  std::string duration = DurationText(media);
  std::string name = (is_video ? "Video: " : opens ? "Photo: " : "Recording: ") + media.label +
                     (duration.empty() ? "" : ", " + duration);
  a11y::Node(id, {.role = a11y::Role::Button, .name = name, .rect = bb, .flags = opens ? 0u : a11y::kDisabled});
  bool pressed = a11y::TakeActivation(id);
  // Off screen: declared for the mirror, but no picture is loaded for it.
  if (ImGui::ItemAdd(bb, id)) {
    bool hovered = false, held = false;
    pressed |= ImGui::ButtonBehavior(bb, id, &hovered, &held);
    if (hovered && opens) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const auto& c = Colors();
    float r = Sizes().control_radius;
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(bb.Min, bb.Max, c.surface_muted, r);
    bridge::MediaTexture none;
    const bridge::MediaTexture& tex = is_video ? bridge::VideoThumbnail(SourceOf(media))
                                      : opens  ? bridge::PhotoTexture(SourceOf(media))
                                               : none;
    if (tex.ready()) {
      ImVec2 uv0, uv1;
      CoverUv(static_cast<float>(tex.width), static_cast<float>(tex.height), uv0, uv1);
      dl->AddImageRounded(tex.id(), bb.Min, bb.Max, uv0, uv1, IM_COL32_WHITE, r);
    } else {
      // Loading, failed or audio: the kind's icon, in the muted colour.
      const char* glyph = tex.failed ? icon::kWarning : is_video ? icon::kVideo : opens ? icon::kCamera : icon::kMicrophone;
      ImFont* font = GetFonts().h2;
      ImVec2 gs = detail::MeasureText(font, glyph);
      detail::DrawText(font, ImVec2(ImFloor(bb.GetCenter().x - gs.x * 0.5f), ImFloor(bb.GetCenter().y - gs.y * 0.5f)),
                       c.text_faint, glyph);
    }
    if (is_video) {
      ImVec2 centre = bb.GetCenter();
      dl->AddCircleFilled(centre, 22, IM_COL32(0, 0, 0, 140), 32);
      DrawPlayMark(dl, centre, 16, IM_COL32_WHITE);
      if (!duration.empty()) {
        ImFont* font = GetFonts().small_bold;
        ImVec2 ds = detail::MeasureText(font, duration);
        ImVec2 p(bb.Min.x + 8, bb.Max.y - ds.y - 12);
        dl->AddRectFilled(ImVec2(p.x - 4, p.y - 2), ImVec2(p.x + ds.x + 4, p.y + ds.y + 2), IM_COL32(0, 0, 0, 150), 4);
        detail::DrawText(font, p, IM_COL32_WHITE, duration);
      }
    }
    if (hovered && opens) dl->AddRect(bb.Min, bb.Max, c.primary, r, 0, 2.0f);
    else dl->AddRect(bb.Min, bb.Max, c.border, r);
    if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, r);
  }
  if (pressed && opens) app::OpenMediaViewer(viewer, gallery, media.id);
  if (viewer.open)
    for (const Media& m : viewer.items)
      if (m.id == media.id) OpenItemTileDrawn() = true;
  ImGui::PopID();
}

void DrawMediaViewer(app::MediaViewer& viewer) {
  if (viewer.open && !OpenItemTileDrawn()) {
    app::CloseMediaViewer(viewer);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiID popup = ImGui::GetID(kPopupId);
    for (int level = 0; level < g.OpenPopupStack.Size; ++level)
      if (g.OpenPopupStack[level].PopupId == popup) {
        ImGui::ClosePopupToLevel(level, false);
        break;
      }
  }
  OpenItemTileDrawn() = false;
  const Media* shown = app::ShownMedia(viewer);
  bridge::ListenForViewerGestures(shown != nullptr);
  if (shown) {
    const auto& d = platform::Display();
    if (!ImGui::IsPopupOpen(kPopupId)) ImGui::OpenPopup(kPopupId);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(d.css_width, d.css_height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_PopupBg, kScrim);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, IM_COL32(0, 0, 0, 0));
    bool open = ImGui::BeginPopupModal(kPopupId, nullptr,
                                       ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(3);
    if (open) {
      bool photo = shown->media_type == MediaType::Image;
      a11y::BeginContainer(ImGui::GetID("##dialog"), a11y::Role::Dialog, photo ? "Photo viewer" : "Video player");
      Media copy = *shown;  // the viewer may close (and clear its items) while drawing
      DrawViewerContent(viewer, copy);
      a11y::EndContainer(ImRect(ImVec2(0, 0), ImVec2(d.css_width, d.css_height)));
      ImGui::EndPopup();
    }
  }
  // Pictures and videos nothing drew this frame (a page left, a viewer closed) are freed now.
  bridge::ReleaseUndrawnMedia();
}

}  // namespace salik::ui
