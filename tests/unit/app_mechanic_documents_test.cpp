// Mechanics' verification documents in the app (src/app/state/mechanic_documents_reduce.cpp and
// the upload machinery's MechanicDocument target): the mechanic adds photos on their profile,
// removes or uploads them with progress, failure and Retry, and sees the list; the pending screen
// loads it too; the admin's queue asks for each candidate's documents once.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "app_test_support.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {

const std::string kMechanicId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const std::string kCandidateA = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const std::string kCandidateB = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

json MechanicMe(const std::string& status = "") {
  json me{{"id", kMechanicId}, {"role", "mechanic"}, {"email", "omar.garage@example.com"},
          {"full_name", "Omar Saleh"}, {"city", "Sharjah"}, {"country", "AE"}, {"is_active", true}};
  if (!status.empty())
    me["mechanic"] = json{{"id", kMechanicId}, {"full_name", "Omar Saleh"}, {"bio", "Twelve years on engines."},
                          {"specializations", json::array({"engine"})}, {"experience_years", 12},
                          {"hourly_rate", 15000}, {"service_tier", "virtual_only"}, {"verification_status", status},
                          {"rejection_reason", ""}, {"rating_avg", 0.0}, {"rating_count", 0},
                          {"is_available", true}, {"verified_at", nullptr}, {"created_at", "2026-03-10T09:30:00.000Z"}};
  return me;
}

json Document(const std::string& id, const std::string& label) {
  return json{{"id", id}, {"media_type", "image"}, {"mime", "image/png"},
              {"url", "/api/media/" + id + "/content?expires=1&sig=ab"}, {"duration_seconds", nullptr},
              {"file_size", 1000}, {"label", label}, {"width", 640}, {"height", 480},
              {"created_at", "2026-03-12T09:55:00.000Z"}, {"owner_id", kMechanicId}};
}

std::string Items(const std::vector<json>& docs) { return json{{"items", docs}}.dump(); }

// A mechanic who has just signed up, on the profile screen, whose (empty) list has loaded.
AppState OnProfile() {
  Commands cmds;
  AppState s = Restored(MechanicMe(), "tok-mech", "", &cmds);
  REQUIRE(s.route.screen == Screen::MechanicProfile);
  Reduce(s, HttpDone{Request::MechanicDocuments, 200, Items({}), kMechanicId});
  return s;
}

FileOffered Photo(int handle, const std::string& name = "trade-licence.png") {
  return FileOffered{handle, name, "image/png", 300'000, 0, false};
}

const DocumentList& Mine(const AppState& s) {
  const DocumentList* list = DocumentsOf(s.mechanic_documents, kMechanicId);
  REQUIRE(list);
  return *list;
}

AppState Admin(Commands* cmds = nullptr) {
  json me{{"id", "a0000000-0000-4000-8000-000000000001"}, {"role", "admin"}, {"email", "ops@salikchat.ae"},
          {"full_name", "Mariam"}, {"city", "Dubai"}};
  return Restored(me, "tok-admin", "#/admin/verification", cmds);
}

}  // namespace

TEST_CASE("documents: the profile screen asks for the mechanic's own list and shows what the server answers") {
  Commands cmds;
  AppState s = Restored(MechanicMe(), "tok-mech", "", &cmds);
  auto gets = Https(cmds);
  auto it = std::find_if(gets.begin(), gets.end(), [](const HttpCommand& h) { return h.request == Request::MechanicDocuments; });
  REQUIRE(it != gets.end());
  CHECK(it->method == "GET");
  CHECK(it->path == "/api/mechanics/" + kMechanicId + "/documents");
  CHECK(it->token == "tok-mech");
  CHECK(Mine(s).loading);
  // Arriving again while it loads asks nothing more.
  CHECK(Https(Reduce(s, Navigate{{Screen::MechanicProfile, {}}})).empty());

  Reduce(s, HttpDone{Request::MechanicDocuments, 200, Items({Document("d1", "licence.png"), Document("d2", "id.png")}),
                     kMechanicId});
  REQUIRE(Mine(s).loaded);
  REQUIRE(Mine(s).items.size() == 2);
  CHECK(Mine(s).items[0].label == "licence.png");
  CHECK(Mine(s).items[1].id == "d2");
}

TEST_CASE("documents: a failed load says why, and Retry asks again") {
  Commands cmds;
  AppState s = Restored(MechanicMe(), "tok-mech", "", &cmds);
  Reduce(s, HttpDone{Request::MechanicDocuments, 0, "", kMechanicId});
  CHECK_FALSE(Mine(s).loading);
  CHECK_FALSE(Mine(s).error.empty());
  // Without retry (a card drawn again) nothing is asked; Retry asks.
  CHECK(Https(Reduce(s, LoadMechanicDocuments{kMechanicId})).empty());
  auto again = Https(Reduce(s, LoadMechanicDocuments{kMechanicId, true}));
  REQUIRE(again.size() == 1);
  CHECK(again[0].path == "/api/mechanics/" + kMechanicId + "/documents");
  Reduce(s, HttpDone{Request::MechanicDocuments, 200, Items({Document("d1", "licence.png")}), kMechanicId});
  CHECK(Mine(s).error.empty());
  CHECK(Mine(s).items.size() == 1);
}

TEST_CASE("documents: photos offered on the profile become documents, not wizard files; other kinds are refused") {
  AppState s = OnProfile();
  Commands cmds = Reduce(s, Photo(7));
  CHECK(Of<ReleaseBlob>(cmds).empty());
  REQUIRE(s.media_upload.documents.size() == 1);
  CHECK(s.media_upload.draft.empty());
  const Attachment& a = s.media_upload.documents[0];
  CHECK(a.target == UploadTarget::MechanicDocument);
  CHECK(a.label == "trade-licence.png");
  CHECK(a.phase == UploadPhase::Draft);

  // A PDF and a video: not photos. Refused at once, the Blob freed, nothing added.
  cmds = Reduce(s, FileOffered{8, "licence.pdf", "application/pdf", 90'000, 0, true});
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(s.media_upload.refusal == "licence.pdf is not a photo. Verification documents must be photos (JPEG, PNG or WebP).");
  cmds = Reduce(s, FileOffered{9, "walkaround.mp4", "video/mp4", 900'000, 12, false});
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(s.media_upload.documents.size() == 1);
  // Over the photo limit: the server's own 5 MB.
  cmds = Reduce(s, FileOffered{10, "scan.jpg", "image/jpeg", 6.0 * 1024 * 1024, 0, false});
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(s.media_upload.refusal == "scan.jpg is 6 MB; photos can be at most 5 MB.");
  CHECK(s.media_upload.documents.size() == 1);

  // Dragging over the profile shows where files go.
  Reduce(s, DragOver{true});
  CHECK(s.media_upload.drop_hover);
}

TEST_CASE("documents: removed before upload, the Blob is freed and nothing is sent") {
  AppState s = OnProfile();
  Reduce(s, Photo(7));
  Reduce(s, Photo(8, "emirates-id.jpg"));
  int first = s.media_upload.documents[0].id;
  Commands cmds = Reduce(s, RemoveAttachment{first});
  REQUIRE(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(Of<ReleaseBlob>(cmds)[0].handle == 7);
  REQUIRE(s.media_upload.documents.size() == 1);
  CHECK(s.media_upload.documents[0].label == "emirates-id.jpg");
  CHECK(Of<UploadBlob>(cmds).empty());
}

TEST_CASE("documents: files dropped on a screen that takes none are freed") {
  AppState s = Restored(MechanicMe("pending"), "tok-mech", "");
  REQUIRE(s.route.screen == Screen::MechanicFeed);
  Commands cmds = Reduce(s, Photo(11));
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(s.media_upload.documents.empty());
  CHECK(s.media_upload.draft.empty());
}

TEST_CASE("documents: upload one at a time to the mechanic's own endpoint, with progress; each joins the list") {
  AppState s = OnProfile();
  Reduce(s, Photo(7, "trade licence.png"));
  Reduce(s, Photo(8, "emirates-id.jpg"));
  Commands cmds = Reduce(s, UploadDocuments{});
  CHECK(s.media_upload.documents.empty());
  auto blobs = Of<UploadBlob>(cmds);
  REQUIRE(blobs.size() == 1);
  CHECK(blobs[0].path == "/api/mechanics/me/documents?label=trade%20licence.png");
  CHECK(blobs[0].handle == 7);
  CHECK(blobs[0].token == "tok-mech");
  REQUIRE(s.media_upload.uploads.size() == 2);
  int first = s.media_upload.uploads[0].id, second = s.media_upload.uploads[1].id;
  CHECK(s.media_upload.uploads[0].phase == UploadPhase::Uploading);
  CHECK(s.media_upload.uploads[1].phase == UploadPhase::Waiting);

  Reduce(s, UploadProgress{first, 150'000});
  CHECK(s.media_upload.uploads[0].sent == 150'000);

  cmds = Reduce(s, UploadFinished{first, 201, Document("d1", "trade licence.png").dump()});
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  REQUIRE(Mine(s).items.size() == 1);
  CHECK(Mine(s).items[0].id == "d1");
  blobs = Of<UploadBlob>(cmds);
  REQUIRE(blobs.size() == 1);
  CHECK(blobs[0].id == second);
  CHECK(blobs[0].path == "/api/mechanics/me/documents?label=emirates-id.jpg");

  Reduce(s, UploadFinished{second, 201, Document("d2", "emirates-id.jpg").dump()});
  REQUIRE(Mine(s).items.size() == 2);
  // The list loaded later (a slow GET) holds both; nothing is shown twice.
  Reduce(s, HttpDone{Request::MechanicDocuments, 200,
                     Items({Document("d1", "trade licence.png"), Document("d2", "emirates-id.jpg")}), kMechanicId});
  CHECK(Mine(s).items.size() == 2);
}

TEST_CASE("documents: the server's refusals (415, 413, 429) show its own sentence, and Retry sends again") {
  struct Case {
    int status;
    std::string code, message;
  };
  for (const Case& c : {Case{415, "unsupported_media_type", "Verification documents must be photos (JPEG, PNG or WebP)."},
                        Case{413, "payload_too_large", "Photos can be at most 5 MB."},
                        Case{429, "rate_limited", "Too many uploads. Try again in 12 minutes."}}) {
    INFO(c.status);
    AppState s = OnProfile();
    Reduce(s, Photo(7));
    Reduce(s, UploadDocuments{});
    int id = s.media_upload.uploads[0].id;
    Commands cmds = Reduce(s, UploadFinished{id, c.status, ErrorJson(c.code, c.message)});
    CHECK(Of<ReleaseBlob>(cmds).empty());  // kept for Retry
    CHECK(s.media_upload.uploads[0].phase == UploadPhase::Failed);
    CHECK(s.media_upload.uploads[0].error == c.message);
    CHECK(Mine(s).items.empty());
    auto again = Of<UploadBlob>(Reduce(s, RetryUpload{id}));
    REQUIRE(again.size() == 1);
    CHECK(again[0].handle == 7);
    CHECK(again[0].path == "/api/mechanics/me/documents?label=trade-licence.png");
  }
}

TEST_CASE("documents: the pending and rejected screens load the mechanic's list; the verified feed does not") {
  for (const char* status : {"pending", "rejected"}) {
    Commands cmds;
    AppState s = Restored(MechanicMe(status), "tok-mech", "", &cmds);
    REQUIRE(s.route.screen == Screen::MechanicFeed);
    int asked = 0;
    for (const auto& h : Https(cmds)) asked += h.request == Request::MechanicDocuments;
    CHECK(asked == 1);
  }
  Commands cmds;
  AppState s = Restored(MechanicMe("verified"), "tok-mech", "", &cmds);
  for (const auto& h : Https(cmds)) CHECK(h.request != Request::MechanicDocuments);
}

TEST_CASE("documents: the admin asks for each candidate's documents once, and a fresh queue starts again") {
  AppState s = Admin();
  REQUIRE(s.route.screen == Screen::AdminVerification);
  auto first = Https(Reduce(s, LoadMechanicDocuments{kCandidateA}));
  REQUIRE(first.size() == 1);
  CHECK(first[0].path == "/api/mechanics/" + kCandidateA + "/documents");
  CHECK(first[0].context == kCandidateA);
  CHECK(first[0].token == "tok-admin");
  // The card drawn again, before and after the answer: no second request.
  CHECK(Https(Reduce(s, LoadMechanicDocuments{kCandidateA})).empty());
  Reduce(s, HttpDone{Request::MechanicDocuments, 200, Items({Document("d9", "licence.png")}), kCandidateA});
  CHECK(Https(Reduce(s, LoadMechanicDocuments{kCandidateA})).empty());
  REQUIRE(DocumentsOf(s.mechanic_documents, kCandidateA));
  CHECK(DocumentsOf(s.mechanic_documents, kCandidateA)->items.size() == 1);
  CHECK_FALSE(DocumentsOf(s.mechanic_documents, kCandidateB));
  // Answers for different candidates land on their own cards.
  Reduce(s, LoadMechanicDocuments{kCandidateB});
  Reduce(s, HttpDone{Request::MechanicDocuments, 200, Items({}), kCandidateB});
  CHECK(DocumentsOf(s.mechanic_documents, kCandidateB)->loaded);
  CHECK(DocumentsOf(s.mechanic_documents, kCandidateB)->items.empty());
  CHECK(DocumentsOf(s.mechanic_documents, kCandidateA)->items.size() == 1);

  // Coming back to the queue: fresh lists (and fresh signed links).
  Reduce(s, Navigate{{Screen::AdminVerification, {}}});
  CHECK_FALSE(DocumentsOf(s.mechanic_documents, kCandidateA));
  CHECK(Https(Reduce(s, LoadMechanicDocuments{kCandidateA})).size() == 1);
}

TEST_CASE("documents: a refused list (403) shows the server's reason") {
  AppState s = Admin();
  Reduce(s, LoadMechanicDocuments{kCandidateA});
  Reduce(s, HttpDone{Request::MechanicDocuments, 403,
                     ErrorJson("forbidden", "Verification documents are visible only to the mechanic and to admins."),
                     kCandidateA});
  const DocumentList* list = DocumentsOf(s.mechanic_documents, kCandidateA);
  REQUIRE(list);
  CHECK(list->error == "Verification documents are visible only to the mechanic and to admins.");
  CHECK(list->items.empty());
}

TEST_CASE("documents: the wizard still takes files as before, and its uploads still go to the issue") {
  AppState s = Restored(json{{"id", "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d"}, {"email", "amira@example.com"},
                             {"full_name", "Amira H."}, {"role", "customer"}, {"city", "Dubai"}},
                        "tok-1", "#/post");
  s.wizard.step = 3;
  Reduce(s, Photo(3, "dash.png"));
  REQUIRE(s.media_upload.draft.size() == 1);
  CHECK(s.media_upload.documents.empty());
  CHECK(s.media_upload.draft[0].target == UploadTarget::Issue);
  Commands cmds = Reduce(s, HttpDone{Request::CreateIssue, 201, json{{"id", "iss-1"}}.dump(), ""});
  auto blobs = Of<UploadBlob>(cmds);
  REQUIRE(blobs.size() == 1);
  CHECK(blobs[0].path == "/api/issues/iss-1/media?label=dash.png");
}

TEST_CASE("documents: a refused upload can be given up; one still uploading cannot") {
  AppState s = OnProfile();
  Reduce(s, Photo(7));
  Reduce(s, Photo(8, "emirates-id.jpg"));
  Reduce(s, UploadDocuments{});
  int first = s.media_upload.uploads[0].id, second = s.media_upload.uploads[1].id;
  CHECK(Of<ReleaseBlob>(Reduce(s, RemoveAttachment{first})).empty());  // uploading
  CHECK(Of<ReleaseBlob>(Reduce(s, RemoveAttachment{second})).empty());  // waiting its turn
  REQUIRE(s.media_upload.uploads.size() == 2);
  Reduce(s, UploadFinished{first, 415, ErrorJson("unsupported_media_type", "This is not a file type we accept.")});
  Commands cmds = Reduce(s, RemoveAttachment{first});
  REQUIRE(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(Of<ReleaseBlob>(cmds)[0].handle == 7);
  REQUIRE(s.media_upload.uploads.size() == 1);
  CHECK(s.media_upload.uploads[0].id == second);
}

TEST_CASE("documents: at most the hourly upload limit can be added at once") {
  AppState s = OnProfile();
  for (int i = 0; i < kMaxAttachments; ++i) CHECK(Of<ReleaseBlob>(Reduce(s, Photo(100 + i))).empty());
  Commands cmds = Reduce(s, Photo(200, "one-too-many.png"));
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(s.media_upload.refusal == "At most 20 files can be added at a time.");
  CHECK(s.media_upload.documents.size() == static_cast<size_t>(kMaxAttachments));
}
