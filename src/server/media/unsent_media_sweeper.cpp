#include "server/media/unsent_media_sweeper.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "server/media/media_service.hpp"
#include "server/store/store.hpp"
#include "server/util/clock.hpp"

namespace salik {
namespace {

constexpr int kPage = 100;  // ids per query: a long backlog never holds the store for long
// The first pass comes soon after start (a server restarted often still sweeps), but not at once.
constexpr auto kFirstPassAfter = std::chrono::seconds(60);

}  // namespace

UnsentMediaSweeper::UnsentMediaSweeper(Store& store, MediaService& media)
    : store_(store), media_(media), thread_([this] { Run(); }) {}

UnsentMediaSweeper::~UnsentMediaSweeper() {
  stop_.Stop();
  thread_.join();
}

size_t UnsentMediaSweeper::SweepOnce(std::chrono::system_clock::time_point now) {
  const std::string cutoff = FormatUtc(now - std::chrono::seconds(media_.settings().keep_unsent_seconds));
  size_t deleted = 0;
  for (;;) {
    std::vector<std::string> ids = store_.ListUnsentChatMedia(cutoff, kPage);
    size_t before = deleted;
    for (const std::string& id : ids) {
      if (stop_.Stopping()) return deleted;
      auto unused = store_.DeleteUnsentChatMedia(id);
      if (!unused) continue;  // sent after all, or deleted by its uploader meanwhile
      media_.RemoveContent(store_, *unused);
      ++deleted;
    }
    // A short page was the last; a page of which nothing went would come back the same.
    if (static_cast<int>(ids.size()) < kPage || deleted == before) return deleted;
  }
}

void UnsentMediaSweeper::Run() {
  auto every = std::chrono::seconds(media_.settings().sweep_every_seconds);
  auto wait = std::min<std::chrono::seconds>(every, kFirstPassAfter);
  for (;;) {
    if (!stop_.WaitFor(wait)) return;
    wait = every;
    try {
      if (size_t n = SweepOnce(std::chrono::system_clock::now()))
        std::cout << "media: deleted " << n << " chat attachment(s) never sent" << std::endl;
    } catch (const std::exception& e) {  // the store was away: the next pass tries again
      std::cerr << "media: sweep of unsent attachments failed: " << e.what() << std::endl;
    }
    media_.TidyAfterCrash(store_);
  }
}

}  // namespace salik
