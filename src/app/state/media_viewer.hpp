// The full-screen media viewer: which photo or video is open, and how far the photo is zoomed and
// panned. The UI edits it in place (like a form); the geometry lives here so it is tested natively.
#pragma once

#include <string>
#include <vector>

#include "core/media.hpp"

namespace salik::app {

// A rectangle in CSS pixels.
struct ViewBox {
  float x = 0, y = 0, w = 0, h = 0;
};

inline constexpr float kMinZoom = 1.0f;  // the whole photo fits the view
inline constexpr float kMaxZoom = 8.0f;
inline constexpr float kZoomStep = 1.5f;  // one "Zoom in" press or keyboard +

struct MediaViewer {
  bool open = false;
  std::vector<Media> items;  // the photos of the gallery, or the one video
  int index = 0;
  float zoom = kMinZoom;     // relative to the fitted size
  float pan_x = 0, pan_y = 0;  // the photo's centre minus the view's centre, in CSS px
  bool wants_play = false;   // the video player asked the video to play
};

// Opens `media_id`: a photo opens with every photo of `gallery` to step through, in order; a video
// opens alone. Unknown ids and audio open nothing.
void OpenMediaViewer(MediaViewer& viewer, const std::vector<Media>& gallery, const std::string& media_id);
void CloseMediaViewer(MediaViewer& viewer);
// The item on screen, or nullptr when closed.
const Media* ShownMedia(const MediaViewer& viewer);
// Steps to the next / previous photo (wrapping round); false when there is only one.
bool ShowNextPhoto(MediaViewer& viewer, int step);

// Where a photo of `image_w` x `image_h` pixels is drawn in `view` at the viewer's zoom and pan.
ViewBox PlacePhoto(const MediaViewer& viewer, float image_w, float image_h, const ViewBox& view);
// Zooms by `factor` keeping the point (fx, fy) of the view where it is (the wheel's or pinch's
// centre); the zoom stays within [kMinZoom, kMaxZoom] and the photo within the view.
void ZoomAbout(MediaViewer& viewer, float factor, float fx, float fy, float image_w, float image_h, const ViewBox& view);
// Moves the photo by (dx, dy) CSS px; a photo smaller than the view along an axis stays centred.
void PanBy(MediaViewer& viewer, float dx, float dy, float image_w, float image_h, const ViewBox& view);
void ResetZoom(MediaViewer& viewer);

// "1:05" / "1:02:03": a position or length in a video.
std::string PlaybackTime(double seconds);

}  // namespace salik::app
