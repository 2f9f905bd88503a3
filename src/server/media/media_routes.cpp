#include "server/media/media_routes.hpp"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "server/app/context.hpp"
#include "server/auth/sessions.hpp"
#include "server/conversations/conversation_access.hpp"
#include "server/http/responses.hpp"
#include "server/media/http_range.hpp"
#include "server/media/media_service.hpp"
#include "server/media/upload_inspector.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

int64_t UnixNow() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

// Deletes a cleaned photo copy unless it was adopted (renamed away) into the store.
struct CopyGuard {
  std::filesystem::path path;
  ~CopyGuard() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove(path, ec);
  }
};

// The one way every upload goes: inspect the bytes, count the upload (only ones that pass),
// then store the file under its content name together with its row.
HttpResponse AcceptUpload(const RouteRequest& r, const Profile& owner, MediaSubject subject,
                          const std::string& subject_id, MediaAllowance allowance) {
  MediaService& media = *r.ctx.media;
  const std::string* label = r.http.Query("label");
  UploadFile file{r.http.body_file, r.http.body_file_size, r.http.Header("content-type"), label ? *label : ""};
  auto inspected = InspectUpload(file, allowance, media.files());
  if (!inspected) return ErrorResponse(inspected.error());
  CopyGuard copy{inspected->keep_is_copy ? inspected->keep_path : std::filesystem::path()};

  if (auto retry = media.upload_limiter().TryAcquire(owner.id))
    return RateLimitedResponse(*retry, "You can upload up to " + std::to_string(media.settings().uploads_per_hour) +
                                           " files an hour. Please try again later.");

  StoredMedia stored;
  stored.subject = subject;
  stored.subject_id = subject_id;
  Media& m = stored.media;
  m.id = NewUuid();
  m.owner_id = owner.id;
  m.media_type = inspected->media_type;
  m.mime = inspected->mime;
  m.file_size = static_cast<int64_t>(inspected->keep_size);
  m.label = inspected->label;
  m.duration_seconds = inspected->duration_seconds;
  m.width = inspected->width;
  m.height = inspected->height;
  m.created_at = NowUtc();
  // The row is stored between the file's two steps: a removal of the same bytes elsewhere then
  // sees the row, or this upload sees the file gone and puts its copy back.
  stored.content_hash = media.files().Share(inspected->keep_path);
  r.ctx.store.CreateMedia(stored);
  media.files().Settle(inspected->keep_path, stored.content_hash);
  return JsonResponse(201, media.Present(stored));
}

HttpResponse UploadIssueMedia(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  if (issue->customer_id != user->id)
    return ErrorResponse(Forbidden("Only the car owner can add recordings, photos and videos to this issue."));
  return AcceptUpload(r, user.value(), MediaSubject::Issue, issue->id, MediaAllowance::AnyMedia);
}

HttpResponse UploadConversationMedia(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto conversation = ConversationForParticipant(r.ctx, user.value(), r.params[0]);
  if (!conversation) return ErrorResponse(conversation.error());
  return AcceptUpload(r, user.value(), MediaSubject::Conversation, conversation->id, MediaAllowance::AnyMedia);
}

HttpResponse UploadMyDocument(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  if (user->role != Role::Mechanic) return ErrorResponse(Forbidden("Only mechanics upload verification documents."));
  return AcceptUpload(r, user.value(), MediaSubject::MechanicDocument, user->id, MediaAllowance::ImagesOnly);
}

// Private: the mechanic and admins only.
HttpResponse ListDocuments(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  const std::string& mechanic_id = r.params[0];
  if (user->id != mechanic_id && user->role != Role::Admin)
    return ErrorResponse(Forbidden("Verification documents are visible only to the mechanic and to admins."));
  if (!r.ctx.store.FindMechanic(mechanic_id)) return ErrorResponse(NotFound("We could not find that mechanic."));
  auto items = r.ctx.store.ListMedia(MediaSubject::MechanicDocument, mechanic_id);
  return JsonResponse(200, json{{"items", r.ctx.media->PresentAll(items)}});
}

std::optional<int64_t> ParseInt(const std::string* s) {
  if (!s || s->empty()) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || end != s->data() + s->size()) return std::nullopt;
  return v;
}

// The link is the permission: whoever was given it (in an answer they were allowed to see) can
// fetch the bytes until it expires, so <audio> and <video> elements work without headers.
HttpResponse DownloadContent(const RouteRequest& r) {
  auto stored = r.ctx.store.FindMedia(r.params[0]);
  if (!stored) return ErrorResponse(NotFound("We could not find that file."));
  auto expires = ParseInt(r.http.Query("expires"));
  const std::string* sig = r.http.Query("sig");
  if (!expires || !sig || !r.ctx.media->signer().Verify(stored->media.id, *expires, *sig))
    return ErrorResponse({403, "invalid_link", "This link is not valid.", {}});
  const int64_t left = *expires - UnixNow();
  if (left < 0) return ErrorResponse({403, "link_expired", "This link expired. Reload the page to get a fresh one.", {}});

  const uint64_t size = static_cast<uint64_t>(stored->media.file_size);
  HttpResponse res;
  res.SetHeader("Accept-Ranges", "bytes");
  res.SetHeader("Cache-Control", "private, max-age=" + std::to_string(left));
  res.SetHeader("X-Content-Type-Options", "nosniff");
  RangeRequest range = ParseRange(r.http.Header("range"), size);
  if (range.kind == RangeRequest::Kind::Unsatisfiable) {
    res.status = 416;
    res.SetHeader("Content-Range", "bytes */" + std::to_string(size));
    res.SetHeader("Content-Type", "application/json; charset=utf-8");
    res.body = ErrorBody({416, "range_not_satisfiable", "That part of the file does not exist.", {}}).dump();
    return res;
  }
  res.SetHeader("Content-Type", stored->media.mime);
  res.status = range.kind == RangeRequest::Kind::Part ? 206 : 200;
  if (res.status == 206)
    res.SetHeader("Content-Range", "bytes " + std::to_string(range.offset) + "-" +
                                       std::to_string(range.offset + range.length - 1) + "/" + std::to_string(size));
  res.file = FileSlice{r.ctx.media->files().PathOf(stored->content_hash), range.offset, range.length};
  return res;
}

// A chat attachment uploaded and then not sent (removed from the composer): its uploader may take
// it back while no message refers to it. Anything else is not theirs to delete here.
HttpResponse DeleteUnsentAttachment(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto stored = r.ctx.store.FindMedia(r.params[0]);
  // Someone else's file is "not found" to this user: its existence is not theirs to learn.
  if (!stored || stored->media.owner_id != user->id) return ErrorResponse(NotFound("We could not find that file."));
  if (stored->subject != MediaSubject::Conversation)
    return ErrorResponse({409, "media_in_use", "Only a chat attachment that was not sent can be removed here.", {}});
  auto unused = r.ctx.store.DeleteUnsentChatMedia(stored->media.id);
  if (!unused) {
    // A message took it meanwhile, or a second DELETE (a double click, another tab) got there first.
    if (!r.ctx.store.FindMedia(stored->media.id)) return ErrorResponse(NotFound("We could not find that file."));
    return ErrorResponse({409, "media_in_use", "This attachment was sent in a message, so it stays in the conversation.", {}});
  }
  r.ctx.media->RemoveContent(r.ctx.store, *unused);
  return NoContentResponse();
}

}  // namespace

void RegisterMediaRoutes(Router& router) {
  const RouteOptions any_media{static_cast<uint64_t>(kMaxUploadBytes)};
  const RouteOptions photos_only{static_cast<uint64_t>(kMaxImageBytes)};
  router.Add("POST", "/api/issues/{id}/media", UploadIssueMedia, any_media);
  router.Add("POST", "/api/conversations/{id}/media", UploadConversationMedia, any_media);
  router.Add("POST", "/api/mechanics/me/documents", UploadMyDocument, photos_only);
  router.Add("GET", "/api/mechanics/{id}/documents", ListDocuments);
  router.Add("GET", "/api/media/{id}/content", DownloadContent);
  router.Add("DELETE", "/api/media/{id}", DeleteUnsentAttachment);
}

}  // namespace salik
