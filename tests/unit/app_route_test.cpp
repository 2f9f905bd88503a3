// The location hash (src/app/state/route.cpp): what a reload or a pasted link may open.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "state/route.hpp"

using namespace salik::app;

namespace {

const std::string kIssueId = "3f2a9c1e-7b4d-4e8a-9f10-2c6d8e0b5a71";

}  // namespace

TEST_CASE("every screen's hash reads back as the same screen") {
  const std::vector<Route> routes{
      {Screen::Landing, ""},          {Screen::SignIn, ""},         {Screen::SignUp, ""},
      {Screen::CustomerHome, ""},     {Screen::PostIssue, ""},      {Screen::IssueDetail, kIssueId},
      {Screen::MechanicProfile, ""},  {Screen::MechanicFeed, ""},   {Screen::Respond, kIssueId},
      {Screen::AdminVerification, ""},
  };
  for (const auto& route : routes) {
    INFO("hash " << ToHash(route));
    CHECK(FromHash(ToHash(route)) == route);
  }
}

TEST_CASE("hashes carry the paths the address bar shows") {
  CHECK(ToHash({Screen::Landing, ""}) == "");
  CHECK(ToHash({Screen::SignIn, ""}) == "#/signin");
  CHECK(ToHash({Screen::SignUp, ""}) == "#/signup");
  CHECK(ToHash({Screen::CustomerHome, ""}) == "#/my-issues");
  CHECK(ToHash({Screen::PostIssue, ""}) == "#/post");
  CHECK(ToHash({Screen::IssueDetail, kIssueId}) == "#/issues/" + kIssueId);
  CHECK(ToHash({Screen::MechanicProfile, ""}) == "#/profile");
  CHECK(ToHash({Screen::MechanicFeed, ""}) == "#/feed");
  CHECK(ToHash({Screen::Respond, kIssueId}) == "#/respond/" + kIssueId);
  CHECK(ToHash({Screen::AdminVerification, ""}) == "#/admin/verification");
}

TEST_CASE("an empty or unknown hash opens the landing page") {
  for (const char* hash : {"", "#", "#/", "#/nowhere", "signin", "#signin", "/signin", "#/SIGNIN", "#/signin?next=feed",
                           "#/admin", "#/admin/verification/extra", "#/issues", "#/issuesX/abc"}) {
    INFO("hash " << hash);
    CHECK(FromHash(hash) == Route{Screen::Landing, ""});
  }
}

TEST_CASE("a screen without an id does not take one") {
  CHECK(FromHash("#/signin/abc").screen == Screen::Landing);
  CHECK(FromHash("#/my-issues/").screen == Screen::Landing);
  CHECK(FromHash("#/feed/" + kIssueId).screen == Screen::Landing);
  CHECK(FromHash("#/post").id.empty());
}

TEST_CASE("hashes with unsafe ids are ignored") {
  const std::vector<std::string> unsafe{
      "#/issues/",                    // no id at all
      "#/issues/../admin",            // path tricks
      "#/issues/abc/def",
      "#/issues/%2e%2e",              // percent-encoding
      "#/issues/<script>alert(1)</script>",
      "#/issues/a b",
      "#/issues/abc?x=1",
      "#/issues/abc#frag",
      "#/issues/abc_def",
      "#/respond/\xC3\xA9t\xC3\xA9",  // UTF-8 letters are not ids
      "#/respond/" + std::string(65, 'a'),
  };
  for (const auto& hash : unsafe) {
    INFO("hash " << hash);
    CHECK(FromHash(hash) == Route{Screen::Landing, ""});
  }
}

TEST_CASE("an id of letters, digits and dashes up to 64 characters is kept as typed") {
  const std::string longest(64, 'f');
  CHECK(FromHash("#/issues/" + longest) == Route{Screen::IssueDetail, longest});
  CHECK(FromHash("#/respond/ABC-123") == Route{Screen::Respond, "ABC-123"});
  CHECK(FromHash("#/issues/7") == Route{Screen::IssueDetail, "7"});
}

TEST_CASE("only landing, sign-in and sign-up are open without a session") {
  CHECK_FALSE(NeedsSession(Screen::Landing));
  CHECK_FALSE(NeedsSession(Screen::SignIn));
  CHECK_FALSE(NeedsSession(Screen::SignUp));
  for (Screen s : {Screen::CustomerHome, Screen::PostIssue, Screen::IssueDetail, Screen::MechanicProfile,
                   Screen::MechanicFeed, Screen::Respond, Screen::AdminVerification}) {
    INFO("screen " << static_cast<int>(s));
    CHECK(NeedsSession(s));
  }
}
