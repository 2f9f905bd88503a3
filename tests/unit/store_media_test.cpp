// Media rows on both backends: a stored file reads back field for field, lists keep upload order
// per subject, subjects never mix, and a row whose checks fail is refused whole.
#include <cstdio>
#include <latch>
#include <stdexcept>
#include <thread>

#include "store_chat_fixture.hpp"

using namespace salik;
using namespace salik::testing;

namespace {

StoredMedia MakeMedia(const std::string& owner, MediaSubject subject, const std::string& subject_id, int minute,
                      MediaType type = MediaType::Audio) {
  StoredMedia s;
  s.subject = subject;
  s.subject_id = subject_id;
  s.content_hash = std::string(64, 'a');
  Media& m = s.media;
  m.id = NewUuid();
  m.owner_id = owner;
  m.media_type = type;
  m.mime = type == MediaType::Audio ? "audio/webm" : "image/png";
  m.file_size = 12345;
  m.label = "engine.webm";
  if (type == MediaType::Audio) m.duration_seconds = 3.02;
  if (type == MediaType::Image) {
    m.width = 640;
    m.height = 480;
  }
  m.created_at = ChatAt(minute, 250);
  return s;
}

}  // namespace

STORE_RULE("a stored media row reads back field for field") {
  ChatParties p(store);
  StoredMedia audio = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 5);
  store.CreateMedia(audio);
  auto found = store.FindMedia(audio.media.id);
  REQUIRE(found);
  CHECK(found->media.id == audio.media.id);
  CHECK(found->media.owner_id == p.customer);
  CHECK(found->media.media_type == MediaType::Audio);
  CHECK(found->media.mime == "audio/webm");
  CHECK(found->media.file_size == 12345);
  CHECK(found->media.label == "engine.webm");
  REQUIRE(found->media.duration_seconds);
  CHECK(*found->media.duration_seconds == Approx(3.02));
  CHECK_FALSE(found->media.width);
  CHECK_FALSE(found->media.height);
  CHECK(found->media.created_at == audio.media.created_at);
  CHECK(found->media.url.empty());
  CHECK(found->subject == MediaSubject::Issue);
  CHECK(found->subject_id == p.issue);
  CHECK(found->content_hash == audio.content_hash);

  StoredMedia photo = MakeMedia(p.mechanic, MediaSubject::MechanicDocument, p.mechanic, 6, MediaType::Image);
  store.CreateMedia(photo);
  auto doc = store.FindMedia(photo.media.id);
  REQUIRE(doc);
  CHECK(doc->media.width == 640);
  CHECK(doc->media.height == 480);
  CHECK_FALSE(doc->media.duration_seconds);
  CHECK(doc->subject == MediaSubject::MechanicDocument);

  CHECK_FALSE(store.FindMedia(NewUuid()));
  CHECK_FALSE(store.FindMedia("not-a-uuid"));
}

STORE_RULE("media lists are per subject, oldest first") {
  ChatParties p(store);
  StoredMedia later = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 9);
  StoredMedia first = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 2);
  StoredMedia chat = MakeMedia(p.mechanic, MediaSubject::Conversation, p.conversation.id, 3);
  StoredMedia doc = MakeMedia(p.mechanic, MediaSubject::MechanicDocument, p.mechanic, 4, MediaType::Image);
  for (const auto& m : {later, first, chat, doc}) store.CreateMedia(m);

  auto issue_media = store.ListMedia(MediaSubject::Issue, p.issue);
  REQUIRE(issue_media.size() == 2);
  CHECK(issue_media[0].media.id == first.media.id);
  CHECK(issue_media[1].media.id == later.media.id);
  auto chat_media = store.ListMedia(MediaSubject::Conversation, p.conversation.id);
  REQUIRE(chat_media.size() == 1);
  CHECK(chat_media[0].media.id == chat.media.id);
  auto docs = store.ListMedia(MediaSubject::MechanicDocument, p.mechanic);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].media.id == doc.media.id);
  // The same id under another subject kind lists nothing: kinds never mix.
  CHECK(store.ListMedia(MediaSubject::Conversation, p.issue).empty());
  CHECK(store.ListMedia(MediaSubject::Issue, NewUuid()).empty());
  CHECK(store.ListMedia(MediaSubject::Issue, "not-a-uuid").empty());
}

STORE_RULE("a media row that breaks a rule is refused and stores nothing") {
  ChatParties p(store);
  StoredMedia bad_hash = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 1);
  bad_hash.content_hash = "short";
  CHECK_THROWS_AS(store.CreateMedia(bad_hash), StoreError);
  StoredMedia negative = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 1);
  negative.media.file_size = -1;
  CHECK_THROWS_AS(store.CreateMedia(negative), StoreError);
  StoredMedia nobody = MakeMedia(NewUuid(), MediaSubject::Issue, p.issue, 1);
  CHECK_THROWS_AS(store.CreateMedia(nobody), StoreError);
  StoredMedia twice = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 1);
  store.CreateMedia(twice);
  CHECK_THROWS_AS(store.CreateMedia(twice), StoreError);
  auto listed = store.ListMedia(MediaSubject::Issue, p.issue);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].media.id == twice.media.id);
}

STORE_RULE("an unsent chat attachment can be deleted; a sent one, an issue's and an unknown id cannot") {
  ChatParties p(store);
  StoredMedia sent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 7);
  StoredMedia same_bytes = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 8);
  StoredMedia unsent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 9);
  unsent.content_hash = std::string(64, 'b');
  StoredMedia of_issue = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 10);
  of_issue.content_hash = std::string(64, 'c');
  for (const auto* m : {&sent, &same_bytes, &unsent, &of_issue}) store.CreateMedia(*m);
  Message m = ChatMessage(p.id(), p.customer, "with-photo", "Here");
  m.media_id = sent.media.id;
  m.message_type = "audio";
  REQUIRE(store.AppendMessages({m}).size() == 1);

  CHECK_FALSE(store.DeleteUnsentChatMedia(sent.media.id));
  CHECK_FALSE(store.DeleteUnsentChatMedia(of_issue.media.id));
  CHECK_FALSE(store.DeleteUnsentChatMedia(NewUuid()));
  CHECK_FALSE(store.DeleteUnsentChatMedia("not-a-uuid"));
  CHECK(store.FindMedia(sent.media.id));
  CHECK(store.FindMedia(of_issue.media.id));

  auto gone = store.DeleteUnsentChatMedia(unsent.media.id);
  REQUIRE(gone);
  CHECK(*gone == std::vector<std::string>{unsent.content_hash});  // no other row has its bytes
  CHECK_FALSE(store.FindMedia(unsent.media.id));
  CHECK_FALSE(store.DeleteUnsentChatMedia(unsent.media.id));

  auto shared = store.DeleteUnsentChatMedia(same_bytes.media.id);
  REQUIRE(shared);
  CHECK(shared->empty());  // the sent attachment still uses those bytes
  CHECK(store.FindMedia(sent.media.id));
}

STORE_RULE("of two rows with the same bytes deleted at the same moment, exactly one reports the bytes unused") {
  // On PostgreSQL each transaction could see the other's row, not yet deleted for it, and neither
  // would report the bytes: their file would stay for good.
  ChatParties p(store);
  for (int round = 0; round < 60; ++round) {
    INFO("round " << round);
    char hash[65];
    std::snprintf(hash, sizeof hash, "%064x", 0xb0 + round);
    StoredMedia one = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 9);
    StoredMedia two = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 9);
    one.content_hash = two.content_hash = hash;
    store.CreateMedia(one);
    store.CreateMedia(two);
    std::optional<std::vector<std::string>> a, b;
    std::latch start(2);
    std::thread first([&] {
      start.arrive_and_wait();
      a = store.DeleteUnsentChatMedia(one.media.id);
    });
    start.arrive_and_wait();
    b = store.DeleteUnsentChatMedia(two.media.id);
    first.join();
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->size() + b->size() == 1);
    CHECK((a->empty() ? *b : *a) == std::vector<std::string>{hash});
  }
}

STORE_RULE("an issue deleted while its conversation's unsent attachment is removed: neither fails") {
  // Both take the lock on the bytes before the media row's (PostgreSQL would otherwise find a
  // deadlock and abort one of them).
  for (int round = 0; round < 30; ++round) {
    INFO("round " << round);
    ChatParties p(store);
    StoredMedia unsent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 9);
    store.CreateMedia(unsent);
    std::optional<std::vector<std::string>> from_issue, from_removal;
    std::string removal_error;
    std::latch start(2);
    std::thread remover([&] {
      start.arrive_and_wait();
      try {
        from_removal = store.DeleteUnsentChatMedia(unsent.media.id);
      } catch (const std::exception& e) {
        removal_error = e.what();
      }
    });
    start.arrive_and_wait();
    std::string issue_error;
    try {
      from_issue = store.DeleteIssue(p.issue);
    } catch (const std::exception& e) {
      issue_error = e.what();
    }
    remover.join();
    REQUIRE(issue_error.empty());
    REQUIRE(removal_error.empty());
    REQUIRE(from_issue);
    CHECK_FALSE(store.FindMedia(unsent.media.id));
    // At least one reports the bytes (both may: the issue's deletion listed the row before the
    // removal took it; a second removal of the file finds nothing and is harmless).
    const size_t reported = from_issue->size() + (from_removal ? from_removal->size() : 0);
    CHECK(reported >= 1);
  }
}

STORE_RULE("a message whose attachment was deleted before the append is refused alone; the batch commits") {
  ChatParties p(store);
  StoredMedia kept = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 7);
  StoredMedia removed = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 8);
  removed.content_hash = std::string(64, 'b');
  store.CreateMedia(kept);
  store.CreateMedia(removed);
  // Another tab of the sender removes the attachment after the hub checked it.
  REQUIRE(store.DeleteUnsentChatMedia(removed.media.id));

  Message before = ChatMessage(p.id(), p.customer, "text-before", "Before");
  Message orphan = ChatMessage(p.id(), p.customer, "with-removed", "Caption");
  orphan.media_id = removed.media.id;
  orphan.message_type = "audio";
  Message with_kept = ChatMessage(p.id(), p.customer, "with-kept", "Kept");
  with_kept.media_id = kept.media.id;
  with_kept.message_type = "audio";
  Message unknown = ChatMessage(p.id(), p.customer, "with-unknown", "Never uploaded");
  unknown.media_id = "not-a-uuid";
  Message after = ChatMessage(p.id(), p.mechanic, "text-after", "After");

  auto results = store.AppendMessages({before, orphan, with_kept, unknown, after});
  REQUIRE(results.size() == 5);
  CHECK(results[0].created);
  CHECK_FALSE(results[1].created);
  CHECK(results[1].media_missing);
  CHECK(results[2].created);
  CHECK_FALSE(results[2].media_missing);
  CHECK(results[3].media_missing);
  CHECK(results[4].created);
  // The others got consecutive seqs: a refused message leaves no gap.
  CHECK(results[0].message.seq == 1);
  CHECK(results[2].message.seq == 2);
  CHECK(results[4].message.seq == 3);
  auto stored = store.ListMessagesAfter(p.id(), 0, 10);
  REQUIRE(stored.size() == 3);
  CHECK(stored[1].media_id == kept.media.id);
  auto conversation = store.FindConversation(p.id());
  REQUIRE(conversation);
  CHECK(conversation->last_seq == 3);

  // Nothing was stored under its client id: the same send with a new attachment goes through.
  StoredMedia again = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 9);
  again.content_hash = std::string(64, 'c');
  store.CreateMedia(again);
  orphan.media_id = again.media.id;
  auto retried = store.AppendMessages({orphan});
  REQUIRE(retried.size() == 1);
  CHECK(retried[0].created);
  CHECK(retried[0].message.seq == 4);
}

STORE_RULE("unsent chat attachments older than a time are listed oldest first; sent ones and issues' never") {
  ChatParties p(store);
  StoredMedia old_unsent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 5);
  StoredMedia older_unsent = MakeMedia(p.mechanic, MediaSubject::Conversation, p.id(), 3);
  StoredMedia old_sent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 4);
  StoredMedia recent_unsent = MakeMedia(p.customer, MediaSubject::Conversation, p.id(), 30);
  StoredMedia old_issue = MakeMedia(p.customer, MediaSubject::Issue, p.issue, 1);
  for (const auto* m : {&old_unsent, &older_unsent, &old_sent, &recent_unsent, &old_issue}) store.CreateMedia(*m);
  Message m = ChatMessage(p.id(), p.customer, "with-photo", "Here");
  m.media_id = old_sent.media.id;
  m.message_type = "audio";
  REQUIRE(store.AppendMessages({m}).front().created);

  const std::string cutoff = ChatAt(10);
  CHECK(store.ListUnsentChatMedia(cutoff, 10) == std::vector<std::string>{older_unsent.media.id, old_unsent.media.id});
  CHECK(store.ListUnsentChatMedia(cutoff, 1) == std::vector<std::string>{older_unsent.media.id});
  CHECK(store.ListUnsentChatMedia(ChatAt(3), 10).empty());  // strictly before
  CHECK(store.ListUnsentChatMedia(ChatAt(60), 10).size() == 3);
  // Each one listed can be deleted as an unsent attachment.
  for (const std::string& id : store.ListUnsentChatMedia(cutoff, 10)) CHECK(store.DeleteUnsentChatMedia(id));
  CHECK(store.ListUnsentChatMedia(cutoff, 10).empty());
  CHECK(store.FindMedia(old_sent.media.id));
  CHECK(store.FindMedia(old_issue.media.id));
  CHECK(store.FindMedia(recent_unsent.media.id));
}
