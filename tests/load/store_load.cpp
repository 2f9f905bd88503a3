// The chat's store path alone: how many messages per second AppendMessages stores into a real
// SQLite file (or PostgreSQL with --database), with no sockets, threads or JSON around it. It is
// the ceiling for the realtime hub's closed loop, which stores every message before its ack.
//
//   salik_store_load [--database URL] [--conversations 500] [--messages 100000] [--batches 1,10,50,200]
//
// For each batch size (messages per AppendMessages call, i.e. per transaction) it prints
// microseconds per message and messages per second. Figures to read, never a pass or fail.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/client_id.hpp"
#include "server/store/store.hpp"
#include "server/util/clock.hpp"
#include "server/util/comma_list.hpp"
#include "server/util/ids.hpp"
#include "unix_millis.hpp"

using namespace salik;

namespace {

struct Pair {
  std::string conversation, customer, mechanic;
};

NewUser User(Role role) {
  NewUser u;
  u.id = NewUuid();
  u.email = u.id + "@load.test";
  u.password_hash = "not-a-hash";
  u.full_name = role == Role::Mechanic ? "Load Mechanic" : "Load Owner";
  u.role = role;
  u.created_at = NowUtc();
  return u;
}

Pair AddConversation(Store& store) {
  NewUser owner = User(Role::Customer), mechanic = User(Role::Mechanic);
  store.CreateUser(owner);
  store.CreateUser(mechanic);
  Issue issue;
  issue.id = NewUuid();
  issue.customer_id = owner.id;
  issue.title = "Knock under load";
  issue.description = "A knock from the engine when accelerating uphill.";
  issue.car_make = "Toyota";
  issue.car_model = "Land Cruiser";
  issue.car_year = 2018;
  issue.category = Category::Engine;
  issue.created_at = issue.updated_at = NowUtc();
  store.CreateIssue(issue);
  Conversation c = store.OpenConversation(NewConversation{NewUuid(), issue.id, owner.id, mechanic.id, NowUtc()});
  return {c.id, owner.id, mechanic.id};
}

}  // namespace

int main(int argc, char** argv) {
  std::string database;
  int conversations = 500, messages = 100'000;
  std::vector<std::string> batches = {"1", "10", "50", "200"};
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--database") database = v;
    else if (k == "--conversations") conversations = std::stoi(v);
    else if (k == "--messages") messages = std::stoi(v);
    else if (k == "--batches") batches = SplitCommaList(v);
  }
  std::filesystem::path folder;
  if (database.empty()) {
    folder = std::filesystem::temp_directory_path() / ("salik-store-load-" + NewUuid());
    std::filesystem::create_directories(folder);
    database = (folder / "salik.db").string();
  }
  {
    auto store = OpenStore(database);
    store->Migrate();
    std::vector<Pair> pairs;
    for (int i = 0; i < conversations; ++i) pairs.push_back(AddConversation(*store));
    std::printf("store load: %s, %d conversations, %d messages per batch size\n",
                folder.empty() ? "PostgreSQL" : "SQLite", conversations, messages);

    std::mt19937 random(1);
    uint64_t n = 0;
    for (const std::string& size_text : batches) {
      const int batch = std::max(1, std::stoi(size_text));
      auto start = std::chrono::steady_clock::now();
      for (int done = 0; done < messages; done += batch) {
        std::vector<Message> list;
        for (int i = 0; i < batch; ++i) {
          const Pair& p = pairs[random() % pairs.size()];
          Message m;
          m.id = NewTimeOrderedUuid();
          m.conversation_id = p.conversation;
          m.sender_id = random() % 2 ? p.customer : p.mechanic;
          m.client_id = TimeOrderedClientId(load::UnixMillis(), ++n);  // like the app's ids
          m.content = "sent at the same length as the chat load's messages";
          m.created_at = NowUtc();
          list.push_back(std::move(m));
        }
        store->AppendMessages(list);
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("batch %4d   %7.1f us per message   %8.0f messages/s\n", batch, 1e6 * seconds / messages,
                  messages / seconds);
    }
  }
  if (!folder.empty()) std::filesystem::remove_all(folder);
  return 0;
}
