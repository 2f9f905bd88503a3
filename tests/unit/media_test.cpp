// Media checks on byte fixtures built here: the sniffer names files by their first bytes only,
// the image cleaner drops Exif/GPS (JPEG APP1, PNG eXIf, WebP EXIF) and notices files cut short,
// Range headers parse to the right slice, links verify only as signed, labels never become paths.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>
#include <thread>
#include <mutex>
#include <unistd.h>

#include "core/media.hpp"
#include "server/media/http_range.hpp"
#include "server/media/image_cleaner.hpp"
#include "server/media/sniff.hpp"
#include "server/media/url_signer.hpp"

using namespace salik;
using namespace std::string_literals;

namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int v : b) s.push_back(static_cast<char>(v));
  return s;
}
std::string Be16(int v) { return Bytes({(v >> 8) & 0xFF, v & 0xFF}); }
std::string Be32(uint32_t v) { return Be16(int(v >> 16)) + Be16(int(v & 0xFFFF)); }
std::string Le32(uint32_t v) { return Bytes({int(v & 0xFF), int((v >> 8) & 0xFF), int((v >> 16) & 0xFF), int(v >> 24)}); }

const std::string kGpsMark = "GPS-25.1964N";  // stands in for the coordinates inside the Exif block

// SOI, APP0 (JFIF), optional APP1 (Exif with the GPS mark), SOF0 (w x h), SOS, scan bytes, EOI.
std::string Jpeg(int w, int h, bool with_exif) {
  std::string s = Bytes({0xFF, 0xD8});
  std::string jfif = "JFIF" + Bytes({0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
  s += Bytes({0xFF, 0xE0}) + Be16(int(jfif.size()) + 2) + jfif;
  if (with_exif) {
    std::string exif = std::string("Exif\0\0", 6) + "MM" + Bytes({0, 42, 0, 0, 0, 8}) + kGpsMark;
    s += Bytes({0xFF, 0xE1}) + Be16(int(exif.size()) + 2) + exif;
  }
  std::string sof = Bytes({8}) + Be16(h) + Be16(w) + Bytes({1, 1, 0x11, 0});
  s += Bytes({0xFF, 0xC0}) + Be16(int(sof.size()) + 2) + sof;
  std::string sos = Bytes({1, 1, 0, 0, 63, 0});
  s += Bytes({0xFF, 0xDA}) + Be16(int(sos.size()) + 2) + sos;
  s += Bytes({0x12, 0x34, 0xFF, 0x00, 0x56});  // entropy-coded data with a stuffed 0xFF
  s += Bytes({0xFF, 0xD9});
  return s;
}

std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(uint32_t(data.size())) + type + data + Be32(0x01020304);  // CRC is not checked here
}
std::string Png(int w, int h, bool with_exif) {
  std::string s = Bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
  s += PngChunk("IHDR", Be32(uint32_t(w)) + Be32(uint32_t(h)) + Bytes({8, 2, 0, 0, 0}));
  if (with_exif) s += PngChunk("eXIf", "MM" + kGpsMark);
  s += PngChunk("IDAT", "pixels");
  s += PngChunk("IEND", "");
  return s;
}

std::string WebpChunk(const std::string& type, const std::string& data) {
  std::string c = type + Le32(uint32_t(data.size())) + data;
  if (data.size() % 2) c.push_back('\0');
  return c;
}
// VP8X (with the EXIF flag) + a lossless VP8L frame + an EXIF chunk.
std::string Webp(int w, int h, bool with_exif) {
  std::string vp8x = Bytes({with_exif ? 0x08 : 0x00, 0, 0, 0});
  vp8x += Bytes({(w - 1) & 0xFF, ((w - 1) >> 8) & 0xFF, 0, (h - 1) & 0xFF, ((h - 1) >> 8) & 0xFF, 0});
  uint32_t bits = uint32_t(w - 1) | (uint32_t(h - 1) << 14);
  std::string vp8l = Bytes({0x2F}) + Le32(bits) + "rest";
  std::string body = "WEBP" + WebpChunk("VP8X", vp8x) + WebpChunk("VP8L", vp8l);
  if (with_exif) body += WebpChunk("EXIF", "MM" + kGpsMark);
  return "RIFF" + Le32(uint32_t(body.size())) + body;
}

}  // namespace

TEST_CASE("the sniffer names files by their first bytes", "[media]") {
  CHECK(SniffContainer(Jpeg(4, 4, false)) == Container::Jpeg);
  CHECK(SniffContainer(Png(4, 4, false)) == Container::Png);
  CHECK(SniffContainer(Webp(4, 4, false)) == Container::Webp);
  CHECK(SniffContainer("RIFF\x24\0\0\0WAVEfmt "s) == Container::Wav);
  CHECK(SniffContainer("OggS\0\x02"s) == Container::Ogg);
  CHECK(SniffContainer("\0\0\0\x20" "ftypisom\0\0\x02\0"s) == Container::Mp4);
  CHECK(SniffContainer("\0\0\0\x20" "ftypM4A \0\0\0\0"s) == Container::Mp4);
  CHECK(SniffContainer("ID3\x04\0\0\0\0\0\0"s) == Container::Mp3);
  CHECK(SniffContainer(Bytes({0xFF, 0xFB, 0x90, 0x64})) == Container::Mp3);
  std::string ebml = Bytes({0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84}) + "webm";
  CHECK(SniffContainer(ebml) == Container::WebM);
  std::string mkv = Bytes({0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x82, 0x88}) + "matroska";
  CHECK(SniffContainer(mkv) == Container::Matroska);

  // Not ours, whatever a file name would say.
  CHECK(SniffContainer("\x7f" "ELF\x02\x01\x01\0"s) == Container::Unknown);
  CHECK(SniffContainer("%PDF-1.7") == Container::Unknown);
  CHECK(SniffContainer("RIFF\x24\0\0\0AVI LIST"s) == Container::Unknown);
  CHECK(SniffContainer(Bytes({0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, 0x84}) + "xxxx") == Container::Unknown);
  CHECK(SniffContainer(Bytes({0xFF, 0xFB, 0xF0, 0x64})) == Container::Unknown);  // bad bitrate index
  CHECK(SniffContainer("") == Container::Unknown);
  CHECK(SniffContainer("Ogg") == Container::Unknown);
}

TEST_CASE("the image cleaner drops JPEG APP1 (Exif with GPS) and keeps the rest", "[media]") {
  auto clean = CleanImageBytes(Container::Jpeg, Jpeg(640, 480, true));
  REQUIRE(clean);
  CHECK(clean->width == 640);
  CHECK(clean->height == 480);
  CHECK(clean->bytes.find(kGpsMark) == std::string::npos);
  CHECK(clean->bytes.find("Exif") == std::string::npos);
  CHECK(clean->bytes == Jpeg(640, 480, false));

  // Without metadata the file is unchanged.
  auto plain = CleanImageBytes(Container::Jpeg, Jpeg(8, 6, false));
  REQUIRE(plain);
  CHECK(plain->bytes == Jpeg(8, 6, false));
}

TEST_CASE("the image cleaner drops PNG eXIf and text chunks", "[media]") {
  auto clean = CleanImageBytes(Container::Png, Png(40, 30, true));
  REQUIRE(clean);
  CHECK(clean->width == 40);
  CHECK(clean->height == 30);
  CHECK(clean->bytes.find(kGpsMark) == std::string::npos);
  CHECK(clean->bytes == Png(40, 30, false));
}

TEST_CASE("the image cleaner drops WebP EXIF, clears its VP8X flag and fixes the RIFF size", "[media]") {
  auto clean = CleanImageBytes(Container::Webp, Webp(300, 200, true));
  REQUIRE(clean);
  CHECK(clean->width == 300);
  CHECK(clean->height == 200);
  CHECK(clean->bytes.find(kGpsMark) == std::string::npos);
  CHECK(clean->bytes == Webp(300, 200, false));
}

TEST_CASE("the image cleaner refuses pictures cut short or broken", "[media]") {
  for (const auto& [c, bytes] : {std::pair{Container::Jpeg, Jpeg(8, 8, true)}, std::pair{Container::Png, Png(8, 8, true)},
                                 std::pair{Container::Webp, Webp(8, 8, true)}}) {
    for (size_t cut : {bytes.size() - 1, bytes.size() / 2, size_t(10)}) {
      auto r = CleanImageBytes(c, bytes.substr(0, cut));
      REQUIRE_FALSE(r);
      CHECK(r.error().status == 400);
      CHECK(r.error().code == "unreadable_file");
    }
  }
  // A chunk length far past the end.
  std::string png = Png(8, 8, false);
  png[33] = '\x7f';  // the first byte of IDAT's length (signature 8 + IHDR chunk 25)
  CHECK_FALSE(CleanImageBytes(Container::Png, png));
  // A PNG whose first chunk is not IHDR.
  std::string no_ihdr = Bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}) + PngChunk("IEND", "");
  CHECK_FALSE(CleanImageBytes(Container::Png, no_ihdr));
}

TEST_CASE("Range headers parse to one slice, the whole file, or unsatisfiable", "[media]") {
  using K = RangeRequest::Kind;
  auto r = ParseRange("bytes=100-199", 1000);
  CHECK(r.kind == K::Part);
  CHECK(r.offset == 100);
  CHECK(r.length == 100);
  r = ParseRange("bytes=900-", 1000);
  CHECK((r.kind == K::Part && r.offset == 900 && r.length == 100));
  r = ParseRange("bytes=-10", 1000);
  CHECK((r.kind == K::Part && r.offset == 990 && r.length == 10));
  r = ParseRange("bytes=-5000", 1000);
  CHECK((r.kind == K::Part && r.offset == 0 && r.length == 1000));
  r = ParseRange("bytes=990-5000", 1000);
  CHECK((r.kind == K::Part && r.offset == 990 && r.length == 10));
  CHECK(ParseRange("bytes=1000-", 1000).kind == K::Unsatisfiable);
  CHECK(ParseRange("bytes=5000-6000", 1000).kind == K::Unsatisfiable);
  CHECK(ParseRange("bytes=-0", 1000).kind == K::Unsatisfiable);
  // Ignored: the whole file.
  for (const char* h : {"", "items=1-2", "bytes=1-2,5-6", "bytes=abc", "bytes=5-2", "bytes=1-x", "bytes=-"}) {
    INFO(h);
    auto w = ParseRange(h, 1000);
    CHECK((w.kind == K::Whole && w.offset == 0 && w.length == 1000));
  }
}

TEST_CASE("signed links verify only with the same id, expiry and key", "[media]") {
  UrlSigner signer("a test secret", {});
  std::string sig = signer.Sign("id-1", 1700000000);
  CHECK(sig.size() == 64);
  CHECK(signer.Verify("id-1", 1700000000, sig));
  CHECK_FALSE(signer.Verify("id-2", 1700000000, sig));
  CHECK_FALSE(signer.Verify("id-1", 1700000001, sig));
  std::string flipped = sig;
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  CHECK_FALSE(signer.Verify("id-1", 1700000000, flipped));
  CHECK_FALSE(signer.Verify("id-1", 1700000000, sig.substr(0, 63)));
  CHECK_FALSE(signer.Verify("id-1", 1700000000, std::string(64, 'z')));
  CHECK_FALSE(UrlSigner("another secret", {}).Verify("id-1", 1700000000, sig));
}

TEST_CASE("without a secret the link key is made once and kept in the data folder (0600)", "[media]") {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "salik-media-key-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()));
  fs::path dir = pattern;
  std::string sig = UrlSigner("", dir).Sign("id", 1);
  CHECK(fs::file_size(dir / "media_secret") == 32);
  CHECK((fs::status(dir / "media_secret").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(UrlSigner("", dir).Verify("id", 1, sig));
  fs::remove_all(dir);
}

TEST_CASE("servers starting at once on one data folder end up with one link key", "[media]") {
  namespace fs = std::filesystem;
  for (int round = 0; round < 20; ++round) {
    std::string pattern = (fs::temp_directory_path() / "salik-media-key-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()));
    fs::path dir = pattern;
    std::vector<std::string> signatures(8);
    std::vector<std::string> failures;
    std::mutex mu;
    std::vector<std::thread> servers;
    for (size_t i = 0; i < signatures.size(); ++i)
      servers.emplace_back([&, i] {
        try {
          signatures[i] = UrlSigner("", dir).Sign("id", 1);
        } catch (const std::exception& e) {
          std::lock_guard lock(mu);
          failures.push_back(e.what());
        }
      });
    for (auto& t : servers) t.join();
    REQUIRE(failures.empty());
    for (const auto& sig : signatures) CHECK(sig == signatures[0]);
    CHECK(UrlSigner("", dir).Verify("id", 1, signatures[0]));
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);  // the key alone: no draft left behind
    fs::remove_all(dir);
  }
}

TEST_CASE("a media label is the last part of a name, never a path", "[media]") {
  CHECK(SanitizeMediaLabel("engine.webm") == "engine.webm");
  CHECK(SanitizeMediaLabel("../../etc/passwd") == "passwd");
  CHECK(SanitizeMediaLabel("..\\..\\boot.ini") == "boot.ini");
  CHECK(SanitizeMediaLabel("/abs/path/photo.jpg") == "photo.jpg");
  CHECK(SanitizeMediaLabel("..") == "");
  CHECK(SanitizeMediaLabel("dir/") == "");
  CHECK(SanitizeMediaLabel(".hidden") == "hidden");
  CHECK(SanitizeMediaLabel("a\"b<c>\r\n.png") == "abc.png");
  CHECK(SanitizeMediaLabel("bad\xff\xfe.wav") == "bad.wav");
  CHECK(SanitizeMediaLabel("صوت المحرك.webm") == "صوت المحرك.webm");
  CHECK(SanitizeMediaLabel(std::string(500, 'x')).size() == kMaxMediaLabelLength);
}

TEST_CASE("the media JSON form round-trips, with nulls for what a type lacks", "[media]") {
  Media m;
  m.id = "id";
  m.media_type = MediaType::Video;
  m.mime = "video/mp4";
  m.url = "/api/media/id/content?expires=1&sig=ab";
  m.duration_seconds = 2.5;
  m.file_size = 999;
  m.label = "clip.mp4";
  m.width = 160;
  m.height = 120;
  m.created_at = "2026-01-01T00:00:00.000Z";
  m.owner_id = "owner";
  nlohmann::json j = m;
  CHECK(j["media_type"] == "video");
  Media back = j.get<Media>();
  CHECK(back.duration_seconds == 2.5);
  CHECK(back.width == 160);
  CHECK(back.owner_id == "owner");
  Media photo;
  nlohmann::json pj = photo;
  CHECK(pj["duration_seconds"].is_null());
  CHECK(pj["width"].is_null());
  CHECK(MaxBytesFor(MediaType::Audio) == 10 * 1024 * 1024);
  CHECK(MaxBytesFor(MediaType::Image) == 5 * 1024 * 1024);
  CHECK(MaxBytesFor(MediaType::Video) == 50 * 1024 * 1024);
}
