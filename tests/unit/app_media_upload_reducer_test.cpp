// The wizard's attachments and their uploads (src/app/state/reduce_media_upload*.cpp): recording,
// files offered by the dialog or a drop, the limits checked before upload (core/media.hpp's, the
// server's own), removal, posting, progress, failure, retry and order.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app_test_support.hpp"
#include "core/media.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {

const std::string kIssueId = "5c3e1a2b-0d9f-4e8c-b7a6-112233445566";

json Customer() {
  return json{{"id", "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d"}, {"email", "amira@example.com"},
              {"full_name", "Amira H."}, {"role", "customer"}, {"city", "Dubai"}};
}

// A signed-in car owner on the wizard's media step.
AppState OnMediaStep() {
  AppState s = Restored(Customer(), "tok-1", "#/post");
  REQUIRE(s.route.screen == Screen::PostIssue);
  s.wizard.step = 3;
  return s;
}

std::vector<int> Released(const Commands& cmds) {
  std::vector<int> out;
  for (const auto& r : Of<ReleaseBlob>(cmds)) out.push_back(r.handle);
  return out;
}

FileOffered Photo(int handle, const std::string& name = "dashboard.jpg", double bytes = 200'000) {
  return FileOffered{handle, name, "image/jpeg", bytes, 0, false};
}

// Records `seconds` of sound that the browser saves under `handle`.
void Record(AppState& s, int handle, double seconds) {
  REQUIRE(Of<StartCapture>(Reduce(s, RecordPressed{})).size() == 1);
  Reduce(s, CaptureStarted{});
  for (double t = 0.05; t <= seconds + 1e-9; t += 0.05) Reduce(s, CaptureLevel{0.1, t});
  REQUIRE(Of<StopCapture>(Reduce(s, RecordPressed{})).size() == 1);
  Reduce(s, CaptureDone{handle, 48'000, seconds, "audio/webm;codecs=opus"});
}

json MediaJson(const std::string& id, const std::string& label) {
  return json{{"id", id}, {"media_type", "image"}, {"mime", "image/jpeg"},
              {"url", "/api/media/" + id + "/content?expires=1&sig=ab"}, {"duration_seconds", nullptr},
              {"file_size", 1000}, {"label", label}, {"width", 640}, {"height", 480},
              {"created_at", "2026-03-12T09:55:00.000Z"}, {"owner_id", "u"}};
}

Commands Post(AppState& s) {
  return Reduce(s, HttpDone{Request::CreateIssue, 201, json{{"id", kIssueId}, {"title", "Knock"}}.dump(), ""});
}

}  // namespace

TEST_CASE("media step: Next from the car step opens it and Back returns to the car") {
  AppState s = Restored(Customer(), "tok-1", "#/post");
  s.wizard.step = 2;
  s.wizard.title = "Knocking from the engine at idle";
  s.wizard.description = "A metallic knock that gets faster with the revs.";
  s.wizard.category = 0;
  s.wizard.car_make = "Toyota";
  s.wizard.car_model = "Camry";
  s.wizard.car_year = "2019";
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 3);
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 4);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 3);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 2);
}

TEST_CASE("recording: a click starts, level ticks build the history, a second click stops and adds it") {
  AppState s = OnMediaStep();
  auto& r = s.media_upload.recorder;
  Commands start = Reduce(s, RecordPressed{});
  CHECK(Of<StartCapture>(start).size() == 1);
  CHECK(r.phase == RecorderPhase::Starting);
  Reduce(s, CaptureStarted{});
  CHECK(r.phase == RecorderPhase::Recording);
  Reduce(s, CaptureLevel{1.0, 0.05});    // full scale
  Reduce(s, CaptureLevel{0.001, 0.10});  // -60 dB: silence on the meter
  Reduce(s, CaptureLevel{0.0316, 0.15}); // -30 dB: half
  REQUIRE(r.levels.size() == 3);
  CHECK(r.levels[0] == Approx(1.0f));
  CHECK(r.levels[1] == Approx(0.0f));
  CHECK(r.levels[2] == Approx(0.5f).margin(0.01));
  CHECK(r.elapsed_seconds == Approx(0.15));
  CHECK(Of<StopCapture>(Reduce(s, RecordPressed{})).size() == 1);
  CHECK(r.phase == RecorderPhase::Stopping);
  CHECK(Reduce(s, CaptureDone{7, 12'345, 3.02, "audio/webm;codecs=opus"}).empty());
  CHECK(r.phase == RecorderPhase::Idle);
  REQUIRE(s.media_upload.draft.size() == 1);
  const Attachment& a = s.media_upload.draft[0];
  CHECK(a.handle == 7);
  CHECK(a.type == MediaType::Audio);
  CHECK(a.recorded);
  CHECK(a.label == "engine-sound-1.webm");
  CHECK(a.bytes == 12'345);
  CHECK(a.seconds == Approx(3.02));
  CHECK(a.levels.size() == 3);
  CHECK(a.phase == UploadPhase::Draft);
}

TEST_CASE("recording: the recorder stops itself before the 60 second limit") {
  AppState s = OnMediaStep();
  Reduce(s, RecordPressed{});
  Reduce(s, CaptureStarted{});
  Commands before = Reduce(s, CaptureLevel{0.1, kRecordingStopSeconds - 0.05});
  CHECK(Of<StopCapture>(before).empty());
  Commands at = Reduce(s, CaptureLevel{0.1, kRecordingStopSeconds});
  CHECK(Of<StopCapture>(at).size() == 1);
  CHECK(s.media_upload.recorder.phase == RecorderPhase::Stopping);
  CHECK(kRecordingStopSeconds < kMaxRecordingSeconds);
  // Ticks after the stop change nothing and ask for no second stop.
  CHECK(Reduce(s, CaptureLevel{0.1, kRecordingStopSeconds + 0.05}).empty());
}

TEST_CASE("recording on touch: held records until the finger lifts; a quick tap toggles") {
  AppState s = OnMediaStep();
  auto& r = s.media_upload.recorder;
  Reduce(s, RecordPressed{true});
  CHECK(r.held);
  Reduce(s, CaptureStarted{});
  Reduce(s, CaptureLevel{0.1, 2.0});
  CHECK(Of<StopCapture>(Reduce(s, RecordReleased{})).size() == 1);
  CHECK(r.phase == RecorderPhase::Stopping);
  Reduce(s, CaptureDone{3, 5000, 2.0, "audio/webm"});

  Reduce(s, RecordPressed{true});
  Reduce(s, CaptureStarted{});
  Reduce(s, CaptureLevel{0.1, 0.2});
  CHECK(Reduce(s, RecordReleased{}).empty());  // lifted after 0.2 s: keeps recording
  CHECK(r.phase == RecorderPhase::Recording);
  CHECK_FALSE(r.held);
  CHECK(Of<StopCapture>(Reduce(s, RecordPressed{true})).size() == 1);  // the next tap stops
  Reduce(s, CaptureDone{4, 5000, 4.0, "audio/webm"});
  REQUIRE(s.media_upload.draft.size() == 2);
  CHECK(s.media_upload.draft[1].label == "engine-sound-2.webm");
}

TEST_CASE("recording refused by the browser: the reason is kept and Try again asks once more") {
  AppState s = OnMediaStep();
  Reduce(s, RecordPressed{});
  Reduce(s, CaptureFailed{CaptureFailure::Denied, "NotAllowedError: Permission denied"});
  CHECK(s.media_upload.recorder.phase == RecorderPhase::Refused);
  CHECK(s.media_upload.recorder.failure == CaptureFailure::Denied);
  CHECK(s.media_upload.draft.empty());
  Commands again = Reduce(s, RecordPressed{});
  CHECK(Of<StartCapture>(again).size() == 1);
  CHECK(s.media_upload.recorder.phase == RecorderPhase::Starting);
}

TEST_CASE("recording: an empty file is not added, and a file nobody waits for is released") {
  AppState s = OnMediaStep();
  Reduce(s, RecordPressed{});
  Reduce(s, CaptureStarted{});
  Reduce(s, RecordPressed{});
  Commands empty = Reduce(s, CaptureDone{0, 0, 0, "audio/webm"});
  CHECK(s.media_upload.draft.empty());
  CHECK_FALSE(s.media_upload.refusal.empty());
  // A late answer (after a sign-out reset the recorder) is released, not added.
  Commands late = Reduce(s, CaptureDone{9, 1000, 1, "audio/webm"});
  CHECK(Released(late) == std::vector<int>{9});
  CHECK(s.media_upload.draft.empty());
}

TEST_CASE("files: photos, video and sound are added in the order offered; other kinds are refused") {
  AppState s = OnMediaStep();
  Commands dialog = Reduce(s, PickFiles{MediaType::Image});
  REQUIRE(Of<OpenFileDialog>(dialog).size() == 1);
  CHECK(Of<OpenFileDialog>(dialog)[0].accept == "image/jpeg,image/png,image/webp");
  Reduce(s, Photo(1, "a.jpg"));
  Reduce(s, FileOffered{2, "drive.mp4", "video/mp4", 20'000'000, 31, true});
  Reduce(s, FileOffered{3, "idle.m4a", "", 900'000, 12, false});  // no type from the browser: by extension
  Commands gif = Reduce(s, FileOffered{4, "funny.gif", "image/gif", 1000, 0, false});
  Commands exe = Reduce(s, FileOffered{5, "setup.exe", "application/x-msdownload", 1000, 0, true});
  REQUIRE(s.media_upload.draft.size() == 3);
  CHECK(s.media_upload.draft[0].type == MediaType::Image);
  CHECK(s.media_upload.draft[1].type == MediaType::Video);
  CHECK(s.media_upload.draft[2].type == MediaType::Audio);
  CHECK(s.media_upload.draft[0].id < s.media_upload.draft[1].id);
  CHECK(Released(gif) == std::vector<int>{4});
  CHECK(Released(exe) == std::vector<int>{5});
  CHECK(s.media_upload.refusal.find("setup.exe") != std::string::npos);
}

TEST_CASE("files: the server's size and length limits are checked before upload") {
  AppState s = OnMediaStep();
  Commands big_photo = Reduce(s, Photo(1, "big.jpg", static_cast<double>(kMaxImageBytes + 1)));
  CHECK(Released(big_photo) == std::vector<int>{1});
  CHECK(s.media_upload.refusal == "big.jpg is 5.0 MB; photos can be at most 5 MB.");
  Reduce(s, Photo(2, "ok.jpg", static_cast<double>(kMaxImageBytes)));  // exactly the limit is fine
  CHECK(s.media_upload.draft.size() == 1);
  Commands big_video = Reduce(s, FileOffered{3, "long.webm", "video/webm", static_cast<double>(kMaxVideoBytes + 1), 20});
  CHECK(Released(big_video) == std::vector<int>{3});
  Commands big_audio = Reduce(s, FileOffered{4, "a.wav", "audio/wav", static_cast<double>(kMaxAudioBytes + 1), 5});
  CHECK(Released(big_audio) == std::vector<int>{4});
  Commands long_audio = Reduce(s, FileOffered{5, "drive.mp3", "audio/mpeg", 1'000'000, kMaxRecordingSeconds + 1});
  CHECK(Released(long_audio) == std::vector<int>{5});
  CHECK(s.media_upload.refusal.find("at most 60 seconds") != std::string::npos);
  Commands empty = Reduce(s, Photo(6, "zero.png", 0));
  CHECK(Released(empty) == std::vector<int>{6});
  CHECK(s.media_upload.draft.size() == 1);
}

TEST_CASE("files: at most one hour's uploads per issue, for files and recordings alike") {
  AppState s = OnMediaStep();
  for (int i = 1; i <= kMaxAttachments; ++i) Reduce(s, Photo(i, "p" + std::to_string(i) + ".jpg"));
  CHECK(s.media_upload.draft.size() == static_cast<size_t>(kUploadsPerHour));
  Commands one_more = Reduce(s, Photo(99));
  CHECK(Released(one_more) == std::vector<int>{99});
  CHECK(s.media_upload.draft.size() == static_cast<size_t>(kUploadsPerHour));
  CHECK(Of<StartCapture>(Reduce(s, RecordPressed{})).empty());  // no microphone for a file that cannot go
  CHECK_FALSE(s.media_upload.refusal.empty());
}

TEST_CASE("files dropped anywhere but the media step are released, not added") {
  AppState s = OnMediaStep();
  s.wizard.step = 1;
  Commands dropped = Reduce(s, FileOffered{5, "a.jpg", "image/jpeg", 1000, 0, true});
  CHECK(Released(dropped) == std::vector<int>{5});
  CHECK(s.media_upload.draft.empty());
  Reduce(s, DragOver{true});
  CHECK_FALSE(s.media_upload.drop_hover);  // no drop target here
  s.wizard.step = 3;
  Reduce(s, DragOver{true});
  CHECK(s.media_upload.drop_hover);
  Reduce(s, DragOver{false});
  CHECK_FALSE(s.media_upload.drop_hover);
}

TEST_CASE("remove: the file leaves the list and its Blob is released; others keep their order") {
  AppState s = OnMediaStep();
  Reduce(s, Photo(1, "a.jpg"));
  Reduce(s, Photo(2, "b.jpg"));
  Reduce(s, Photo(3, "c.jpg"));
  int second = s.media_upload.draft[1].id;
  CHECK(Released(Reduce(s, RemoveAttachment{second})) == std::vector<int>{2});
  REQUIRE(s.media_upload.draft.size() == 2);
  CHECK(s.media_upload.draft[0].label == "a.jpg");
  CHECK(s.media_upload.draft[1].label == "c.jpg");
  CHECK(Reduce(s, RemoveAttachment{second}).empty());  // twice: nothing more
  Commands over = Reduce(s, WizardStartOver{});
  CHECK(Released(over) == std::vector<int>{1, 3});
  CHECK(s.media_upload.draft.empty());
}

TEST_CASE("posting uploads the files one at a time, in order, to the new issue with its label") {
  AppState s = OnMediaStep();
  Record(s, 10, 3.0);
  Reduce(s, Photo(11, "dash light.jpg", 4000));
  CHECK(Of<UploadBlob>(Reduce(s, WizardNext{})).empty());  // nothing uploads before posting

  Commands posted = Post(s);
  CHECK(s.media_upload.draft.empty());
  REQUIRE(s.media_upload.uploads.size() == 2);
  auto first = Of<UploadBlob>(posted);
  REQUIRE(first.size() == 1);
  CHECK(first[0].handle == 10);
  CHECK(first[0].path == "/api/issues/" + kIssueId + "/media?label=engine-sound-1.webm");
  CHECK(first[0].token == "tok-1");
  CHECK(first[0].mime == "audio/webm;codecs=opus");
  const Attachment& rec = s.media_upload.uploads[0];
  CHECK(rec.phase == UploadPhase::Uploading);
  CHECK(s.media_upload.uploads[1].phase == UploadPhase::Waiting);

  Reduce(s, UploadProgress{rec.id, 24'000});
  CHECK(rec.sent == 24'000);
  Reduce(s, UploadProgress{rec.id, 10});  // progress never goes back
  CHECK(rec.sent == 24'000);
  Reduce(s, UploadProgress{rec.id, 1e9});  // nor past the size
  CHECK(rec.sent == rec.bytes);

  Commands done = Reduce(s, UploadFinished{rec.id, 201, MediaJson("m1", "engine-sound-1.webm").dump()});
  CHECK(rec.phase == UploadPhase::Done);
  REQUIRE(rec.media);
  CHECK(rec.media->id == "m1");
  CHECK(Released(done) == std::vector<int>{10});
  auto second = Of<UploadBlob>(done);
  REQUIRE(second.size() == 1);
  CHECK(second[0].handle == 11);
  CHECK(second[0].path == "/api/issues/" + kIssueId + "/media?label=dash%20light.jpg");
}

TEST_CASE("a failed upload shows the server's reason, the rest go on, and Retry sends it again") {
  AppState s = OnMediaStep();
  Reduce(s, Photo(1, "a.jpg"));
  Reduce(s, Photo(2, "b.jpg"));
  Post(s);
  auto& ups = s.media_upload.uploads;
  Commands failed = Reduce(s, UploadFinished{ups[0].id, 415, ErrorJson("unsupported_media_type", "That file is not a photo.")});
  CHECK(ups[0].phase == UploadPhase::Failed);
  CHECK(ups[0].error == "That file is not a photo.");
  CHECK(Released(failed).empty());  // kept for Retry
  REQUIRE(Of<UploadBlob>(failed).size() == 1);
  CHECK(Of<UploadBlob>(failed)[0].handle == 2);
  // Retry while another upload runs waits its turn.
  CHECK(Of<UploadBlob>(Reduce(s, RetryUpload{ups[0].id})).empty());
  CHECK(ups[0].phase == UploadPhase::Waiting);
  CHECK(ups[0].error.empty());
  Commands next = Reduce(s, UploadFinished{ups[1].id, 0, ""});  // the network dropped
  CHECK(ups[1].phase == UploadPhase::Failed);
  CHECK(ups[1].error.find("connection") != std::string::npos);
  REQUIRE(Of<UploadBlob>(next).size() == 1);
  CHECK(Of<UploadBlob>(next)[0].handle == 1);
  Reduce(s, UploadFinished{ups[0].id, 201, MediaJson("m1", "a.jpg").dump()});
  CHECK(ups[0].phase == UploadPhase::Done);
  Commands retry = Reduce(s, RetryUpload{ups[1].id});
  REQUIRE(Of<UploadBlob>(retry).size() == 1);
  CHECK(Of<UploadBlob>(retry)[0].handle == 2);
  // Retry of a finished upload, and answers for unknown or finished uploads, do nothing.
  CHECK(Reduce(s, RetryUpload{ups[0].id}).empty());
  CHECK(Reduce(s, UploadFinished{ups[0].id, 201, "{}"}).empty());
  CHECK(Reduce(s, UploadFinished{9999, 201, "{}"}).empty());
}

TEST_CASE("a refused post keeps the files in the wizard and uploads nothing") {
  AppState s = OnMediaStep();
  Reduce(s, Photo(1));
  Commands refused = Reduce(s, HttpDone{Request::CreateIssue, 429, ErrorJson("rate_limited", "Too many issues."), ""});
  CHECK(Of<UploadBlob>(refused).empty());
  CHECK(s.media_upload.draft.size() == 1);
  CHECK(s.media_upload.uploads.empty());
}

TEST_CASE("signing out stops the microphone and forgets every file") {
  AppState s = OnMediaStep();
  Reduce(s, Photo(1));
  Reduce(s, RecordPressed{});
  Commands out = Reduce(s, SignOut{});
  CHECK(Of<DropAllMedia>(out).size() == 1);
  CHECK(s.media_upload.draft.empty());
  CHECK(s.media_upload.recorder.phase == RecorderPhase::Idle);
}

TEST_CASE("attachment rules: types by MIME or extension, sizes and clock texts") {
  CHECK(AttachmentTypeFor("audio/webm;codecs=opus", "x") == MediaType::Audio);
  CHECK(AttachmentTypeFor("IMAGE/PNG", "x") == MediaType::Image);
  CHECK(AttachmentTypeFor("video/quicktime", "clip.mov") == std::nullopt);
  CHECK(AttachmentTypeFor("", "photo.JPG") == MediaType::Image);
  CHECK(AttachmentTypeFor("application/octet-stream", "clip.mp4") == MediaType::Video);
  CHECK(AttachmentTypeFor("", "notes.txt") == std::nullopt);
  CHECK(SizeText(840 * 1024) == "840 KB");
  CHECK(SizeText(kMaxVideoBytes) == "50 MB");
  CHECK(ClockText(3.02) == "0:03");
  CHECK(ClockText(60) == "1:00");
  CHECK(LevelFromRms(0) == 0.0f);
}
