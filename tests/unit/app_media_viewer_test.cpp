// The photo viewer's state (src/app/state/media_viewer.cpp): which items it opens with, stepping
// through photos, and the zoom and pan geometry that keeps the photo on screen.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "state/media_viewer.hpp"

using namespace salik;
using namespace salik::app;

namespace {

Media Item(const std::string& id, MediaType type) {
  Media m;
  m.id = id;
  m.media_type = type;
  m.label = id + ".bin";
  return m;
}

const std::vector<Media> kGallery = {Item("photo-1", MediaType::Image), Item("sound", MediaType::Audio),
                                     Item("clip", MediaType::Video), Item("photo-2", MediaType::Image),
                                     Item("photo-3", MediaType::Image)};
const ViewBox kView{0, 64, 800, 600};  // a 800 x 600 view below a 64 px bar

}  // namespace

TEST_CASE("A photo opens with the gallery's photos only, at its own place", "[app][media]") {
  MediaViewer v;
  OpenMediaViewer(v, kGallery, "photo-2");
  REQUIRE(v.open);
  REQUIRE(v.items.size() == 3);
  CHECK(v.items[0].id == "photo-1");
  CHECK(v.items[2].id == "photo-3");
  CHECK(ShownMedia(v)->id == "photo-2");
  CHECK(v.zoom == kMinZoom);
}

TEST_CASE("A video opens alone; audio and unknown ids open nothing", "[app][media]") {
  MediaViewer v;
  OpenMediaViewer(v, kGallery, "clip");
  REQUIRE(v.open);
  REQUIRE(v.items.size() == 1);
  CHECK(ShownMedia(v)->media_type == MediaType::Video);
  CHECK_FALSE(ShowNextPhoto(v, 1));

  MediaViewer none;
  OpenMediaViewer(none, kGallery, "sound");
  CHECK_FALSE(none.open);
  OpenMediaViewer(none, kGallery, "no-such-id");
  CHECK_FALSE(none.open);
  CHECK(ShownMedia(none) == nullptr);
}

TEST_CASE("Stepping through photos wraps round and resets the zoom", "[app][media]") {
  MediaViewer v;
  OpenMediaViewer(v, kGallery, "photo-3");
  ZoomAbout(v, 2.0f, 400, 364, 1600, 1200, kView);
  REQUIRE(v.zoom == Approx(2.0f));
  REQUIRE(ShowNextPhoto(v, 1));
  CHECK(ShownMedia(v)->id == "photo-1");
  CHECK(v.zoom == kMinZoom);
  CHECK(v.pan_x == 0);
  REQUIRE(ShowNextPhoto(v, -1));
  CHECK(ShownMedia(v)->id == "photo-3");
  CloseMediaViewer(v);
  CHECK_FALSE(v.open);
  CHECK(v.items.empty());
}

TEST_CASE("A photo fits the view, centred, at zoom 1", "[app][media]") {
  MediaViewer v;
  v.open = true;
  // 1600 x 800 in 800 x 600: width-bound, 800 x 400, centred vertically.
  ViewBox at = PlacePhoto(v, 1600, 800, kView);
  CHECK(at.w == Approx(800));
  CHECK(at.h == Approx(400));
  CHECK(at.x == Approx(0));
  CHECK(at.y == Approx(64 + 100));
  // A small photo is scaled up to fit too.
  ViewBox small = PlacePhoto(v, 100, 100, kView);
  CHECK(small.h == Approx(600));
}

TEST_CASE("Zooming keeps the point under the pointer in place", "[app][media]") {
  MediaViewer v;
  v.open = true;
  const float iw = 800, ih = 600;  // fills the view exactly at zoom 1
  float fx = 600, fy = 64 + 150;
  ViewBox before = PlacePhoto(v, iw, ih, kView);
  float u = (fx - before.x) / before.w, w = (fy - before.y) / before.h;
  ZoomAbout(v, 2.0f, fx, fy, iw, ih, kView);
  ViewBox after = PlacePhoto(v, iw, ih, kView);
  CHECK(after.w == Approx(1600));
  CHECK(after.x + u * after.w == Approx(fx));
  CHECK(after.y + w * after.h == Approx(fy));
}

TEST_CASE("Zoom stays between fit and 8x, and bad factors change nothing", "[app][media]") {
  MediaViewer v;
  v.open = true;
  ZoomAbout(v, 100.0f, 400, 364, 800, 600, kView);
  CHECK(v.zoom == Approx(kMaxZoom));
  ZoomAbout(v, 0.0001f, 400, 364, 800, 600, kView);
  CHECK(v.zoom == Approx(kMinZoom));
  CHECK(v.pan_x == Approx(0));
  CHECK(v.pan_y == Approx(0));
  ZoomAbout(v, -2.0f, 400, 364, 800, 600, kView);
  ZoomAbout(v, std::numeric_limits<float>::quiet_NaN(), 400, 364, 800, 600, kView);
  CHECK(v.zoom == Approx(kMinZoom));
}

TEST_CASE("Panning stops at the photo's edges and does nothing when it fits", "[app][media]") {
  MediaViewer v;
  v.open = true;
  PanBy(v, 300, 300, 800, 600, kView);
  CHECK(v.pan_x == 0);
  CHECK(v.pan_y == 0);
  ZoomAbout(v, 2.0f, 400, 364, 800, 600, kView);  // 1600 x 1200: 400 px of slack each side, 300 up/down
  PanBy(v, 10000, -10000, 800, 600, kView);
  CHECK(v.pan_x == Approx(400));
  CHECK(v.pan_y == Approx(-300));
  ViewBox at = PlacePhoto(v, 800, 600, kView);
  CHECK(at.x == Approx(0));            // the left edge meets the view's left edge
  CHECK(at.y + at.h == Approx(664));   // the bottom edge meets the view's bottom
  ResetZoom(v);
  CHECK(v.zoom == kMinZoom);
  CHECK(v.pan_x == 0);
}

TEST_CASE("Playback times read as m:ss or h:mm:ss", "[app][media]") {
  CHECK(PlaybackTime(0) == "0:00");
  CHECK(PlaybackTime(3.02) == "0:03");
  CHECK(PlaybackTime(65.9) == "1:05");
  CHECK(PlaybackTime(3723) == "1:02:03");
  CHECK(PlaybackTime(-4) == "0:00");
  CHECK(PlaybackTime(std::numeric_limits<double>::infinity()) == "0:00");
}
