#include "server/store/append_combiner.hpp"

#include <algorithm>
#include <iterator>

namespace salik {

std::vector<AppendResult> AppendCombiner::Append(const std::vector<Message>& messages) {
  Waiter me{&messages, {}, nullptr, false};
  {
    std::lock_guard queue(queue_mu_);
    queue_.push_back(&me);
  }
  std::lock_guard store(store_lock_);
  // Whoever held the lock before took the queue and stored it before letting go, so `me` is
  // either done or still queued.
  if (!me.done) {
    std::vector<Waiter*> group;
    {
      std::lock_guard queue(queue_mu_);
      group.swap(queue_);
    }
    try {
      CommitGroup(group);
    } catch (...) {  // say, no memory to join the batches: nobody taken from the queue is left waiting
      for (Waiter* w : group)
        if (!w->done) {
          w->error = std::current_exception();
          w->done = true;
        }
    }
  }
  if (me.error) std::rethrow_exception(me.error);
  return std::move(me.results);
}

size_t AppendCombiner::Waiting() {
  std::lock_guard queue(queue_mu_);
  return queue_.size();
}

void AppendCombiner::CommitGroup(std::vector<Waiter*>& group) {
  auto alone = [this](Waiter& w) {
    try {
      w.results = commit_(*w.messages);
    } catch (...) {
      w.error = std::current_exception();
    }
    w.done = true;
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
    w->done = true;
    next = end;
  }
}

}  // namespace salik
