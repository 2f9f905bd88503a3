// Conversations, history paging, read marks, edits and engagement, on both backends.
// Appending (seqs, resends, group commit, concurrency) is in store_append_test.cpp.
#include <atomic>
#include <thread>

#include "store_chat_fixture.hpp"

using namespace salik;
using namespace salik::testing;

// --- opening conversations

STORE_RULE("a new conversation reads back with names, title and no messages yet") {
  ChatParties p(store, 7);
  const Conversation& c = p.conversation;
  CHECK(LooksLikeUuid(c.id));
  CHECK(c.issue_id == p.issue);
  CHECK(c.issue_title == "Rattle over bumps");
  CHECK(c.customer_id == p.customer);
  CHECK(c.customer_name == "Layla Hassan");
  CHECK(c.mechanic_id == p.mechanic);
  CHECK(c.mechanic_name == "Rashid Ali");
  CHECK(c.status == "active");
  CHECK(c.last_seq == 0);
  CHECK(c.last_message.empty());
  CHECK(c.last_message_at.empty());
  CHECK(c.customer_read_seq == 0);
  CHECK(c.mechanic_read_seq == 0);
  CHECK(c.engaged_at.empty());
  CHECK(c.created_at == ChatAt(7));

  auto found = store.FindConversation(c.id);
  REQUIRE(found);
  CHECK(found->issue_title == c.issue_title);
  CHECK(found->created_at == c.created_at);
  CHECK_FALSE(store.FindConversation(NewUuid()));
}

STORE_RULE("opening the conversation of an issue and mechanic again returns the same one") {
  ChatParties p(store);
  SendOne(store, ChatMessage(p.id(), p.customer, "c1", "Hello"));
  Conversation again = store.OpenConversation(NewConversation{NewUuid(), p.issue, p.customer, p.mechanic, ChatAt(30)});
  CHECK(again.id == p.id());
  CHECK(again.created_at == p.conversation.created_at);
  CHECK(again.last_seq == 1);
  CHECK(store.ListConversations(p.customer).size() == 1);

  // Another mechanic on the same issue gets a conversation of their own.
  std::string other = AddChatUser(store, Role::Mechanic, "Other Mechanic");
  Conversation second = store.OpenConversation(NewConversation{NewUuid(), p.issue, p.customer, other, ChatAt(31)});
  CHECK(second.id != p.id());
  CHECK(store.ListConversations(p.customer).size() == 2);
}

STORE_RULE("opening one conversation from several threads at once yields one conversation") {
  std::string customer = AddChatUser(store, Role::Customer, "Layla Hassan");
  std::string mechanic = AddChatUser(store, Role::Mechanic, "Rashid Ali");
  std::string issue = AddChatIssue(store, customer, "Rattle");
  constexpr int kThreads = 8;
  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        ids[t] = store.OpenConversation(NewConversation{NewUuid(), issue, customer, mechanic, ChatAt(t)}).id;
      } catch (const StoreError&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  for (const auto& id : ids) CHECK(id == ids[0]);
  CHECK(store.ListConversations(customer).size() == 1);
}

STORE_RULE("deleting the issue deletes its conversations and their messages") {
  ChatParties p(store);
  Message m = SendOne(store, ChatMessage(p.id(), p.customer, "c1", "Hello"));
  REQUIRE(store.DeleteIssue(p.issue));
  CHECK_FALSE(store.FindConversation(p.id()));
  CHECK_FALSE(store.FindMessage(m.id));
  CHECK(store.ListConversations(p.customer).empty());
}

// --- listing conversations

STORE_RULE("a user's conversations list most recent activity first, with the newest message") {
  std::string customer = AddChatUser(store, Role::Customer, "Layla Hassan");
  std::string stranger = AddChatUser(store, Role::Customer, "Someone Else");
  std::string m1 = AddChatUser(store, Role::Mechanic, "Mechanic One");
  std::string m2 = AddChatUser(store, Role::Mechanic, "Mechanic Two");
  std::string m3 = AddChatUser(store, Role::Mechanic, "Mechanic Three");
  std::string issue = AddChatIssue(store, customer, "Brakes squeal");
  std::string other_issue = AddChatIssue(store, stranger, "Not mine");

  auto open = [&](const std::string& mechanic, const std::string& on_issue, const std::string& owner, int minute) {
    return store.OpenConversation(NewConversation{NewUuid(), on_issue, owner, mechanic, ChatAt(minute)}).id;
  };
  std::string a = open(m1, issue, customer, 1);   // created first, message at minute 20
  std::string b = open(m2, issue, customer, 2);   // message at minute 10
  std::string c = open(m3, issue, customer, 15);  // no message, created at minute 15
  std::string foreign = open(m1, other_issue, stranger, 3);

  SendOne(store, ChatMessage(b, m2, "b1", "Older message", 10));
  SendOne(store, ChatMessage(a, customer, "a1", "First", 19));
  SendOne(store, ChatMessage(a, m1, "a2", "Newest in a", 20));
  SendOne(store, ChatMessage(foreign, stranger, "f1", "Elsewhere", 30));

  auto list = store.ListConversations(customer);
  REQUIRE(list.size() == 3);
  CHECK(list[0].id == a);
  CHECK(list[1].id == c);
  CHECK(list[2].id == b);
  CHECK(list[0].last_message == "Newest in a");
  CHECK(list[0].last_message_at == ChatAt(20));
  CHECK(list[0].last_seq == 2);
  CHECK(list[0].issue_title == "Brakes squeal");
  CHECK(list[0].customer_name == "Layla Hassan");
  CHECK(list[0].mechanic_name == "Mechanic One");
  CHECK(list[1].last_message.empty());
  CHECK(list[1].last_message_at.empty());
  CHECK(list[2].last_message == "Older message");

  auto of_m1 = store.ListConversations(m1);
  REQUIRE(of_m1.size() == 2);
  CHECK(of_m1[0].id == foreign);
  CHECK(of_m1[1].id == a);
  CHECK(store.ListConversations(NewUuid()).empty());
}

STORE_RULE("a message stamped before the one ahead of it takes that one's time") {
  ChatParties p(store);
  SendOne(store, ChatMessage(p.id(), p.customer, "c1", "Late clock", 50));
  auto early = store.AppendMessages({ChatMessage(p.id(), p.mechanic, "m1", "Early clock", 40),
                                     ChatMessage(p.id(), p.customer, "c2", "Later still", 60)});
  REQUIRE(early.size() == 2);
  CHECK(early[0].message.created_at == ChatAt(50));  // what the ack and the fan-out carry
  CHECK(early[1].message.created_at == ChatAt(60));
  CHECK(store.FindMessage(early[0].message.id)->created_at == ChatAt(50));
  auto c = store.FindConversation(p.id());
  CHECK(c->last_seq == 3);
  CHECK(c->last_message == "Later still");
  CHECK(c->last_message_at == ChatAt(60));

  SendOne(store, ChatMessage(p.id(), p.mechanic, "m2", "Clock stepped back", 10));
  c = store.FindConversation(p.id());
  CHECK(c->last_message == "Clock stepped back");  // the newest by seq
  CHECK(c->last_message_at == ChatAt(60));
}

// --- history

STORE_RULE("history pages newest first before a seq, and oldest first after one") {
  ChatParties p(store);
  std::vector<Message> batch;
  for (int i = 1; i <= 10; ++i)
    batch.push_back(ChatMessage(p.id(), i % 2 ? p.customer : p.mechanic, Numbered("c", i),
                                Numbered("message ", i), 2, i));
  store.AppendMessages(batch);

  CHECK(Seqs(store.ListMessagesBefore(p.id(), 0, 3)) == std::vector<int64_t>{10, 9, 8});
  CHECK(Seqs(store.ListMessagesBefore(p.id(), -5, 3)) == std::vector<int64_t>{10, 9, 8});
  CHECK(Seqs(store.ListMessagesBefore(p.id(), 8, 3)) == std::vector<int64_t>{7, 6, 5});
  CHECK(Seqs(store.ListMessagesBefore(p.id(), 3, 10)) == std::vector<int64_t>{2, 1});
  CHECK(store.ListMessagesBefore(p.id(), 1, 10).empty());
  CHECK(store.ListMessagesBefore(p.id(), 0, 0).empty());
  CHECK(store.ListMessagesBefore(p.id(), 0, 100).size() == 10);

  CHECK(Seqs(store.ListMessagesAfter(p.id(), 0, 3)) == std::vector<int64_t>{1, 2, 3});
  CHECK(Seqs(store.ListMessagesAfter(p.id(), 7, 10)) == std::vector<int64_t>{8, 9, 10});
  CHECK(store.ListMessagesAfter(p.id(), 10, 10).empty());
  CHECK(store.ListMessagesAfter(NewUuid(), 0, 10).empty());

  auto newest = store.ListMessagesBefore(p.id(), 0, 1);
  REQUIRE(newest.size() == 1);
  CHECK(newest[0].content == "message 10");
  CHECK(newest[0].sender_id == p.mechanic);
  CHECK(newest[0].client_id == "c10");
  CHECK(newest[0].created_at == ChatAt(2, 10));
  CHECK(newest[0].message_type == "text");
  CHECK(newest[0].edited_at.empty());
}

STORE_RULE("history of one conversation never shows another's messages") {
  ChatParties p(store);
  ChatParties q(store);
  SendOne(store, ChatMessage(p.id(), p.customer, "x", "for p"));
  SendOne(store, ChatMessage(q.id(), q.customer, "x", "for q"));
  auto in_p = store.ListMessagesAfter(p.id(), 0, 10);
  REQUIRE(in_p.size() == 1);
  CHECK(in_p[0].content == "for p");
  CHECK(store.ListMessagesBefore(q.id(), 0, 10)[0].content == "for q");
}

// --- read marks

STORE_RULE("read marks only move forward and never past the newest message") {
  ChatParties p(store);
  for (int i = 1; i <= 5; ++i) SendOne(store, ChatMessage(p.id(), p.mechanic, Numbered("m", i), "hi"));

  CHECK(store.MarkRead(p.id(), p.customer, 3));
  CHECK(store.FindConversation(p.id())->customer_read_seq == 3);
  CHECK(store.MarkRead(p.id(), p.customer, 2));  // a participant, so true, but the mark stays
  CHECK(store.FindConversation(p.id())->customer_read_seq == 3);
  CHECK(store.MarkRead(p.id(), p.customer, -1));
  CHECK(store.FindConversation(p.id())->customer_read_seq == 3);
  CHECK(store.MarkRead(p.id(), p.customer, 99));
  auto c = store.FindConversation(p.id());
  CHECK(c->customer_read_seq == 5);
  CHECK(c->mechanic_read_seq == 5);  // the mechanic's own messages
  CHECK(UnreadFor(*c, p.customer) == 0);
}

STORE_RULE("marking read moves only the reader's own mark") {
  ChatParties p(store);
  SendOne(store, ChatMessage(p.id(), p.customer, "c1", "one"));
  SendOne(store, ChatMessage(p.id(), p.customer, "c2", "two"));
  auto before = store.FindConversation(p.id());
  CHECK(before->customer_read_seq == 2);
  CHECK(before->mechanic_read_seq == 0);
  CHECK(UnreadFor(*before, p.mechanic) == 2);

  CHECK(store.MarkRead(p.id(), p.mechanic, 1));
  auto after = store.FindConversation(p.id());
  CHECK(after->mechanic_read_seq == 1);
  CHECK(after->customer_read_seq == 2);
  CHECK(UnreadFor(*after, p.mechanic) == 1);
}

STORE_RULE("a reply marks read what came before it, and a later read event never takes that back") {
  ChatParties p(store);
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m1", "one"));
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m2", "two"));
  CHECK(store.MarkRead(p.id(), p.customer, 1));
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m3", "three"));
  CHECK(UnreadFor(*store.FindConversation(p.id()), p.customer) == 2);

  SendOne(store, ChatMessage(p.id(), p.customer, "c1", "answer"));  // seq 4
  CHECK(store.MarkRead(p.id(), p.customer, 2));
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m4", "five"));
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m5", "six"));
  auto c = store.FindConversation(p.id());
  CHECK(c->customer_read_seq == 4);
  CHECK(c->mechanic_read_seq == 6);
  CHECK(UnreadFor(*c, p.customer) == 2);
  CHECK(UnreadFor(*c, p.mechanic) == 0);

  auto listed = store.ListConversations(p.customer);  // the list reads the same marks
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].customer_read_seq == 4);
  CHECK(listed[0].mechanic_read_seq == 6);
  CHECK(listed[0].last_seq == 6);

  CHECK(store.MarkRead(p.id(), p.customer, 6));
  CHECK(store.FindConversation(p.id())->customer_read_seq == 6);
}

STORE_RULE("someone who is not a participant cannot mark read, nor can anyone in an unknown conversation") {
  ChatParties p(store);
  SendOne(store, ChatMessage(p.id(), p.mechanic, "m1", "hi"));
  std::string outsider = AddChatUser(store, Role::Customer, "Outsider");
  CHECK_FALSE(store.MarkRead(p.id(), outsider, 1));
  CHECK_FALSE(store.MarkRead(p.id(), "", 1));
  CHECK_FALSE(store.MarkRead(p.id(), "not-a-uuid", 1));
  CHECK_FALSE(store.MarkRead(NewUuid(), p.customer, 1));
  CHECK_FALSE(store.MarkRead("not-a-uuid", p.customer, 1));
  auto c = store.FindConversation(p.id());
  CHECK(c->customer_read_seq == 0);
  CHECK(c->mechanic_read_seq == 1);
}

// --- edits and engagement

STORE_RULE("an edit replaces the content and records when; the preview follows") {
  ChatParties p(store);
  Message m = SendOne(store, ChatMessage(p.id(), p.mechanic, "m1", "Price is AED 500"));
  REQUIRE(store.EditMessage(m.id, "Price is AED 450", ChatAt(5, 123)));
  auto edited = store.FindMessage(m.id);
  REQUIRE(edited);
  CHECK(edited->content == "Price is AED 450");
  CHECK(edited->edited_at == ChatAt(5, 123));
  CHECK(edited->seq == m.seq);
  CHECK(edited->created_at == m.created_at);
  CHECK(store.FindConversation(p.id())->last_message == "Price is AED 450");
  CHECK_FALSE(store.EditMessage(NewUuid(), "x", ChatAt(6)));
  CHECK_FALSE(store.EditMessage("not-a-uuid", "x", ChatAt(6)));
}

STORE_RULE("engagement is recorded the first time only") {
  ChatParties p(store);
  REQUIRE(store.SetEngaged(p.id(), ChatAt(10, 5)));
  CHECK(store.FindConversation(p.id())->engaged_at == ChatAt(10, 5));
  CHECK(store.SetEngaged(p.id(), ChatAt(20)));
  CHECK(store.FindConversation(p.id())->engaged_at == ChatAt(10, 5));
  CHECK_FALSE(store.SetEngaged(NewUuid(), ChatAt(20)));
  CHECK_FALSE(store.SetEngaged("not-a-uuid", ChatAt(20)));
}

STORE_RULE("chat ids that are not UUIDs are simply not found") {
  CHECK_FALSE(store.FindConversation("1 OR 1=1"));
  CHECK_FALSE(store.FindMessage("x"));
  CHECK(store.ListConversations("x").empty());
  CHECK(store.ListMessagesBefore("x", 0, 10).empty());
  CHECK(store.ListMessagesAfter("x", 0, 10).empty());
}
