#include "server/store/append_combiner.hpp"

#include <algorithm>
#include <iterator>

namespace salik {

std::vector<AppendResult> AppendCombiner::Append(const std::vector<Message>& messages) {
  Waiter me{&messages, {}, nullptr, false};
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (committing_) {
      done_.wait(lock);
      continue;
    }
    committing_ = true;
    std::vector<Waiter*> group;
    group.swap(queue_);
    lock.unlock();
    CommitGroup(group);
    lock.lock();
    for (Waiter* w : group) w->done = true;
    committing_ = false;
    // Wakes the group's callers, and those who queued meanwhile: one of them commits next.
    done_.notify_all();
  }
  if (me.error) std::rethrow_exception(me.error);
  return std::move(me.results);
}

size_t AppendCombiner::Waiting() {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void AppendCombiner::CommitGroup(std::vector<Waiter*>& group) {
  auto alone = [this](Waiter& w) {
    try {
      w.results = commit_(*w.messages);
    } catch (...) {
      w.error = std::current_exception();
    }
  };
  if (group.size() == 1) return alone(*group.front());
  std::vector<Message> all;
  for (Waiter* w : group) all.insert(all.end(), w->messages->begin(), w->messages->end());
  std::vector<AppendResult> results;
  try {
    results = commit_(all);
  } catch (...) {
    for (Waiter* w : group) alone(*w);
    return;
  }
  auto next = results.begin();
  for (Waiter* w : group) {
    auto end = next + static_cast<std::ptrdiff_t>(std::min<size_t>(w->messages->size(), results.end() - next));
    w->results.assign(std::make_move_iterator(next), std::make_move_iterator(end));
    next = end;
  }
}

}  // namespace salik
