// Group commit across threads. The hub's shards each store their own sends, but SQLite has one
// writer: four small transactions in a row cost four commits. Here each caller queues its
// messages, then takes the store's lock as before; whoever gets the lock stores everything queued
// by then in one transaction, so a caller that had to wait often finds its messages stored.
#pragma once

#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "core/chat.hpp"
#include "server/store/store.hpp"

namespace salik {

class AppendCombiner {
 public:
  // Stores in one transaction, answering one result per message in their order. Called with
  // `store_lock` held.
  using Commit = std::function<std::vector<AppendResult>(const std::vector<Message>&)>;

  AppendCombiner(std::mutex& store_lock, Commit commit) : store_lock_(store_lock), commit_(std::move(commit)) {}

  // Stores `messages`, maybe in one transaction with other callers' messages; answers as
  // `commit` would for them alone. If a shared transaction fails, each caller's messages are
  // tried again on their own, so one caller's bad message costs no one else theirs.
  std::vector<AppendResult> Append(const std::vector<Message>& messages);

  // Callers queued for the next commit (for tests).
  size_t Waiting();

 private:
  struct Waiter {
    const std::vector<Message>* messages;
    std::vector<AppendResult> results;
    std::exception_ptr error;
    bool done = false;  // written and read under store_lock_
  };

  void CommitGroup(std::vector<Waiter*>& group);

  std::mutex& store_lock_;
  Commit commit_;
  std::mutex queue_mu_;
  std::vector<Waiter*> queue_;
};

}  // namespace salik
