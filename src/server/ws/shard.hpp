// One shard of the hub: the conversations whose id hashes to it. Everything that touches a
// conversation — storing messages, acks, fan-out, typing, read marks, resume replay — runs on
// the shard's one thread, so each conversation sees its events in one order. The thread takes
// everything queued at once and stores all of it in one AppendMessages call (group commit):
// acks go out only after that transaction has committed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/chat.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/store/store.hpp"
#include "server/ws/client.hpp"
#include "server/ws/cluster_link.hpp"
#include "server/ws/registry.hpp"

namespace salik {
class MediaService;  // server/media/media_service.hpp
}

namespace salik::ws {

struct Task {
  enum class Kind { Send, Typing, Read, Resume, Publish, Edited, ConversationChanged, CatchUp };
  Kind kind = Kind::Send;
  std::shared_ptr<Client> client;  // who asked; empty for Publish
  std::string conversation_id;
  std::string client_id;  // Send
  std::string content;    // Send
  std::string media_id;   // Send: an attachment, checked on the shard before the append
  bool state = false;     // Typing
  int64_t seq = 0;        // Read
  Message message;        // Publish: a message stored by the REST API; Edited: the message after its edit
  Conversation conversation;  // Publish: its conversation right after the append; Edited,
                              // ConversationChanged: the conversation as stored now
};

class Shard {
 public:
  // `limiter` counts each user's messages (shared with REST); only sends that pass every other
  // check count, so refusals do not use up the allowance.
  // `link` (may be null) carries what happens here to the other instances.
  // `media` (may be null) signs the links of chat attachments in frames.
  Shard(Store& store, Registry& registry, KeyedRateLimiter& limiter, ClusterLink* link = nullptr,
        std::shared_ptr<const MediaService> media = nullptr);
  // Finishes what is queued, then stops the thread.
  ~Shard();
  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;

  void Post(Task task);

 private:
  struct Cached {
    std::optional<Conversation> conversation;  // nullopt: no such conversation
    std::chrono::steady_clock::time_point loaded;
  };

  void Run();
  void Process(std::vector<Task>& batch);
  void CommitSends(std::vector<Task*>& sends);
  void Typing(const Task& t);
  void Read(const Task& t);
  void Resume(const Task& t);
  void Publish(const Task& t);
  void Edited(const Task& t);
  void ConversationChanged(const Task& t);
  void CatchUp(const Task& t);
  // Runs `t` again once `delay` has passed (a replay waiting for its connection to drain).
  void Defer(Task t, std::chrono::milliseconds delay);

  // The conversation, from the cache while fresh; nullptr when it does not exist.
  const Conversation* Lookup(const std::string& id);
  // The conversation if `client`'s user is in it; otherwise sends a not_found error and answers nullptr.
  const Conversation* LookupFor(const Task& t);
  // Sends `messages` (one conversation, seq ascending) to every connection of both participants,
  // each masked for its viewer, never twice, filling gaps from the store.
  void FanOut(const Conversation& c, const std::vector<Message>& messages);
  // `frames[i]` is messages[i] as this client's user may see it.
  void Deliver(Client& client, const Conversation& c, const std::vector<Message>& messages,
               const std::vector<std::string>& frames);
  // Sends the stored messages with after < seq <= upto to `client`; answers the last seq sent.
  int64_t SendStored(Client& client, const Conversation& c, int64_t after, int64_t upto);

  Store& store_;
  Registry& registry_;
  KeyedRateLimiter& limiter_;
  ClusterLink* link_;
  std::shared_ptr<const MediaService> media_;
  std::unordered_map<std::string, Cached> cache_;  // shard thread only

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Task> pending_;
  bool stopping_ = false;
  std::vector<std::pair<std::chrono::steady_clock::time_point, Task>> deferred_;  // shard thread only
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace salik::ws
