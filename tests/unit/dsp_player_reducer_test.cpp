// The recording player's reducer (src/app/state/reduce_player.cpp), through the app's Reduce.
#include <catch2/catch.hpp>

#include "app_test_support.hpp"
#include "state/player_text.hpp"
#include "state/reduce_player.hpp"

using namespace salik;
using namespace salik::app;

namespace {

json MediaJson(const std::string& id, const std::string& type, const std::string& label) {
  return {{"id", id}, {"media_type", type}, {"mime", type == "audio" ? "audio/wav" : "image/png"},
          {"url", "/api/media/" + id + "/content?expires=1&sig=ab"}, {"duration_seconds", nullptr},
          {"file_size", 1000}, {"label", label}, {"width", nullptr}, {"height", nullptr},
          {"created_at", "2026-03-12T10:00:00.000Z"}, {"owner_id", "u1"}};
}

std::string IssueBody(const json& media) {
  return json{{"id", "i1"}, {"title", "Knocking"}, {"media", media}}.dump();
}

// A player whose issue has a photo and two recordings; the first recording is decoded (3 s) and
// analysed (440 Hz).
AppState Loaded() {
  AppState s;
  Reduce(s, HttpDone{Request::Issue, 200,
                     IssueBody(json::array({MediaJson("p1", "image", "front.png"), MediaJson("a1", "audio", "idle.wav"),
                                MediaJson("a2", "audio", "revving.wav")})),
                     "i1"});
  Reduce(s, AudioDecoded{"a1", 3.0});
  Reduce(s, AudioAnalysed{"a1", 440.0});
  return s;
}

}  // namespace

TEST_CASE("an issue's first recording is fetched and decoded when the issue arrives") {
  AppState s;
  Commands cmds = Reduce(s, HttpDone{Request::Issue, 200,
                                     IssueBody(json::array({MediaJson("p1", "image", "front.png"), MediaJson("a1", "audio", "idle.wav")})),
                                     "i1"});
  REQUIRE(s.player.issue_media.size() == 2);
  auto decode = Of<DecodeAudio>(cmds);
  REQUIRE(decode.size() == 1);
  CHECK(decode[0].media_id == "a1");
  CHECK(decode[0].url == "/api/media/a1/content?expires=1&sig=ab");
  CHECK(s.player.load == ClipLoad::Loading);
  // The same issue again (a refresh with newly signed URLs) decodes nothing twice.
  Reduce(s, AudioDecoded{"a1", 3.0});
  cmds = Reduce(s, HttpDone{Request::Issue, 200, IssueBody(json::array({MediaJson("a1", "audio", "idle.wav")})), "i1"});
  CHECK(Of<DecodeAudio>(cmds).empty());
  CHECK(s.player.load == ClipLoad::Ready);
}

TEST_CASE("an issue without recordings, or a failed answer, loads nothing") {
  AppState s;
  CHECK(Of<DecodeAudio>(Reduce(s, HttpDone{Request::Issue, 200, IssueBody(json::array()), "i1"})).empty());
  CHECK(Of<DecodeAudio>(Reduce(s, HttpDone{Request::Issue, 200, R"({"id":"i1"})", "i1"})).empty());
  CHECK(Of<DecodeAudio>(Reduce(s, HttpDone{Request::Issue, 404, "{}", "i1"})).empty());
  CHECK(s.player.load == ClipLoad::None);
  // A broken entry is skipped; the readable one still plays.
  json media = json::array({json{{"id", 5}}, MediaJson("a1", "audio", "idle.wav")});
  CHECK(Of<DecodeAudio>(Reduce(s, HttpDone{Request::Issue, 200, IssueBody(media), "i1"})).size() == 1);
  CHECK(s.player.issue_media.size() == 1);
}

TEST_CASE("decoding sets the duration and the full view; the analysis brings the dominant frequency") {
  AppState s;
  Reduce(s, HttpDone{Request::Issue, 200, IssueBody(json::array({MediaJson("a1", "audio", "idle.wav")})), "i1"});
  CHECK(Reduce(s, AudioAnalysed{"a1", 440.0}).empty());  // not decoded yet: a stray answer is dropped
  CHECK_FALSE(s.player.analysed);
  Reduce(s, AudioDecoded{"a1", 3.0});
  CHECK(s.player.load == ClipLoad::Ready);
  CHECK(s.player.duration == 3.0);
  CHECK(s.player.view_end == 3.0);
  CHECK_FALSE(s.player.analysed);  // the analysis runs frame by frame after the decode
  CHECK_FALSE(s.player.dominant_hz);
  // It can play before the analysis is done.
  CHECK(Of<PlayAudio>(Reduce(s, PlayerPlay{1.0})).size() == 1);
  Reduce(s, AudioAnalysed{"a2", 100.0});  // another recording's: ignored
  CHECK_FALSE(s.player.analysed);
  Reduce(s, AudioAnalysed{"a1", 440.0});
  CHECK(s.player.analysed);
  REQUIRE(s.player.dominant_hz);
  CHECK(*s.player.dominant_hz == 440.0);
  // A late answer for another recording changes nothing.
  Reduce(s, AudioDecoded{"a2", 9.0});
  CHECK(s.player.duration == 3.0);
}

TEST_CASE("an analysis without a clear tone is done, with no dominant frequency") {
  AppState s;
  Reduce(s, HttpDone{Request::Issue, 200, IssueBody(json::array({MediaJson("a1", "audio", "idle.wav")})), "i1"});
  Reduce(s, AudioDecoded{"a1", 3.0});
  Reduce(s, AudioAnalysed{"a1", std::nullopt});
  CHECK(s.player.analysed);
  CHECK_FALSE(s.player.dominant_hz);
  CHECK(app::DominantFrequencyText(s.player.dominant_hz).find("Hz") == std::string::npos);
}

TEST_CASE("switching recordings forgets the analysis until the new one's arrives") {
  AppState s = Loaded();
  REQUIRE(s.player.analysed);
  Reduce(s, PlayerSelect{"a2"});
  CHECK_FALSE(s.player.analysed);
  CHECK_FALSE(s.player.dominant_hz);
  Reduce(s, AudioAnalysed{"a1", 440.0});  // the old recording's, late: ignored
  CHECK_FALSE(s.player.analysed);
}

TEST_CASE("a recording that cannot be decoded says so and does not play") {
  AppState s;
  Reduce(s, HttpDone{Request::Issue, 200, IssueBody(json::array({MediaJson("a1", "audio", "idle.wav")})), "i1"});
  Reduce(s, AudioFailed{"a1", ""});
  CHECK(s.player.load == ClipLoad::Failed);
  CHECK_FALSE(s.player.error.empty());
  CHECK(Reduce(s, PlayerPlay{0}).empty());
  CHECK_FALSE(s.player.playing);
}

TEST_CASE("play, pause and seek ask the bridge and remember the position") {
  AppState s = Loaded();
  auto play = Of<PlayAudio>(Reduce(s, PlayerPlay{1.0}));
  REQUIRE(play.size() == 1);
  CHECK(play[0].from == 1.0);
  CHECK(play[0].loop_end == 0);
  CHECK(s.player.playing);
  CHECK(Of<PlayAudio>(Reduce(s, PlayerSeek{2.5}))[0].from == 2.5);  // a seek while playing restarts there
  CHECK(Of<StopAudio>(Reduce(s, PlayerPause{2.7})).size() == 1);
  CHECK_FALSE(s.player.playing);
  CHECK(s.player.position == 2.7);
  CHECK(Reduce(s, PlayerSeek{99}).empty());  // paused: only the position moves, clamped to the end
  CHECK(s.player.position == 3.0);
  CHECK(Of<PlayAudio>(Reduce(s, PlayerPlay{3.0}))[0].from == 0);  // play at the end starts over
  Reduce(s, AudioEnded{"a1"});
  CHECK_FALSE(s.player.playing);
}

TEST_CASE("a dragged selection loops; seeking outside it or clearing it stops the loop") {
  AppState s = Loaded();
  CHECK(Reduce(s, PlayerSetLoop{2.0, 0.5}).empty());  // paused: nothing plays yet
  CHECK(s.player.looping);
  CHECK(s.player.loop_start == 0.5);
  CHECK(s.player.loop_end == 2.0);
  auto play = Of<PlayAudio>(Reduce(s, PlayerPlay{2.9}));
  REQUIRE(play.size() == 1);
  CHECK(play[0].from == 0.5);  // outside the selection: from its start
  CHECK(play[0].loop_start == 0.5);
  CHECK(play[0].loop_end == 2.0);
  Reduce(s, AudioEnded{"a1"});  // a looping source never really ends
  CHECK(s.player.playing);
  auto carry_on = Of<PlayAudio>(Reduce(s, PlayerClearLoop{1.2}));
  REQUIRE(carry_on.size() == 1);
  CHECK(carry_on[0].from == 1.2);
  CHECK(carry_on[0].loop_end == 0);
  Reduce(s, PlayerSetLoop{1.0, 1.02});  // a click, not a selection
  CHECK_FALSE(s.player.looping);
  Reduce(s, PlayerSetLoop{1.0, 2.0});
  Reduce(s, PlayerSeek{2.5});
  CHECK_FALSE(s.player.looping);
}

TEST_CASE("zoom stays inside the recording and never narrower than 50 ms") {
  AppState s = Loaded();
  Reduce(s, PlayerZoom{1.0, 2.0});
  CHECK(s.player.view_start == 1.0);
  CHECK(s.player.view_end == 2.0);
  Reduce(s, PlayerZoom{2.5, 4.0});
  CHECK(s.player.view_start == Approx(1.5));
  CHECK(s.player.view_end == Approx(3.0));
  Reduce(s, PlayerZoom{1.0, 1.0});
  CHECK(s.player.view_end - s.player.view_start == Approx(0.05));
  Reduce(s, PlayerZoom{-5, 50});
  CHECK(s.player.view_start == 0);
  CHECK(s.player.view_end == 3.0);
  Reduce(s, PlayerCylinders{7});
  CHECK(s.player.cylinders == 3);
  Reduce(s, PlayerFrequencyRange{-1});
  CHECK(s.player.frequency_range == 0);
}

TEST_CASE("another recording of the issue replaces the one playing") {
  AppState s = Loaded();
  Reduce(s, PlayerPlay{0});
  Commands cmds = Reduce(s, PlayerSelect{"a2"});
  CHECK(Of<StopAudio>(cmds).size() == 1);
  REQUIRE(Of<DecodeAudio>(cmds).size() == 1);
  CHECK(s.player.media_id == "a2");
  CHECK_FALSE(s.player.playing);
  CHECK_FALSE(s.player.analysed);
  CHECK(Reduce(s, PlayerSelect{"p1"}).empty());  // a photo is not for the player
  CHECK(s.player.media_id == "a2");
}

TEST_CASE("leaving the issue stops its recording") {
  AppState s = Loaded();
  Reduce(s, PlayerPlay{0});
  Commands cmds = LeavePlayer(s, {Screen::IssueDetail, "i1"});
  CHECK(cmds.empty());
  cmds = LeavePlayer(s, {Screen::Conversations, ""});
  CHECK(Of<StopAudio>(cmds).size() == 1);
  CHECK_FALSE(s.player.playing);
}

TEST_CASE("the player's texts: clock, dominant frequency and engine speed") {
  CHECK(PlayerClock(0) == "0:00.0");
  CHECK(PlayerClock(3.04) == "0:03.0");
  CHECK(PlayerClock(61.25) == "1:01.3");
  CHECK(PlayerClock(-1) == "0:00.0");
  CHECK(DominantFrequencyText(440.2) == "Dominant frequency 440 Hz");
  CHECK(DominantFrequencyText(std::nullopt) == "Dominant frequency: no clear tone");
  CHECK(RpmText(440, 4) == "\xE2\x89\x88 13,200 rpm");
  CHECK(RpmText(29.3, 4) == "\xE2\x89\x88 880 rpm");
  CHECK(RpmText(58.7, 8) == "\xE2\x89\x88 880 rpm");
  CHECK_FALSE(RpmCaveat(13200).empty());
  CHECK_FALSE(RpmCaveat(300).empty());
  CHECK(RpmCaveat(2400).empty());
}
