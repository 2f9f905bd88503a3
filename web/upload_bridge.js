// Browser side of src/app/bridge/upload_bridge: uploads a Blob that stays in JavaScript (a
// recording or a picked file, by its handle in SalikMedia's blob table) with XMLHttpRequest, so
// the app sees upload progress; the bytes never pass through wasm memory. C++ decides what to
// upload, where and when; this file reports progress and the answer.
mergeInto(LibraryManager.library, {
  $SalikUploads__deps: ['$SalikMediaLib'],
  $SalikUploads: {
    // upload id -> the XMLHttpRequest in flight
    requests: function () { return window.SalikUploadRequests || (window.SalikUploadRequests = new Map()); },
    finish: function (id, status, body) {
      SalikUploads.requests().delete(id);
      Module.ccall('salik_upload_finished', null, ['number', 'number', 'string'], [id, status, body || '']);
    },
  },

  salik_upload_blob__deps: ['$SalikUploads', '$SalikMediaLib'],
  salik_upload_blob: function (id, handle, pathPtr, mimePtr, tokenPtr) {
    var blob = SalikMediaLib.state().blobs.get(handle);
    if (!blob) {
      // Answer after this call returns, like any network answer.
      setTimeout(function () { SalikUploads.finish(id, 0, ''); }, 0);
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', UTF8ToString(pathPtr));
    var token = UTF8ToString(tokenPtr);
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    // Only a hint: the server decides the type from the bytes.
    xhr.setRequestHeader('Content-Type', UTF8ToString(mimePtr) || blob.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = function (e) { _salik_upload_progress(id, e.loaded); };
    xhr.onload = function () { SalikUploads.finish(id, xhr.status, xhr.responseText); };
    xhr.onerror = function () { SalikUploads.finish(id, 0, ''); };
    xhr.onabort = function () { SalikUploads.requests().delete(id); };  // only ever by DropAll: no answer
    SalikUploads.requests().set(id, xhr);
    xhr.send(blob);
  },

  salik_blob_release__deps: ['$SalikMediaLib'],
  salik_blob_release: function (handle) { SalikMediaLib.state().removeBlob(handle); },

  // Sign-out: abort uploads and forget every Blob (the recorder is stopped by its own bridge).
  salik_uploads_drop_all__deps: ['$SalikUploads', '$SalikMediaLib'],
  salik_uploads_drop_all: function () {
    SalikUploads.requests().forEach(function (xhr) { xhr.abort(); });
    SalikUploads.requests().clear();
    SalikMediaLib.state().blobs.clear();
  },
});
