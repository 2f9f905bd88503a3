// Photos and videos on a page: a thumbnail tile per item, and the full-screen viewer it opens
// (a zoomable photo viewer that steps through the gallery, or a video player). Both are reachable
// through the semantic mirror like every widget: buttons, a dialog, and texts for zoom and time.
#pragma once

#include <vector>

#include "core/media.hpp"
#include "state/media_viewer.hpp"

namespace salik::ui {

// A square tile showing the photo, or the video's first frame with a play mark and its length.
// Clicking it opens `viewer` on it; a photo opens with the other photos of `gallery` (in order).
// `size` 0 picks the tile size for the screen width. Audio gets a plain tile that opens nothing.
void DrawMediaTile(const Media& media, const std::vector<Media>& gallery, app::MediaViewer& viewer, float size = 0);
// The tile size DrawMediaTile picks for `size` 0, to lay tiles out in rows.
float MediaTileSize();

// The viewer, full screen over the page while `viewer.open`. Call once per frame after the screen
// is drawn: it also frees the pictures and videos nothing drew this frame.
void DrawMediaViewer(app::MediaViewer& viewer);

}  // namespace salik::ui
