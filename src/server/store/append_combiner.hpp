// Group commit across threads. The hub's shards each store their own sends, but SQLite has one
// writer: four small transactions in a row cost four commits and three hand-offs of the store's
// lock. Here whoever arrives while a commit runs waits, and the next thread to go first commits
// for everyone who waited, in one transaction.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "core/chat.hpp"
#include "server/store/store.hpp"

namespace salik {

class AppendCombiner {
 public:
  // Stores in one transaction, answering one result per message in their order.
  using Commit = std::function<std::vector<AppendResult>(const std::vector<Message>&)>;

  explicit AppendCombiner(Commit commit) : commit_(std::move(commit)) {}

  // Stores `messages`, maybe in one transaction with other callers' messages; answers as
  // `commit` would for them alone. If a shared transaction fails, each caller's messages are
  // tried again on their own, so one caller's bad message costs no one else theirs.
  std::vector<AppendResult> Append(const std::vector<Message>& messages);

  // Callers waiting for the next commit (for tests).
  size_t Waiting();

 private:
  struct Waiter {
    const std::vector<Message>* messages;
    std::vector<AppendResult> results;
    std::exception_ptr error;
    bool done = false;
  };

  void CommitGroup(std::vector<Waiter*>& group);

  Commit commit_;
  std::mutex mu_;
  std::condition_variable done_;
  std::vector<Waiter*> queue_;  // waiting for the next commit
  bool committing_ = false;
};

}  // namespace salik
