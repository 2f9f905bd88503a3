// Browser side of src/app/bridge/media_texture and media_viewer_input: pictures and video frames
// into WebGL textures that ImGui draws, and the photo viewer's touch and key gestures.
// C++ decides what to load, when to upload and when to free; this file only does the browser work.
//
// Textures are created by C++ (glGenTextures), so they are in Emscripten's GL object table; this
// file fills GL.textures[name]. A texture C++ has deleted is null in the table and is skipped.
// Other bridges hand over a picked or recorded file as a Blob handle: SalikMedia.addBlob(blob).
mergeInto(LibraryManager.library, {
  $SalikMediaLib__deps: ['$GL'],
  $SalikMediaLib: {
    // window.SalikMedia: items (C++ handle -> the image or video being worked on), blobs, and an
    // upload count that tests read.
    state: function () {
      var S = window.SalikMedia;
      if (!S) {
        S = window.SalikMedia = { items: new Map(), blobs: new Map(), nextBlob: 1, uploads: 0 };
        S.addBlob = function (blob) { var h = S.nextBlob++; S.blobs.set(h, blob); return h; };
        S.removeBlob = function (h) { S.blobs.delete(h); };
      }
      return S;
    },
    // The source URL for a load: a blob handle becomes an object URL that is revoked when done.
    source: function (item, url, blobHandle) {
      if (blobHandle > 0) {
        var blob = SalikMediaLib.state().blobs.get(blobHandle);
        if (!blob) return null;
        item.objectUrl = URL.createObjectURL(blob);
        return item.objectUrl;
      }
      return url;
    },
    // Uploads a picture, a canvas or a video's current frame into the texture `name`. Pictures
    // larger than the GPU takes are drawn down first. Returns [w, h] or null.
    upload: function (name, source, w, h, mipmaps, sameSize) {
      var gl = GLctx, tex = GL.textures[name];
      if (!tex || !w || !h) return null;
      var max = Math.min(gl.getParameter(gl.MAX_TEXTURE_SIZE), 4096);
      if (w > max || h > max) {
        var k = max / Math.max(w, h);
        var c = document.createElement('canvas');
        c.width = Math.max(1, Math.round(w * k)); c.height = Math.max(1, Math.round(h * k));
        c.getContext('2d').drawImage(source, 0, 0, c.width, c.height);
        source = c; w = c.width; h = c.height; sameSize = false;
      }
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      if (sameSize) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, source);
      else gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      // Photos are drawn much smaller than they are (tiles): mipmaps keep them from shimmering.
      if (mipmaps) gl.generateMipmap(gl.TEXTURE_2D);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, mipmaps ? gl.LINEAR_MIPMAP_LINEAR : gl.LINEAR);
      gl.bindTexture(gl.TEXTURE_2D, null);
      SalikMediaLib.state().uploads++;
      return [w, h];
    },
    done: function (item) {
      if (item.objectUrl) { URL.revokeObjectURL(item.objectUrl); item.objectUrl = null; }
    },
    dropVideo: function (v) {
      v.pause();
      v.removeAttribute('src');
      v.load();  // lets the browser free the decoder
      if (v.parentNode) v.parentNode.removeChild(v);
    },
    // Videos sit in the page, invisible, so the browser decodes and presents their frames.
    videoElement: function () {
      var v = document.createElement('video');
      v.playsInline = true;
      v.preload = 'auto';
      v.setAttribute('aria-hidden', 'true');
      v.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:2px;opacity:0.01;pointer-events:none;z-index:-1';
      document.body.appendChild(v);
      return v;
    },
  },

  // A still: a picture (isVideo 0) or a video's first frame (isVideo 1), from `url` or a blob handle.
  // Answers _salik_media_still_loaded(handle, w, h) or _salik_media_failed(handle).
  salik_media_load_still__deps: ['$SalikMediaLib'],
  salik_media_load_still: function (handle, texture, urlPtr, isVideo, blobHandle) {
    var L = SalikMediaLib, item = { texture: texture };
    var src = L.source(item, UTF8ToString(urlPtr), blobHandle);
    L.state().items.set(handle, item);
    var fail = function () {
      if (L.state().items.get(handle) !== item) return;
      L.done(item);
      if (item.video) L.dropVideo(item.video);
      L.state().items.delete(handle);
      _salik_media_failed(handle);
    };
    if (!src) { setTimeout(fail, 0); return; }
    var finish = function (source, w, h) {
      if (L.state().items.get(handle) !== item) return;
      var size = L.upload(texture, source, w, h, true, false);
      L.done(item);
      if (item.video) L.dropVideo(item.video);
      L.state().items.delete(handle);
      if (size) _salik_media_still_loaded(handle, size[0], size[1]); else _salik_media_failed(handle);
    };
    if (!isVideo) {
      var img = new Image();
      img.decoding = 'async';
      img.onload = function () { finish(img, img.naturalWidth, img.naturalHeight); };
      img.onerror = fail;
      img.src = src;
      item.img = img;
      return;
    }
    var v = (item.video = L.videoElement());
    v.muted = true;
    v.addEventListener('loadedmetadata', function () { v.currentTime = 0; });
    v.addEventListener('seeked', function () { finish(v, v.videoWidth, v.videoHeight); }, { once: true });
    v.addEventListener('error', fail);
    v.src = src;
  },

  // A video to play: its frames go into `texture` when C++ syncs (salik_media_video_sync).
  // New frames and state changes call _salik_media_video_changed(handle) so C++ draws.
  salik_media_video_open__deps: ['$SalikMediaLib'],
  salik_media_video_open: function (handle, texture, urlPtr, blobHandle) {
    var L = SalikMediaLib, item = { texture: texture, dirty: false, w: 0, h: 0, failed: false };
    var src = L.source(item, UTF8ToString(urlPtr), blobHandle);
    var v = (item.video = L.videoElement());
    L.state().items.set(handle, item);
    var changed = function (frame) {
      if (L.state().items.get(handle) !== item) return;
      if (frame) item.dirty = true;
      _salik_media_video_changed(handle);
    };
    // One callback per frame the browser presents: playing asks for frames, paused asks none.
    var onFrame = function () {
      if (L.state().items.get(handle) !== item) return;
      changed(true);
      if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(onFrame);
    };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(onFrame);
    else v.addEventListener('timeupdate', function () { changed(true); });
    ['loadedmetadata', 'play', 'pause', 'ended', 'durationchange'].forEach(function (e) {
      v.addEventListener(e, function () { changed(false); });
    });
    v.addEventListener('loadeddata', function () { changed(true); });
    v.addEventListener('seeked', function () { changed(true); });
    v.addEventListener('error', function () { item.failed = true; changed(false); });
    if (src) v.src = src; else { item.failed = true; setTimeout(function () { changed(false); }, 0); }
  },

  // Uploads the newest frame if there is one, and writes the state into out[0..7] (doubles):
  // current time, duration (0 unknown), paused, ended, failed, width, height, has frame.
  salik_media_video_sync__deps: ['$SalikMediaLib'],
  salik_media_video_sync: function (handle, out) {
    var L = SalikMediaLib, item = L.state().items.get(handle);
    var o = out >> 3;
    if (!item || !item.video) { HEAPF64[o + 4] = 1; return; }
    var v = item.video;
    if (item.dirty && v.readyState >= 2 && v.videoWidth > 0) {
      var same = item.w === v.videoWidth && item.h === v.videoHeight;
      var size = L.upload(item.texture, v, v.videoWidth, v.videoHeight, false, same);
      if (size) { item.w = v.videoWidth; item.h = v.videoHeight; item.hasFrame = true; }
      item.dirty = false;
    }
    HEAPF64[o] = v.currentTime || 0;
    HEAPF64[o + 1] = isFinite(v.duration) ? v.duration : 0;
    HEAPF64[o + 2] = v.paused ? 1 : 0;
    HEAPF64[o + 3] = v.ended ? 1 : 0;
    HEAPF64[o + 4] = item.failed ? 1 : 0;
    HEAPF64[o + 5] = item.w;
    HEAPF64[o + 6] = item.h;
    HEAPF64[o + 7] = item.hasFrame ? 1 : 0;
  },

  // 0 pause, 1 play, 2 seek to `seconds`.
  salik_media_video_control__deps: ['$SalikMediaLib'],
  salik_media_video_control: function (handle, what, seconds) {
    var item = SalikMediaLib.state().items.get(handle);
    if (!item || !item.video) return;
    var v = item.video;
    if (what === 0) v.pause();
    else if (what === 1) {
      if (v.ended) v.currentTime = 0;
      var p = v.play();
      // A browser that refuses sound without a fresh gesture still plays the picture.
      if (p && p.catch) p.catch(function (e) {
        if (e && e.name === 'NotAllowedError' && !v.muted) { v.muted = true; v.play().catch(function () {}); }
        _salik_media_video_changed(handle);
      });
    } else if (what === 2 && isFinite(seconds)) v.currentTime = Math.max(0, seconds);
  },

  // Stops whatever the handle is doing (a load, a video) and lets it go.
  salik_media_release__deps: ['$SalikMediaLib'],
  salik_media_release: function (handle) {
    var L = SalikMediaLib, item = L.state().items.get(handle);
    if (!item) return;
    L.state().items.delete(handle);
    if (item.img) { item.img.onload = item.img.onerror = null; item.img.src = ''; }
    if (item.video) L.dropVideo(item.video);
    L.done(item);
  },

  // --- the photo viewer's gestures (src/app/bridge/media_viewer_input), only while it is open.
  // Keys: arrows step through photos, + and - zoom, 0 resets. Touch: one finger pans, two pinch,
  // a double tap resets; the page's own touch scrolling (web/platform.js) is held off meanwhile.
  // A double click resets too (the browser's own timing, not ImGui's frame-counted one).
  salik_media_viewer_listen: function (on) {
    var G = window.SalikMediaGestures;
    if (!G) {
      G = window.SalikMediaGestures = { on: false, touches: new Map(), lastTap: 0 };
      var pos = function (e) {
        var r = document.getElementById('canvas').getBoundingClientRect();
        return [e.clientX - r.left, e.clientY - r.top];
      };
      window.addEventListener('keydown', function (e) {
        if (!G.on || e.altKey || e.ctrlKey || e.metaKey) return;
        var code = { ArrowLeft: 1, ArrowRight: 2, '+': 3, '=': 3, '-': 4, '0': 5 }[e.key];
        if (!code) return;
        e.preventDefault();
        _salik_media_viewer_key(code);
      });
      window.addEventListener('dblclick', function (e) {
        if (!G.on) return;
        var p = pos(e);
        _salik_media_viewer_double(p[0], p[1]);
      });
      window.addEventListener('pointerdown', function (e) {
        if (!G.on || e.pointerType !== 'touch') return;
        var p = pos(e);
        G.touches.set(e.pointerId, { x: p[0], y: p[1], x0: p[0], y0: p[1] });
        G.moved = G.touches.size > 1 ? true : false;
      }, true);
      window.addEventListener('pointermove', function (e) {
        if (!G.on || e.pointerType !== 'touch' || !G.touches.has(e.pointerId)) return;
        e.stopImmediatePropagation();  // not a page scroll
        var t = G.touches.get(e.pointerId), p = pos(e);
        if (Math.abs(p[0] - t.x0) + Math.abs(p[1] - t.y0) > 8) {
          G.moved = true;
          // A drag is not a click on whatever is under the finger when it lifts.
          if (window.SalikPlatform && window.SalikPlatform.touch) window.SalikPlatform.touch.dragging = true;
        }
        if (G.touches.size === 2) {
          var pts = Array.from(G.touches.values());
          var other = pts[0] === t ? pts[1] : pts[0];
          var before = Math.hypot(t.x - other.x, t.y - other.y);
          var after = Math.hypot(p[0] - other.x, p[1] - other.y);
          if (before > 4) _salik_media_viewer_pinch(after / before, (p[0] + other.x) / 2, (p[1] + other.y) / 2);
        } else if (G.touches.size === 1 && G.moved) {
          _salik_media_viewer_pan(p[0] - t.x, p[1] - t.y);
        }
        t.x = p[0]; t.y = p[1];
      }, true);
      var up = function (e) {
        if (!G.touches.has(e.pointerId)) return;
        var t = G.touches.get(e.pointerId);
        G.touches.delete(e.pointerId);
        if (!G.on || G.moved || e.type !== 'pointerup') return;
        var now = performance.now();
        if (now - G.lastTap < 450) { G.lastTap = 0; _salik_media_viewer_double(t.x, t.y); } else G.lastTap = now;
      };
      window.addEventListener('pointerup', up, true);
      window.addEventListener('pointercancel', up, true);
    }
    G.on = !!on;
    if (!on) G.touches.clear();
  },
});
