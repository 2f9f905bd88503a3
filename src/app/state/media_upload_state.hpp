// Attachments of the posting wizard (step 3) and their uploads: the engine-sound recorder, the
// files picked or dropped, and the queue that uploads them one by one once the issue is posted.
// The bytes never enter wasm: a recording or file stays a Blob in the browser and is named here
// by an integer handle (web/upload_bridge.js). Changed only by reduce_media_upload*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/media.hpp"

namespace salik::app {

// The microphone recorder. Idle → Starting (asking the browser for the microphone) → Recording →
// Stopping (the encoder finishes the file) → Idle with a new attachment; or Refused with a reason.
enum class RecorderPhase { Idle, Starting, Recording, Stopping, Refused };
enum class CaptureFailure { Denied, NoDevice, Unsupported, Other };

struct Recorder {
  RecorderPhase phase = RecorderPhase::Idle;
  bool held = false;           // started by a finger that is still down: lifting it stops
  double elapsed_seconds = 0;  // since the recording started
  float level = 0;             // input level now, 0..1
  std::vector<float> levels;   // every level seen while recording: the attachment's picture
  CaptureFailure failure = CaptureFailure::Other;
  std::string failure_detail;  // the browser's own words, for the curious
};

// Draft: in the wizard, not yet posted. Waiting → Uploading → Done, or Failed (Retry → Waiting).
enum class UploadPhase { Draft, Waiting, Uploading, Done, Failed };
// Where a file uploads: a posted issue's media, the signed-in mechanic's verification documents,
// or a conversation (a chat attachment: once uploaded it waits in the outbox, held, until Send).
enum class UploadTarget { Issue, MechanicDocument, Conversation };

struct Attachment {
  int id = 0;      // local, unique for the tab
  int handle = 0;  // the Blob in the browser
  MediaType type = MediaType::Audio;
  std::string label;  // the file name sent as ?label=
  std::string mime;   // as the browser reports it; the server decides from the bytes
  int64_t bytes = 0;
  double seconds = 0;  // audio and video; 0 when unknown
  bool recorded = false;
  std::vector<float> levels;  // a recording's level history (drawn as bars)
  UploadPhase phase = UploadPhase::Draft;
  int64_t sent = 0;      // bytes uploaded so far
  UploadTarget target = UploadTarget::Issue;
  std::string issue_id;  // where it uploads, once posted (target Issue)
  std::string conversation_id;  // target Conversation
  std::string error;     // why the last upload failed
  std::optional<Media> media;  // the server's answer
  // A chat attachment: Send was pressed while it uploaded, so it goes out as soon as it is
  // uploaded, from the place (and with the caption) its outbox entry keeps (`upload_id`).
  bool send_when_uploaded = false;
};

struct MediaUploadState {
  Recorder recorder;
  std::vector<Attachment> draft;    // the wizard's, in the order added
  std::vector<Attachment> documents;  // a mechanic's verification documents added, not yet uploaded
  std::vector<Attachment> uploads;  // posted issues' files and documents, uploaded in this order
  int next_id = 1;
  int recordings = 0;   // names recordings engine-sound-1.webm, -2, …
  std::string refusal;  // why the last file offered was not added (shown under the buttons)
  bool drop_hover = false;  // files are being dragged over the app
};

// --- the rules, checked before anything is uploaded (reduce_media_upload_rules.cpp), with the
// server's limits from core/media.hpp.
inline constexpr double kTapSeconds = 0.5;  // a touch shorter than this toggles instead of holding
// Stop a little before the limit: the encoder's file runs slightly longer than the clock here.
inline constexpr double kRecordingStopSeconds = kMaxRecordingSeconds - 0.5;
// At most this many files per issue: more could not upload within the hourly limit anyway.
inline constexpr int kMaxAttachments = kUploadsPerHour;

// What a file is, from the browser's MIME type, or its extension when the browser gives none;
// nullopt for a kind the server does not take.
std::optional<MediaType> AttachmentTypeFor(std::string_view mime, std::string_view file_name);
// Why this file cannot be attached ("" when it can): size, length, count.
std::string AttachmentRefusal(MediaType type, std::string_view label, int64_t bytes, double seconds,
                              size_t attached);
// The `accept` attribute of the file dialog for one of the buttons.
std::string_view AcceptFor(MediaType type);
// The chat's attach button: photos, videos and sound in one dialog.
std::string AcceptForChat();
// A level bar's height, 0..1, from the input's RMS amplitude (a -60..0 dB scale).
float LevelFromRms(double rms);
// "3.2 MB", "840 KB".
std::string SizeText(int64_t bytes);
// "0:03", "1:00".
std::string ClockText(double seconds);

}  // namespace salik::app
