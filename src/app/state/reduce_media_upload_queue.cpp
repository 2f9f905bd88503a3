// Uploads of a posted issue's attachments (and of a mechanic's verification documents): one at a time, in the order they were added, each
// with its progress; a failed one waits for Retry while the rest go on. The issue is kept
// whatever happens to its files.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "state/chat_model.hpp"
#include "state/reduce_media_upload_internal.hpp"

namespace salik::app {
namespace {

using nlohmann::json;

std::string QueryEscaped(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Attachment* Find(MediaUploadState& m, int id) {
  for (auto& a : m.uploads)
    if (a.id == id) return &a;
  return nullptr;
}

// Starts the first waiting upload unless one is running.
Commands StartNext(AppState& s) {
  auto& uploads = s.media_upload.uploads;
  if (!s.session) return {};
  bool running = std::any_of(uploads.begin(), uploads.end(), [](const Attachment& a) { return a.phase == UploadPhase::Uploading; });
  if (running) return {};
  for (auto& a : uploads) {
    if (a.phase != UploadPhase::Waiting) continue;
    a.phase = UploadPhase::Uploading;
    a.sent = 0;
    a.error.clear();
    std::string path = a.target == UploadTarget::MechanicDocument ? "/api/mechanics/me/documents"
                       : a.target == UploadTarget::Conversation ? "/api/conversations/" + a.conversation_id + "/media"
                                                                : "/api/issues/" + a.issue_id + "/media";
    return {UploadBlob{a.id, a.handle, path + "?label=" + QueryEscaped(a.label), a.mime, s.session->token}};
  }
  return {};
}

}  // namespace

Commands ReduceUploadQueue(AppState& s, const Action& action) {
  auto& m = s.media_upload;
  if (auto* done = std::get_if<HttpDone>(&action); done && done->request == Request::CreateIssue) {
    if (done->status != 201) return {};  // not posted: the attachments stay in the wizard
    auto j = json::parse(done->body, nullptr, false);
    std::string issue_id = j.is_object() && j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : "";
    if (issue_id.empty()) return {};
    for (auto& a : m.draft) {
      a.phase = UploadPhase::Waiting;
      a.issue_id = issue_id;
      m.uploads.push_back(std::move(a));
    }
    m.draft.clear();
    return StartNext(s);
  }
  // A file for the open conversation uploads at once; once it is in, the chat reducer holds it in
  // the outbox until Send (or sends it, when Send was pressed while it uploaded).
  if (auto* offered = std::get_if<FileOffered>(&action); offered && ChatTakesFiles(s)) {
    const std::string& conversation = s.chat.open.id;
    std::string name = offered->name.empty() ? std::string("This file") : offered->name;
    auto type = AttachmentTypeFor(offered->mime, offered->name);
    if (!type) {
      m.refusal = name + " cannot be sent: photos (JPEG, PNG, WebP), videos (MP4, WebM) or sound (WebM, Ogg, M4A, WAV, MP3) only.";
      return {ReleaseBlob{offered->handle}};
    }
    // Uploading, and uploaded but waiting for Send: both count towards the limit.
    size_t waiting = static_cast<size_t>(std::count_if(m.uploads.begin(), m.uploads.end(), [&](const Attachment& a) {
      return a.target == UploadTarget::Conversation && a.conversation_id == conversation;
    })) + chat::HeldFor(s.chat, conversation).size();
    Attachment a;
    a.type = *type;
    a.handle = offered->handle;
    a.label = offered->name.empty() ? "file" : offered->name;
    a.mime = offered->mime;
    a.bytes = static_cast<int64_t>(offered->bytes);
    a.seconds = offered->seconds;
    a.target = UploadTarget::Conversation;
    a.conversation_id = conversation;
    m.refusal = AttachmentRefusal(a.type, a.label, a.bytes, a.seconds, waiting);
    if (!m.refusal.empty()) return {ReleaseBlob{a.handle}};
    a.id = m.next_id++;
    a.phase = UploadPhase::Waiting;
    m.uploads.push_back(std::move(a));
    return StartNext(s);
  }
  if (std::holds_alternative<UploadDocuments>(action)) {
    for (auto& a : m.documents) {
      a.phase = UploadPhase::Waiting;
      m.uploads.push_back(std::move(a));
    }
    m.documents.clear();
    return StartNext(s);
  }
  if (auto* progress = std::get_if<UploadProgress>(&action)) {
    Attachment* a = Find(m, progress->id);
    if (a && a->phase == UploadPhase::Uploading)
      a->sent = std::clamp<int64_t>(static_cast<int64_t>(progress->sent), a->sent, a->bytes);
    return {};
  }
  if (auto* finished = std::get_if<UploadFinished>(&action)) {
    Attachment* a = Find(m, finished->id);
    if (!a || a->phase != UploadPhase::Uploading) return {};
    Commands out;
    if (finished->status == 201) {
      a->phase = UploadPhase::Done;
      a->sent = a->bytes;
      auto j = json::parse(finished->body, nullptr, false);
      if (j.is_object()) a->media = j.get<Media>();
      out.push_back(ReleaseBlob{a->handle});  // the server has it; the browser may free it
      // A chat attachment is in the outbox now (reduce_chat.cpp ran first): its row goes.
      if (a->target == UploadTarget::Conversation)
        std::erase_if(m.uploads, [&](const Attachment& x) { return x.id == finished->id; });
    } else {
      a->phase = UploadPhase::Failed;
      a->error = ErrorFromBody(finished->status, finished->body).message;
      // It will not go out by itself after all (reduce_chat.cpp took its place in the outbox and
      // gave its caption back): a Retry brings it back to wait for Send.
      a->send_when_uploaded = false;
    }
    Commands next = StartNext(s);
    out.insert(out.end(), next.begin(), next.end());
    return out;
  }
  // A failed upload may be given up (the server will refuse the same bytes again).
  if (auto* remove = std::get_if<RemoveAttachment>(&action)) {
    auto it = std::find_if(m.uploads.begin(), m.uploads.end(), [&](const Attachment& a) { return a.id == remove->id; });
    if (it == m.uploads.end() || it->phase != UploadPhase::Failed) return {};
    int handle = it->handle;
    m.uploads.erase(it);
    return {ReleaseBlob{handle}};
  }
  if (auto* retry = std::get_if<RetryUpload>(&action)) {
    Attachment* a = Find(m, retry->id);
    if (!a || a->phase != UploadPhase::Failed) return {};
    a->phase = UploadPhase::Waiting;
    a->error.clear();
    return StartNext(s);
  }
  return {};
}

}  // namespace salik::app
