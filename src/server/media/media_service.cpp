#include "server/media/media_service.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace salik {
namespace {

int64_t EnvInteger(const char* name, int64_t fallback, int64_t min, int64_t max) {
  const char* raw = std::getenv(name);
  if (!raw || !*raw) return fallback;
  char* end = nullptr;
  long long v = std::strtoll(raw, &end, 10);
  if (*end != '\0' || v < min || v > max)
    throw std::runtime_error(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max) + ".");
  return v;
}

int64_t UnixNow() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

MediaSettings LoadMediaSettingsFromEnv(const std::filesystem::path& data_dir) {
  MediaSettings s;
  s.data_dir = data_dir;
  if (const char* secret = std::getenv("SALIK_MEDIA_SECRET")) s.secret = secret;
  s.url_ttl_seconds = EnvInteger("SALIK_MEDIA_URL_TTL_SECONDS", s.url_ttl_seconds, 1, 7 * 24 * 3600);
  s.uploads_per_hour = static_cast<int>(EnvInteger("SALIK_UPLOAD_RATE_PER_HOUR", s.uploads_per_hour, 1, 1000000));
  s.keep_unsent_seconds = EnvInteger("SALIK_UNSENT_MEDIA_KEEP_SECONDS", s.keep_unsent_seconds, 1, 365 * 24 * 3600);
  s.sweep_every_seconds = EnvInteger("SALIK_UNSENT_MEDIA_SWEEP_SECONDS", s.sweep_every_seconds, 1, 7 * 24 * 3600);
  return s;
}

MediaService::MediaService(MediaSettings settings)
    : settings_(std::move(settings)),
      files_(settings_.data_dir),
      signer_(settings_.secret, settings_.data_dir),
      upload_limiter_(settings_.uploads_per_hour, std::chrono::hours(1)) {}

void MediaService::RemoveContent(Store& store, const std::vector<std::string>& hashes) {
  for (const auto& hash : hashes) files_.Remove(hash, [&] { return store.ContentInUse(hash); });
}

void MediaService::TidyAfterCrash(Store& store) {
  using std::chrono::seconds;
  try {
    auto tidied = files_.TidyTemp([&](const std::string& hash) { return store.ContentInUse(hash); }, seconds(60),
                                  seconds(3600));
    if (tidied.restored || tidied.removed)
      std::cout << "media: put back " << tidied.restored << " file(s) a removal held aside, deleted "
                << tidied.removed << " left-over temporary file(s)" << std::endl;
  } catch (const std::exception& e) {  // the next pass tries again
    std::cerr << "media: tidying the temporary folder failed: " << e.what() << std::endl;
  }
}

std::string MediaService::SignedUrl(const std::string& media_id) const {
  int64_t expires = UnixNow() + settings_.url_ttl_seconds;
  return "/api/media/" + media_id + "/content?expires=" + std::to_string(expires) +
         "&sig=" + signer_.Sign(media_id, expires);
}

Media MediaService::Present(const StoredMedia& stored) const {
  Media m = stored.media;
  m.url = SignedUrl(m.id);
  return m;
}

nlohmann::json MediaService::PresentAll(const std::vector<StoredMedia>& stored) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : stored) out.push_back(Present(s));
  return out;
}

}  // namespace salik
