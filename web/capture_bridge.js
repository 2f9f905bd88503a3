// Browser side of src/app/bridge/capture_bridge: the microphone (getUserMedia), the encoder
// (MediaRecorder, audio/webm;codecs=opus where the browser has it) and the live input level (an
// AnalyserNode, sampled every 50 ms). The finished recording stays a Blob in SalikMedia's table;
// C++ gets its handle. C++ decides when to start and stop (and enforces the 60 s limit).
mergeInto(LibraryManager.library, {
  $SalikCapture: {
    // window.SalikCapture: the one recording in progress, and the kind of the last pointer.
    state: function () { return window.SalikCapture || (window.SalikCapture = { lastPointer: 'mouse' }); },
    // Releases the microphone (the browser's red dot goes away) and the audio graph.
    release: function (C) {
      if (C.timer) clearInterval(C.timer);
      if (C.stream) C.stream.getTracks().forEach(function (t) { t.stop(); });
      if (C.audio) C.audio.close();
      C.timer = C.stream = C.audio = C.recorder = null;
    },
    // 0 refused by the user or the browser's settings, 1 no microphone, 2 unsupported, 3 other.
    failureCode: function (err) {
      var name = err && err.name;
      if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 0;
      if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 1;
      return 3;
    },
    fail: function (code, detail) {
      Module.ccall('salik_capture_failed', null, ['number', 'string'], [code, String(detail || '')]);
    },
  },

  // Notes whether the last press came from a finger: the record button holds on touch.
  salik_capture_install__deps: ['$SalikCapture'],
  salik_capture_install: function () {
    var C = SalikCapture.state();
    window.addEventListener('pointerdown', function (e) { C.lastPointer = e.pointerType; }, true);
  },
  salik_capture_pointer_is_touch__deps: ['$SalikCapture'],
  salik_capture_pointer_is_touch: function () { return SalikCapture.state().lastPointer === 'touch' ? 1 : 0; },

  salik_capture_start__deps: ['$SalikCapture', '$SalikMediaLib'],
  salik_capture_start: function () {
    var C = SalikCapture.state();
    if (C.stream || C.asking) return;
    var md = navigator.mediaDevices;
    if (!md || !md.getUserMedia || typeof MediaRecorder === 'undefined') {
      setTimeout(function () { SalikCapture.fail(2, 'This browser cannot record sound.'); }, 0);
      return;
    }
    C.asking = true;
    C.cancelled = false;
    // The engine as it is: no echo cancelling, noise suppression or gain riding, which would
    // remove the very sounds a mechanic listens for.
    md.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } }).then(
      function (stream) {
        C.asking = false;
        if (C.cancelled) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
        var types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];
        var mime = types.filter(function (t) { return MediaRecorder.isTypeSupported(t); })[0] || '';
        var recorder;
        try {
          recorder = new MediaRecorder(stream, mime ? { mimeType: mime } : undefined);
        } catch (e) {
          stream.getTracks().forEach(function (t) { t.stop(); });
          SalikCapture.fail(2, e.message);
          return;
        }
        C.stream = stream;
        C.recorder = recorder;
        var chunks = [];
        recorder.ondataavailable = function (e) { if (e.data && e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          var seconds = ((C.stoppedAt || performance.now()) - C.startedAt) / 1000;
          var type = recorder.mimeType || mime || 'audio/webm';
          var blob = new Blob(chunks, { type: type });
          SalikCapture.release(C);
          var handle = blob.size ? SalikMediaLib.state().addBlob(blob) : 0;
          Module.ccall('salik_capture_done', null, ['number', 'number', 'number', 'string'],
                       [handle, blob.size, seconds, type]);
        };
        var Ctx = window.AudioContext || window.webkitAudioContext;
        var analyser = null, samples = null;
        if (Ctx) {
          C.audio = new Ctx();
          if (C.audio.state === 'suspended') C.audio.resume();
          analyser = C.audio.createAnalyser();
          analyser.fftSize = 2048;
          samples = new Float32Array(analyser.fftSize);
          C.audio.createMediaStreamSource(stream).connect(analyser);
        }
        C.startedAt = performance.now();
        C.stoppedAt = 0;
        recorder.start(250);
        C.timer = setInterval(function () {
          var rms = 0;
          if (analyser) {
            analyser.getFloatTimeDomainData(samples);
            var sum = 0;
            for (var i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
            rms = Math.sqrt(sum / samples.length);
          }
          _salik_capture_level(rms, (performance.now() - C.startedAt) / 1000);
        }, 50);
        _salik_capture_started();
      },
      function (err) {
        C.asking = false;
        if (!C.cancelled) SalikCapture.fail(SalikCapture.failureCode(err), (err && (err.name + ': ' + err.message)) || '');
      });
  },

  // Finishes the file; salik_capture_done follows once the encoder has written it.
  salik_capture_stop__deps: ['$SalikCapture'],
  salik_capture_stop: function () {
    var C = SalikCapture.state();
    if (C.asking) { C.cancelled = true; return; }
    if (!C.recorder || C.recorder.state === 'inactive') return;
    C.stoppedAt = performance.now();
    if (C.timer) { clearInterval(C.timer); C.timer = null; }
    C.recorder.stop();
  },

  // Sign-out: stop at once and keep nothing.
  salik_capture_cancel__deps: ['$SalikCapture'],
  salik_capture_cancel: function () {
    var C = SalikCapture.state();
    C.cancelled = true;
    if (C.recorder) C.recorder.onstop = null;
    if (C.recorder && C.recorder.state !== 'inactive') C.recorder.stop();
    SalikCapture.release(C);
  },
});
