// The wizard's media step: recording engine sound, files from the dialog or dropped onto the app,
// and removing them again before the issue is posted. Uploading is in reduce_media_upload_queue.cpp.
#include <algorithm>

#include "state/reduce.hpp"
#include "state/reduce_media_upload_internal.hpp"

namespace salik::app {
namespace {

bool OnMediaStep(const AppState& s) {
  return s.session && s.route.screen == Screen::PostIssue && s.wizard.step == 3;
}

// The list a file offered now joins: the wizard's media step, or the mechanic's verification
// documents on their profile; nullptr where nothing takes files.
std::vector<Attachment>* DraftFor(AppState& s) {
  if (OnMediaStep(s)) return &s.media_upload.draft;
  if (s.session && s.route.screen == Screen::MechanicProfile) return &s.media_upload.documents;
  return nullptr;
}

// The recording's file name: engine-sound-1.webm, with the container the browser recorded.
std::string RecordingLabel(int number, const std::string& mime) {
  std::string ext = mime.find("ogg") != std::string::npos   ? "ogg"
                    : mime.find("mp4") != std::string::npos ? "m4a"
                                                            : "webm";
  return "engine-sound-" + std::to_string(number) + "." + ext;
}

bool AnyOf(const std::vector<Attachment>& list, int id) {
  return std::any_of(list.begin(), list.end(), [&](const Attachment& a) { return a.id == id; });
}

Commands Stop(Recorder& r) {
  r.phase = RecorderPhase::Stopping;
  r.held = false;
  return {StopCapture{}};
}

Commands ReduceRecorder(AppState& s, const Action& action) {
  auto& m = s.media_upload;
  auto& r = m.recorder;
  if (auto* press = std::get_if<RecordPressed>(&action)) {
    switch (r.phase) {
      case RecorderPhase::Idle:
      case RecorderPhase::Refused: {
        m.refusal = AttachmentRefusal(MediaType::Audio, "", 1, 0, m.draft.size());
        if (!m.refusal.empty()) return {};
        r = Recorder{};
        r.phase = RecorderPhase::Starting;
        r.held = press->touch;
        return {StartCapture{}};
      }
      case RecorderPhase::Recording: return Stop(r);
      default: return {};  // still asking for the microphone, or finishing the file
    }
  }
  if (std::holds_alternative<RecordReleased>(action)) {
    if (!r.held) return {};
    r.held = false;
    // A quick tap leaves it recording until the next tap; a long press stops when lifted.
    if (r.phase == RecorderPhase::Recording && r.elapsed_seconds >= kTapSeconds) return Stop(r);
    return {};
  }
  if (std::holds_alternative<CaptureStarted>(action)) {
    if (r.phase != RecorderPhase::Starting) return {StopCapture{}};  // nobody wants it any more
    r.phase = RecorderPhase::Recording;
    return {};
  }
  if (auto* tick = std::get_if<CaptureLevel>(&action)) {
    if (r.phase != RecorderPhase::Recording) return {};
    r.level = LevelFromRms(tick->rms);
    r.levels.push_back(r.level);
    r.elapsed_seconds = tick->elapsed_seconds;
    if (r.elapsed_seconds >= kRecordingStopSeconds) return Stop(r);
    return {};
  }
  if (auto* failed = std::get_if<CaptureFailed>(&action)) {
    if (r.phase != RecorderPhase::Starting && r.phase != RecorderPhase::Recording) return {};
    r = Recorder{};
    r.phase = RecorderPhase::Refused;
    r.failure = failed->failure;
    r.failure_detail = failed->detail;
    return {};
  }
  if (auto* done = std::get_if<CaptureDone>(&action)) {
    bool wanted = r.phase == RecorderPhase::Stopping || r.phase == RecorderPhase::Recording;
    Recorder finished = std::move(r);
    r = Recorder{};
    if (!wanted) return done->handle ? Commands{ReleaseBlob{done->handle}} : Commands{};
    if (!done->handle || done->bytes <= 0) {
      m.refusal = "Nothing was recorded. Please try again.";
      return done->handle ? Commands{ReleaseBlob{done->handle}} : Commands{};
    }
    Attachment a;
    a.type = MediaType::Audio;
    a.handle = done->handle;
    a.mime = done->mime;
    a.bytes = static_cast<int64_t>(done->bytes);
    a.seconds = done->seconds > 0 ? done->seconds : finished.elapsed_seconds;
    a.recorded = true;
    a.levels = std::move(finished.levels);
    a.label = RecordingLabel(m.recordings + 1, a.mime);
    m.refusal = AttachmentRefusal(a.type, a.label, a.bytes, a.seconds, m.draft.size());
    if (!m.refusal.empty()) return {ReleaseBlob{a.handle}};
    ++m.recordings;
    a.id = m.next_id++;
    m.draft.push_back(std::move(a));
    return {};
  }
  return {};
}

Commands ReduceFiles(AppState& s, const Action& action) {
  auto& m = s.media_upload;
  if (auto* pick = std::get_if<PickFiles>(&action)) {
    m.refusal.clear();
    return {OpenFileDialog{pick->chat ? AcceptForChat() : std::string(AcceptFor(pick->type))}};
  }
  if (auto* drag = std::get_if<DragOver>(&action)) {
    m.drop_hover = drag->over && (DraftFor(s) || ChatTakesFiles(s));
    if (m.drop_hover) m.refusal.clear();
    return {};
  }
  if (auto* offered = std::get_if<FileOffered>(&action)) {
    m.drop_hover = false;
    if (ChatTakesFiles(s)) return {};  // uploads at once: reduce_media_upload_queue.cpp
    std::vector<Attachment>* list = DraftFor(s);
    if (!list) return {ReleaseBlob{offered->handle}};  // dropped where nothing takes files
    bool document = list == &m.documents;
    auto type = AttachmentTypeFor(offered->mime, offered->name);
    if (document && type != MediaType::Image) {
      m.refusal = (offered->name.empty() ? std::string("This file") : offered->name) +
                  " is not a photo. Verification documents must be photos (JPEG, PNG or WebP).";
      return {ReleaseBlob{offered->handle}};
    }
    if (!type) {
      m.refusal = (offered->name.empty() ? std::string("This file") : offered->name) +
                  " is not a kind SalikChat takes: photos (JPEG, PNG, WebP), videos (MP4, WebM) or "
                  "sound (WebM, Ogg, M4A, WAV, MP3).";
      return {ReleaseBlob{offered->handle}};
    }
    Attachment a;
    a.type = *type;
    a.handle = offered->handle;
    a.label = offered->name.empty() ? "file" : offered->name;
    a.mime = offered->mime;
    a.bytes = static_cast<int64_t>(offered->bytes);
    a.seconds = offered->seconds;
    if (document) a.target = UploadTarget::MechanicDocument;
    std::string refusal = AttachmentRefusal(a.type, a.label, a.bytes, a.seconds, list->size());
    if (!refusal.empty()) {
      m.refusal = refusal;
      return {ReleaseBlob{a.handle}};
    }
    a.id = m.next_id++;
    list->push_back(std::move(a));
    return {};
  }
  if (auto* remove = std::get_if<RemoveAttachment>(&action)) {
    auto& list = AnyOf(m.documents, remove->id) ? m.documents : m.draft;
    auto it = std::find_if(list.begin(), list.end(), [&](const Attachment& a) { return a.id == remove->id; });
    if (it == list.end()) return {};
    int handle = it->handle;
    list.erase(it);
    m.refusal.clear();
    return {ReleaseBlob{handle}};
  }
  if (std::holds_alternative<WizardStartOver>(action)) {
    Commands out;
    for (const auto& a : m.draft) out.push_back(ReleaseBlob{a.handle});
    m.draft.clear();
    m.refusal.clear();
    return out;
  }
  return {};
}

}  // namespace

Commands ReduceMediaUpload(AppState& s, const Action& action) {
  Commands out = ReduceRecorder(s, action);
  for (auto* part : {&ReduceFiles, &ReduceUploadQueue}) {
    Commands more = part(s, action);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

}  // namespace salik::app
