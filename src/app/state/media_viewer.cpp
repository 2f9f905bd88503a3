#include "state/media_viewer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace salik::app {
namespace {

float FitScale(float image_w, float image_h, const ViewBox& view) {
  if (image_w <= 0 || image_h <= 0) return 1.0f;
  return std::min(view.w / image_w, view.h / image_h);
}

// A photo larger than the view may move until its edge meets the view's edge, never further,
// so it can never be lost off screen.
void ClampPan(MediaViewer& v, float image_w, float image_h, const ViewBox& view) {
  float scale = FitScale(image_w, image_h, view) * v.zoom;
  float slack_x = std::max(0.0f, (image_w * scale - view.w) * 0.5f);
  float slack_y = std::max(0.0f, (image_h * scale - view.h) * 0.5f);
  v.pan_x = std::clamp(v.pan_x, -slack_x, slack_x);
  v.pan_y = std::clamp(v.pan_y, -slack_y, slack_y);
}

}  // namespace

void OpenMediaViewer(MediaViewer& viewer, const std::vector<Media>& gallery, const std::string& media_id) {
  auto it = std::find_if(gallery.begin(), gallery.end(), [&](const Media& m) { return m.id == media_id; });
  if (it == gallery.end() || it->media_type == MediaType::Audio) return;
  MediaViewer next;
  next.open = true;
  if (it->media_type == MediaType::Video) {
    next.items = {*it};
  } else {
    for (const Media& m : gallery)
      if (m.media_type == MediaType::Image) {
        if (m.id == media_id) next.index = static_cast<int>(next.items.size());
        next.items.push_back(m);
      }
  }
  viewer = std::move(next);
}

void CloseMediaViewer(MediaViewer& viewer) { viewer = MediaViewer{}; }

const Media* ShownMedia(const MediaViewer& viewer) {
  if (!viewer.open || viewer.index < 0 || viewer.index >= static_cast<int>(viewer.items.size())) return nullptr;
  return &viewer.items[viewer.index];
}

bool ShowNextPhoto(MediaViewer& viewer, int step) {
  int n = static_cast<int>(viewer.items.size());
  if (!viewer.open || n < 2) return false;
  viewer.index = ((viewer.index + step) % n + n) % n;
  ResetZoom(viewer);
  return true;
}

ViewBox PlacePhoto(const MediaViewer& viewer, float image_w, float image_h, const ViewBox& view) {
  float scale = FitScale(image_w, image_h, view) * viewer.zoom;
  float w = image_w * scale, h = image_h * scale;
  float cx = view.x + view.w * 0.5f + viewer.pan_x;
  float cy = view.y + view.h * 0.5f + viewer.pan_y;
  return {cx - w * 0.5f, cy - h * 0.5f, w, h};
}

void ZoomAbout(MediaViewer& viewer, float factor, float fx, float fy, float image_w, float image_h,
               const ViewBox& view) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  float old_zoom = viewer.zoom;
  float new_zoom = std::clamp(old_zoom * factor, kMinZoom, kMaxZoom);
  if (new_zoom == old_zoom) return;
  // The point under (fx, fy) keeps its place: its offset from the photo's centre grows with the zoom.
  float ratio = new_zoom / old_zoom;
  float vcx = view.x + view.w * 0.5f, vcy = view.y + view.h * 0.5f;
  viewer.pan_x = fx - vcx - (fx - vcx - viewer.pan_x) * ratio;
  viewer.pan_y = fy - vcy - (fy - vcy - viewer.pan_y) * ratio;
  viewer.zoom = new_zoom;
  ClampPan(viewer, image_w, image_h, view);
}

void PanBy(MediaViewer& viewer, float dx, float dy, float image_w, float image_h, const ViewBox& view) {
  viewer.pan_x += dx;
  viewer.pan_y += dy;
  ClampPan(viewer, image_w, image_h, view);
}

void ResetZoom(MediaViewer& viewer) {
  viewer.zoom = kMinZoom;
  viewer.pan_x = viewer.pan_y = 0;
}

std::string PlaybackTime(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  long total = static_cast<long>(std::floor(seconds));
  char out[32];
  if (total >= 3600)
    std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
  else
    std::snprintf(out, sizeof out, "%ld:%02ld", total / 60, total % 60);
  return out;
}

}  // namespace salik::app
