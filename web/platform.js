// Browser side of src/app/platform: canvas size and pixel ratio, pointer/wheel/key input, the
// boot screen, and a few small services (local storage, location hash, timers).
// Every decision is taken in C++; this file only forwards events and performs requests.
mergeInto(LibraryManager.library, {
  salik_platform_start: function () {
    var canvas = document.getElementById('canvas');
    var root = document.getElementById('ui');
    var P = (window.SalikPlatform = { canvas: canvas, root: root, touch: null });

    function resize() {
      var dpr = window.devicePixelRatio || 1;
      var w = window.innerWidth, h = window.innerHeight;
      canvas.width = Math.max(1, Math.round(w * dpr));
      canvas.height = Math.max(1, Math.round(h * dpr));
      _salik_on_resize(w, h, dpr);
    }
    // devicePixelRatio changes (zoom, moving to another screen) fire no resize event everywhere.
    function watchPixelRatio() {
      var mq = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
      mq.addEventListener('change', function () { resize(); watchPixelRatio(); }, { once: true });
    }
    window.addEventListener('resize', resize);
    watchPixelRatio();
    resize();

    function pos(e) {
      if (P.flushScroll) P.flushScroll();
      var r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    }
    // Touch: a drag scrolls the page instead of clicking, as on any phone.
    root.addEventListener('pointerdown', function (e) {
      var p = pos(e);
      if (e.pointerType === 'touch') P.touch = { x: p[0], y: p[1], lastY: p[1], dragging: false };
      _salik_on_pointer(0, p[0], p[1], e.button);
    });
    window.addEventListener('pointermove', function (e) {
      var p = pos(e);
      var t = P.touch;
      if (t && e.pointerType === 'touch') {
        if (!t.dragging && Math.abs(p[1] - t.y) > 8) { t.dragging = true; _salik_on_pointer(3, -1e6, -1e6, 0); }
        if (t.dragging) { _salik_on_wheel(0, (p[1] - t.lastY) / 60); t.lastY = p[1]; return; }
      }
      _salik_on_pointer(1, p[0], p[1], e.button);
    });
    window.addEventListener('pointerup', function (e) {
      var p = pos(e);
      var dragged = P.touch && P.touch.dragging;
      P.touch = null;
      _salik_on_pointer(2, dragged ? -1e6 : p[0], dragged ? -1e6 : p[1], e.button);
    });
    window.addEventListener('pointercancel', function () { P.touch = null; _salik_on_pointer(3, -1e6, -1e6, 0); });
    root.addEventListener('pointerleave', function (e) { if (e.pointerType === 'mouse') _salik_on_pointer(1, -1e6, -1e6, 0); });
    root.addEventListener('wheel', function (e) {
      e.preventDefault();
      var scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
      _salik_on_wheel(-e.deltaX * scale, -e.deltaY * scale);
    }, { passive: false });
    root.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    // A scroll of the mirror (scrollIntoView from a test, a screen reader or find-in-page) is
    // handed to the app, which scrolls its own page; the mirror layer itself never moves.
    // The mirror's top-level elements sit `scrollBase` px down a tall, scrolled layer, so the
    // browser can scroll it either way; every scroll is handed over and the layer put back.
    P.scrollBase = 100000;
    var sentinel = document.createElement('div');
    sentinel.setAttribute('aria-hidden', 'true');
    sentinel.style.cssText = 'top:' + (2 * P.scrollBase + 4000) + 'px;left:0;width:1px;height:1px';
    root.appendChild(sentinel);
    root.scrollTop = P.scrollBase;
    // Scroll events arrive a frame late, but a click can follow a scrollIntoView at once: every
    // pointer event first hands over any scroll still pending, so the canvas matches the DOM.
    P.flushScroll = function () {
      var dy = root.scrollTop - P.scrollBase;
      if (!dy && !root.scrollLeft) return;
      root.scrollTop = P.scrollBase; root.scrollLeft = 0;
      if (dy) _salik_on_scroll_request(dy);
    };
    root.addEventListener('scroll', P.flushScroll);
    window.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') _salik_on_key(1);
    });
    // The back and forward buttons change the hash; our own navigation uses replaceState.
    window.addEventListener('hashchange', function () { _salik_on_hash_change(); });
    document.addEventListener('visibilitychange', function () { if (!document.hidden) _salik_request_frames(2); });
    // Open sockets outlive a lost network; the chat drops its own when the browser says so.
    window.addEventListener('online', function () { _salik_on_network(1); });
    window.addEventListener('offline', function () { _salik_on_network(0); });
  },

  salik_platform_ready: function () {
    var boot = document.getElementById('boot');
    if (boot) boot.classList.add('hidden');
    window.SalikPlatform.firstFrameAt = performance.now();
  },

  salik_storage_get: function (key) {
    var v = null;
    try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },
  salik_storage_set: function (key, value) {
    try {
      if (value) window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
      else window.localStorage.removeItem(UTF8ToString(key));
    } catch (e) {}
  },

  salik_set_location_hash: function (hash) {
    var h = UTF8ToString(hash);
    if (window.location.hash !== h) history.replaceState(null, '', h || window.location.pathname);
  },
  salik_get_location_hash: function () {
    var v = window.location.hash || '';
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },
  // The realtime endpoint on the page's own host: wss:// under https, ws:// otherwise.
  salik_websocket_url: function () {
    var l = window.location;
    var v = (l.protocol === 'https:' ? 'wss://' : 'ws://') + l.host + '/api/ws';
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },
  salik_set_cursor: function (cursor) {
    // ImGuiMouseCursor_: 0 arrow, 1 text input, 7 hand
    var names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed'];
    window.SalikPlatform.root.style.cursor = names[cursor] || 'default';
  },
  salik_set_title: function (title) { document.title = UTF8ToString(title); },
});
