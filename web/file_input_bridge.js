// Browser side of src/app/bridge/file_input_bridge: the browser's file dialog
// (<input type=file multiple>) and files dropped onto the app. Each file stays a Blob in
// SalikMedia's table and is offered to C++ by its handle, with its name, type, size and (for
// sound and video) its length; C++ decides whether to keep it.
mergeInto(LibraryManager.library, {
  $SalikFileInput__deps: ['$SalikMediaLib'],
  $SalikFileInput: {
    // A sound or video's length in seconds (0 when the browser cannot tell, e.g. a WebM without
    // a duration in its header), from the file's metadata only.
    measure: function (file) {
      if (!/^(audio|video)\//.test(file.type)) return Promise.resolve(0);
      return new Promise(function (resolve) {
        var el = document.createElement(file.type.indexOf('video/') === 0 ? 'video' : 'audio');
        var url = URL.createObjectURL(file);
        var done = function (seconds) {
          clearTimeout(timer);
          el.removeAttribute('src');
          URL.revokeObjectURL(url);
          resolve(isFinite(seconds) && seconds > 0 ? seconds : 0);
        };
        var timer = setTimeout(function () { done(0); }, 3000);
        el.preload = 'metadata';
        el.onloadedmetadata = function () { done(el.duration); };
        el.onerror = function () { done(0); };
        el.src = url;
      });
    },
    // Offers the files one after another, in the order the user chose them.
    offer: function (files, dropped) {
      var list = Array.prototype.slice.call(files || []);
      var chain = Promise.resolve();
      list.forEach(function (file) {
        chain = chain.then(function () { return SalikFileInput.measure(file); }).then(function (seconds) {
          var handle = SalikMediaLib.state().addBlob(file);
          Module.ccall('salik_file_offered', null, ['number', 'string', 'string', 'number', 'number', 'number'],
                       [handle, file.name, file.type, file.size, seconds, dropped ? 1 : 0]);
        });
      });
    },
    hasFiles: function (e) {
      var types = e.dataTransfer && e.dataTransfer.types;
      return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
    },
  },

  // Opens the dialog. Browsers allow this only shortly after a user's click or key, which is
  // when C++ asks (the frame after the button was pressed).
  salik_file_dialog_open__deps: ['$SalikFileInput'],
  salik_file_dialog_open: function (acceptPtr) {
    var input = window.SalikFileDialog;
    if (!input) {
      input = window.SalikFileDialog = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.setAttribute('aria-hidden', 'true');
      input.tabIndex = -1;
      input.style.cssText = 'position:fixed;left:-10000px;top:0;width:1px;height:1px;opacity:0';
      input.addEventListener('change', function () {
        SalikFileInput.offer(input.files, false);
        input.value = '';  // picking the same file again fires change again
      });
      document.body.appendChild(input);
    }
    input.accept = UTF8ToString(acceptPtr);
    input.click();
  },

  // Files dragged over the window and dropped anywhere on it.
  salik_file_drop_install__deps: ['$SalikFileInput'],
  salik_file_drop_install: function () {
    var depth = 0;
    var over = function (on) { _salik_file_drag(on ? 1 : 0); };
    window.addEventListener('dragenter', function (e) {
      if (!SalikFileInput.hasFiles(e)) return;
      e.preventDefault();
      if (depth++ === 0) over(true);
    });
    window.addEventListener('dragover', function (e) {
      if (!SalikFileInput.hasFiles(e)) return;
      e.preventDefault();  // without this the browser opens the file instead of dropping it here
      e.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('dragleave', function (e) {
      if (!SalikFileInput.hasFiles(e)) return;
      if (--depth <= 0) { depth = 0; over(false); }
    });
    window.addEventListener('drop', function (e) {
      if (!SalikFileInput.hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      over(false);
      SalikFileInput.offer(e.dataTransfer.files, true);
    });
  },
});
