// The load generator's frame skimmer reads what the server's own frame builders write, batches
// included, the same as a full JSON parse would.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../load/frame_skim.hpp"
#include "core/realtime_protocol.hpp"
#include "sample_message.hpp"

using namespace salik;
using nlohmann::json;
using salik::testing::SampleMessage;

namespace {

std::vector<load::SkimmedFrame> Skim(const std::string& text, bool* ok = nullptr) {
  std::vector<load::SkimmedFrame> out;
  bool read = load::SkimFrames(text, [&](const load::SkimmedFrame& f) { out.push_back(f); });
  if (ok) *ok = read;
  return out;
}

}  // namespace

TEST_CASE("the skimmer reads type, seq and content of the server's frames", "[frame_skim]") {
  auto message = Skim(realtime::MessageFrame(SampleMessage("sent abcdef", 42)));
  REQUIRE(message.size() == 1);
  CHECK(message[0].type == "message");
  CHECK(message[0].seq == 42);
  CHECK(message[0].content == "sent abcdef");

  auto ack = Skim(realtime::AckFrame("m-1", SampleMessage("hi", 7)));
  REQUIRE(ack.size() == 1);
  CHECK(ack[0].type == "ack");
  CHECK(ack[0].seq == 7);

  auto typing = Skim(realtime::TypingFrame("c", "u", true));
  REQUIRE(typing.size() == 1);
  CHECK(typing[0].type == "typing");
  CHECK(typing[0].seq == 0);
  CHECK(typing[0].content.empty());
}

TEST_CASE("escaped quotes, backslashes and nested values do not derail the skimmer", "[frame_skim]") {
  std::string tricky = "a \"quoted\" \\ back}slash {brace} [bracket], \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \n end";
  std::string frame = realtime::MessageFrame(SampleMessage(tricky, 3));
  auto out = Skim(frame);
  REQUIRE(out.size() == 1);
  CHECK(out[0].seq == 3);
  // Escapes are left in: the raw text is what the frame holds between the quotes.
  std::string raw = json(tricky).dump();
  CHECK(out[0].content == std::string_view(raw).substr(1, raw.size() - 2));
  // Keys in another order, spaces, numbers with fractions and nested objects before the message.
  auto reordered = Skim(R"( { "extra" : {"a":[1, 2.5e3, true, null, {"seq": 99}]}, "message" : {"content":"x","seq" : 5} ,"type":"message"} )");
  REQUIRE(reordered.size() == 1);
  CHECK(reordered[0].type == "message");
  CHECK(reordered[0].seq == 5);
  CHECK(reordered[0].content == "x");
}

TEST_CASE("a batch frame yields each inner frame in order, like a full parse", "[frame_skim]") {
  std::vector<std::string> frames;
  for (int64_t seq = 1; seq <= 5; ++seq) frames.push_back(realtime::MessageFrame(SampleMessage("sent " + std::string(seq, 'b'), seq)));
  frames.push_back(realtime::AckFrame("m-2", SampleMessage("six", 6)));
  std::string batch = realtime::BatchFrame(frames.data(), frames.size());

  auto out = Skim(batch);
  json parsed = json::parse(batch);
  REQUIRE(out.size() == parsed["frames"].size());
  for (size_t i = 0; i < out.size(); ++i) {
    const json& f = parsed["frames"][i];
    CHECK(out[i].type == f["type"].get<std::string>());
    CHECK(out[i].seq == f["message"]["seq"].get<int64_t>());
    CHECK(out[i].content == f["message"]["content"].get<std::string>());
  }
}

TEST_CASE("text that is not JSON is refused", "[frame_skim]") {
  for (std::string bad : {"", "not json", "{\"type\":\"message\"", "{\"type\":\"message\",}", "{\"message\":{\"seq\":}}",
                          "{\"type\":\"message\"} trailing", "[1,2]", "{\"a\":tru}"}) {
    bool ok = true;
    Skim(bad, &ok);
    CHECK_FALSE(ok);
  }
}
