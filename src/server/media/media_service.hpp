// The media side of the server, made once at start: where files live, the link signer, the
// upload allowance, and how a stored file is shown to a reader (with a freshly signed link).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/media.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/media/content_files.hpp"
#include "server/media/url_signer.hpp"
#include "server/store/store.hpp"

namespace salik {

struct MediaSettings {
  std::filesystem::path data_dir;
  std::string secret;                                   // SALIK_MEDIA_SECRET; empty: key file
  int64_t url_ttl_seconds = kDefaultMediaUrlTtlSeconds;  // SALIK_MEDIA_URL_TTL_SECONDS
  int uploads_per_hour = kUploadsPerHour;               // SALIK_UPLOAD_RATE_PER_HOUR (tests, benchmarks)
  // A chat attachment never sent is deleted once this old (SALIK_UNSENT_MEDIA_KEEP_SECONDS),
  // looked for this often (SALIK_UNSENT_MEDIA_SWEEP_SECONDS): see UnsentMediaSweeper.
  int64_t keep_unsent_seconds = 7 * 24 * 3600;
  int64_t sweep_every_seconds = 3600;
};

// Throws std::runtime_error naming the variable when a value is unusable.
MediaSettings LoadMediaSettingsFromEnv(const std::filesystem::path& data_dir);

class MediaService {
 public:
  explicit MediaService(MediaSettings settings);

  const MediaSettings& settings() const { return settings_; }
  ContentFiles& files() { return files_; }
  const UrlSigner& signer() const { return signer_; }
  KeyedRateLimiter& upload_limiter() { return upload_limiter_; }

  // Removes the files of these content hashes once their last rows went, except those that a
  // row of `store` uses again by the time each file is moved aside (an upload of the same bytes
  // racing the removal, on any server: see content_files.hpp).
  void RemoveContent(Store& store, const std::vector<std::string>& hashes);
  // At start and with each sweep of unsent attachments (a quick restart finds its own left-overs
  // too recent): puts back bytes a removal interrupted by a crash held aside while a row uses
  // them, and deletes temporary files a crash left (ContentFiles::TidyTemp). Logs what it did;
  // never throws.
  void TidyAfterCrash(Store& store);

  // "/api/media/<id>/content?expires=<now + ttl>&sig=<hmac>"
  std::string SignedUrl(const std::string& media_id) const;
  // The API form: the stored row with a link signed for this answer.
  Media Present(const StoredMedia& stored) const;
  nlohmann::json PresentAll(const std::vector<StoredMedia>& stored) const;

 private:
  MediaSettings settings_;
  ContentFiles files_;
  UrlSigner signer_;
  KeyedRateLimiter upload_limiter_;
};

}  // namespace salik
