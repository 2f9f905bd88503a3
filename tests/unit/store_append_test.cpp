// AppendMessages on both backends: seqs without gaps, idempotent resends (also inside one batch),
// one transaction per batch, and many writers at once.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store_chat_fixture.hpp"

using namespace salik;
using namespace salik::testing;

STORE_RULE("appended messages get seqs 1, 2, 3 and move the conversation and the sender's read mark") {
  ChatParties p(store);
  Message sent = ChatMessage(p.id(), p.customer, "c-1", "Is it the struts?", 3, 250);
  sent.seq = 77;  // ignored
  auto first = store.AppendMessages({sent});
  REQUIRE(first.size() == 1);
  CHECK(first[0].created);
  CHECK(first[0].message.seq == 1);
  CHECK(first[0].message.id == sent.id);
  CHECK(first[0].message.content == "Is it the struts?");
  CHECK(first[0].message.created_at == ChatAt(3, 250));

  auto c = store.FindConversation(p.id());
  CHECK(c->last_seq == 1);
  CHECK(c->last_message == "Is it the struts?");
  CHECK(c->last_message_at == ChatAt(3, 250));
  CHECK(c->customer_read_seq == 1);
  CHECK(c->mechanic_read_seq == 0);

  Message reply = SendOne(store, ChatMessage(p.id(), p.mechanic, "m-1", "Likely the bushings.", 4));
  CHECK(reply.seq == 2);
  Message third = SendOne(store, ChatMessage(p.id(), p.mechanic, "m-2", "Send a video?", 5));
  CHECK(third.seq == 3);
  c = store.FindConversation(p.id());
  CHECK(c->last_seq == 3);
  CHECK(c->mechanic_read_seq == 3);
  CHECK(c->customer_read_seq == 1);

  auto stored = store.FindMessage(reply.id);
  REQUIRE(stored);
  CHECK(stored->conversation_id == p.id());
  CHECK(stored->seq == 2);
  CHECK(stored->sender_id == p.mechanic);
  CHECK(stored->client_id == "m-1");
  CHECK(stored->content == "Likely the bushings.");
  CHECK(stored->message_type == "text");
  CHECK(stored->created_at == ChatAt(4));
  CHECK(stored->edited_at.empty());
}

STORE_RULE("a resend with the same client id returns the original and stores nothing") {
  ChatParties p(store);
  Message original = SendOne(store, ChatMessage(p.id(), p.customer, "retry-1", "Original text", 3));
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m-1", "Reply", 4));

  Message resend = ChatMessage(p.id(), p.customer, "retry-1", "Changed on resend", 9);
  auto again = store.AppendMessages({resend});
  REQUIRE(again.size() == 1);
  CHECK_FALSE(again[0].created);
  CHECK(again[0].message.id == original.id);
  CHECK(again[0].message.seq == 1);
  CHECK(again[0].message.content == "Original text");
  CHECK(again[0].message.created_at == ChatAt(3));
  CHECK_FALSE(store.FindMessage(resend.id));

  auto c = store.FindConversation(p.id());
  CHECK(c->last_seq == 2);
  CHECK(c->last_message_at == ChatAt(4));
  CHECK(store.ListMessagesAfter(p.id(), 0, 10).size() == 2);
}

STORE_RULE("a client id is scoped to its sender and conversation; an empty one never deduplicates") {
  ChatParties p(store);
  ChatParties q(store);
  CHECK(SendOne(store, ChatMessage(p.id(), p.customer, "same", "a")).seq == 1);
  auto by_other_sender = store.AppendMessages({ChatMessage(p.id(), p.mechanic, "same", "b")});
  CHECK(by_other_sender[0].created);
  CHECK(by_other_sender[0].message.seq == 2);
  auto elsewhere = store.AppendMessages({ChatMessage(q.id(), q.customer, "same", "c")});
  CHECK(elsewhere[0].created);
  CHECK(elsewhere[0].message.seq == 1);

  auto unkeyed = store.AppendMessages({ChatMessage(p.id(), p.customer, "", "x"), ChatMessage(p.id(), p.customer, "", "x")});
  CHECK(unkeyed[0].created);
  CHECK(unkeyed[1].created);
  CHECK(unkeyed[1].message.seq == 4);
  CHECK(store.FindMessage(unkeyed[0].message.id)->client_id.empty());
}

STORE_RULE("a duplicate inside one batch is stored once and answered with the first") {
  ChatParties p(store);
  Message first = ChatMessage(p.id(), p.customer, "dup", "first copy", 3);
  Message other = ChatMessage(p.id(), p.customer, "other", "in between", 3);
  Message second = ChatMessage(p.id(), p.customer, "dup", "second copy", 3);
  auto results = store.AppendMessages({first, other, second});
  REQUIRE(results.size() == 3);
  CHECK(results[0].created);
  CHECK(results[0].message.seq == 1);
  CHECK(results[1].created);
  CHECK(results[1].message.seq == 2);
  CHECK_FALSE(results[2].created);
  CHECK(results[2].message.id == first.id);
  CHECK(results[2].message.seq == 1);
  CHECK(results[2].message.content == "first copy");
  CHECK_FALSE(store.FindMessage(second.id));
  CHECK(store.FindConversation(p.id())->last_seq == 2);
}

STORE_RULE("one batch across conversations numbers each conversation on its own, results in input order") {
  ChatParties p(store);
  ChatParties q(store);
  SendOne(store, ChatMessage(q.id(), q.customer, "q0", "earlier"));
  std::vector<Message> batch = {
      ChatMessage(p.id(), p.customer, "p1", "p one", 3),  ChatMessage(q.id(), q.mechanic, "q1", "q two", 3),
      ChatMessage(p.id(), p.mechanic, "p2", "p two", 4),  ChatMessage(q.id(), q.customer, "q0", "resend", 4),
      ChatMessage(p.id(), p.customer, "p3", "p three", 5)};
  auto results = store.AppendMessages(batch);
  REQUIRE(results.size() == 5);
  CHECK(results[0].message.seq == 1);
  CHECK(results[1].message.seq == 2);
  CHECK(results[2].message.seq == 2);
  CHECK_FALSE(results[3].created);
  CHECK(results[3].message.seq == 1);
  CHECK(results[4].message.seq == 3);
  for (size_t i = 0; i < batch.size(); ++i)
    if (results[i].created) CHECK(results[i].message.id == batch[i].id);

  auto cp = store.FindConversation(p.id());
  CHECK(cp->last_seq == 3);
  CHECK(cp->customer_read_seq == 3);
  CHECK(cp->mechanic_read_seq == 2);
  CHECK(cp->last_message == "p three");
  CHECK(cp->last_message_at == ChatAt(5));
  auto cq = store.FindConversation(q.id());
  CHECK(cq->last_seq == 2);
  CHECK(cq->mechanic_read_seq == 2);
  CHECK(cq->customer_read_seq == 1);
  CHECK(store.AppendMessages({}).empty());
}

STORE_RULE("a batch naming an unknown conversation raises StoreError and stores none of it") {
  ChatParties p(store);
  std::vector<Message> batch = {ChatMessage(p.id(), p.customer, "ok", "fine"),
                                ChatMessage(NewUuid(), p.customer, "bad", "nowhere")};
  CHECK_THROWS_AS(store.AppendMessages(batch), StoreError);
  CHECK_THROWS_AS(store.AppendMessages({ChatMessage("not-a-uuid", p.customer, "bad", "nowhere")}), StoreError);
  CHECK_FALSE(store.FindMessage(batch[0].id));
  CHECK(store.FindConversation(p.id())->last_seq == 0);
  // The store is still usable, and numbering starts at 1.
  CHECK(SendOne(store, ChatMessage(p.id(), p.customer, "ok", "fine")).seq == 1);
}

STORE_RULE("message text comes back byte for byte: quotes, backslashes, Arabic, emoji, new lines") {
  ChatParties p(store);
  const std::string text =
      "O'Reilly said \"hi\" \\ {\"json\": [1]} '); DROP TABLE messages; --\n"
      "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xF0\x9F\x9A\x97\t{a,b} NULL";
  Message sent = SendOne(store, ChatMessage(p.id(), p.customer, "t:1_x.y-z", text));
  CHECK(sent.content == text);
  auto stored = store.FindMessage(sent.id);
  REQUIRE(stored);
  CHECK(stored->content == text);
  CHECK(stored->client_id == "t:1_x.y-z");
  CHECK(store.FindConversation(p.id())->last_message == text);
  // A resend matches on the exact client id.
  CHECK_FALSE(store.AppendMessages({ChatMessage(p.id(), p.customer, "t:1_x.y-z", "again")})[0].created);
}

STORE_RULE("1000 messages in batches from 8 threads into 20 conversations: seqs 1..N, no gaps, no repeats") {
  constexpr int kConversations = 20, kThreads = 8, kPerThread = 125, kBatch = 25;
  // Half the threads write through a second store on the same database, as a second server
  // instance would: the seq rule must hold across connections, not only inside one store.
  auto second = OpenStore(db.Url());
  std::string customer = AddChatUser(store, Role::Customer, "Busy Owner");
  std::string issue = AddChatIssue(store, customer, "Many mechanics");
  std::vector<Conversation> convs;
  for (int i = 0; i < kConversations; ++i) {
    std::string mechanic = AddChatUser(store, Role::Mechanic, Numbered("Mechanic ", i));
    convs.push_back(store.OpenConversation(NewConversation{NewUuid(), issue, customer, mechanic, ChatAt(1)}));
  }

  std::atomic<int> failures{0};
  std::mutex mu;
  std::map<std::string, std::vector<int64_t>> acked;  // conversation → seqs of created results
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        std::vector<Message> first_batch;
        for (int start = 0; start < kPerThread; start += kBatch) {
          std::vector<Message> batch;
          for (int k = start; k < start + kBatch && k < kPerThread; ++k) {
            const Conversation& c = convs[(t * 7 + k) % kConversations];
            std::string sender = k % 3 ? c.customer_id : c.mechanic_id;
            std::string client_id = Numbered("t", t) + Numbered("-", k);
            batch.push_back(ChatMessage(c.id, sender, client_id, Numbered("message ", k), 2, k));
          }
          Store& writer = t % 2 ? *second : store;
          auto results = writer.AppendMessages(batch);
          if (results.size() != batch.size()) ++failures;
          std::lock_guard lock(mu);
          for (const auto& r : results) {
            if (!r.created) ++failures;
            acked[r.message.conversation_id].push_back(r.message.seq);
          }
          if (first_batch.empty()) first_batch = batch;
        }
        // A reconnecting client resends its first batch: nothing new, same seqs.
        for (const auto& r : (t % 2 ? store : *second).AppendMessages(first_batch))
          if (r.created) ++failures;
      } catch (const std::exception& e) {
        ++failures;
        UNSCOPED_INFO(e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(failures == 0);

  int total = 0;
  for (const Conversation& c : convs) {
    auto stored = store.ListMessagesAfter(c.id, 0, 1000);
    total += static_cast<int>(stored.size());
    std::vector<int64_t> expected;
    for (int64_t s = 1; s <= static_cast<int64_t>(stored.size()); ++s) expected.push_back(s);
    CHECK(Seqs(stored) == expected);
    std::vector<int64_t> acks = acked[c.id];
    std::sort(acks.begin(), acks.end());
    CHECK(acks == expected);  // every seq acknowledged exactly once
    auto after = store.FindConversation(c.id);
    CHECK(after->last_seq == static_cast<int64_t>(stored.size()));
    std::set<std::string> client_ids;
    for (const auto& m : stored) client_ids.insert(m.client_id);
    CHECK(client_ids.size() == stored.size());
  }
  CHECK(total == kThreads * kPerThread);
}

STORE_RULE("the same resend racing from several threads is stored once") {
  ChatParties p(store);
  constexpr int kThreads = 8;
  std::vector<AppendResult> results(kThreads);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        results[t] = store.AppendMessages({ChatMessage(p.id(), p.customer, "flaky-network", "once")})[0];
      } catch (const StoreError&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(failures == 0);
  int created = 0;
  for (const auto& r : results) {
    created += r.created ? 1 : 0;
    CHECK(r.message.seq == 1);
    CHECK(r.message.id == results[0].message.id);
  }
  CHECK(created == 1);
  CHECK(store.FindConversation(p.id())->last_seq == 1);
}
