// Browser side of src/app/bridge/audio_player: fetch a recording, decode it (decodeAudioData) to
// mono float samples for the C++ analysis, and play, pause, seek and loop it with Web Audio.
// C++ decides everything; this file keeps the decoded buffers by the handle C++ gave them.
mergeInto(LibraryManager.library, {
  $SalikAudio: {
    buffers: {},         // handle -> AudioBuffer (a plain object: library objects are written out as source)
    ctx: null,           // the playback context, made on first play
    source: null,        // the AudioBufferSourceNode playing, if any
    playing: null,       // { from, startedAt, loopStart, loopEnd, duration }
    context: function () {
      if (!SalikAudio.ctx) SalikAudio.ctx = new (window.AudioContext || window.webkitAudioContext)();
      return SalikAudio.ctx;
    },
    // Decoding needs no sound device and no user gesture: an offline context does it, at 48 kHz
    // so the analysis always sees the same rate.
    decode: function (bytes) {
      var Offline = window.OfflineAudioContext || window.webkitOfflineAudioContext;
      return new Offline(1, 1, 48000).decodeAudioData(bytes);
    },
    stop: function () {
      var s = SalikAudio.source;
      SalikAudio.source = null;
      SalikAudio.playing = null;
      if (s) {
        s.onended = null;
        try { s.stop(); } catch (e) { /* already stopped */ }
        s.disconnect();
      }
    },
    cString: function (text) {
      var n = lengthBytesUTF8(text) + 1;
      var p = _malloc(n);
      stringToUTF8(text, p, n);
      return p;
    },
  },

  salik_audio_decode__deps: ['$SalikAudio'],
  salik_audio_decode: function (handle, urlPtr) {
    var url = UTF8ToString(urlPtr);
    window.SalikAudioStats = window.SalikAudioStats || { decoded: 0 };
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status === 403 || r.status === 404 ? 'expired' : 'http');
        return r.arrayBuffer();
      })
      .then(function (bytes) { return SalikAudio.decode(bytes); })
      .then(function (audio) {
        SalikAudio.buffers[handle] = audio;
        // Mono: the average of the channels, straight into the wasm heap.
        var n = audio.length, channels = audio.numberOfChannels;
        var p = _malloc(Math.max(1, n) * 4);
        var out = HEAPF32.subarray(p >> 2, (p >> 2) + n);
        out.set(audio.getChannelData(0));
        for (var c = 1; c < channels; c++) {
          var data = audio.getChannelData(c);
          for (var i = 0; i < n; i++) out[i] += data[i];
        }
        if (channels > 1) for (var j = 0; j < n; j++) out[j] /= channels;
        window.SalikAudioStats.decoded++;
        _salik_on_audio_decoded(handle, p, n, audio.sampleRate);  // C++ copies, then we free
        _free(p);
      })
      .catch(function (e) {
        if (!(e && (e.message === 'expired' || e.message === 'http'))) console.warn('audio bridge: ' + e);
        var reason = e && e.message === 'expired' ? 'expired' : e && e.message === 'http' ? 'http' : 'decode';
        var p = SalikAudio.cString(reason);
        _salik_on_audio_failed(handle, p);
        _free(p);
      });
  },

  salik_audio_forget__deps: ['$SalikAudio'],
  salik_audio_forget: function (handle) { delete SalikAudio.buffers[handle]; },

  salik_audio_play__deps: ['$SalikAudio'],
  salik_audio_play: function (handle, from, loopStart, loopEnd) {
    SalikAudio.stop();
    var buffer = SalikAudio.buffers[handle];
    if (!buffer) return;
    var ctx = SalikAudio.context();
    if (ctx.state === 'suspended') ctx.resume();
    var src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(ctx.destination);
    var loops = loopEnd > loopStart;
    if (loops) { src.loop = true; src.loopStart = loopStart; src.loopEnd = loopEnd; }
    src.onended = function () {
      if (SalikAudio.source !== src) return;
      SalikAudio.source = null;
      SalikAudio.playing = null;
      _salik_on_audio_ended(handle);
    };
    src.start(0, from);
    SalikAudio.source = src;
    SalikAudio.playing = { from: from, startedAt: ctx.currentTime, loopStart: loopStart, loopEnd: loopEnd,
                           duration: buffer.duration, loops: loops };
  },

  salik_audio_stop__deps: ['$SalikAudio'],
  salik_audio_stop: function () { SalikAudio.stop(); },

  // Where playback is now, in seconds (-1 when nothing plays).
  salik_audio_position__deps: ['$SalikAudio'],
  salik_audio_position: function () {
    var p = SalikAudio.playing;
    if (!p) return -1;
    var t = p.from + (SalikAudio.ctx.currentTime - p.startedAt);
    if (p.loops && t > p.loopEnd) t = p.loopStart + ((t - p.loopStart) % (p.loopEnd - p.loopStart));
    return Math.min(t, p.duration);
  },
});
