#include "dockpath/engine/settings.h"
#include "rule_fixture.h"

using namespace dockpath;
using dockpath::test::analyzeFor;
using dockpath::test::applied;
using dockpath::test::ScratchContext;

namespace {

const char *kRepeated =
    "FROM gcr.io/distroless/python3-debian12\n"
    "CMD [\"python3\", \"app.py\"]\n";

}  // namespace

TEST_CASE("Settings config file parses rule levels") {
  ConfigFile config = parseConfigFile(
      "/x/.dockpath.toml",
      "# project settings\n[rules]\nDP005 = \"off\"\n"
      "StageNameCasing = 'error'  # loud\nDP001 = \"loud\"\nstray\n");
  CHECK(config.settings.rules.at("DP005") == RuleLevel::Off);
  CHECK(config.settings.rules.at("StageNameCasing") == RuleLevel::Error);
  CHECK(config.settings.rules.count("DP001") == 0);
  REQUIRE(config.errors.size() == 2);
  CHECK(config.errors[0] ==
        "/x/.dockpath.toml:5: invalid level 'loud' for DP001: use off, "
        "error, warning, info or hint");
  CHECK(config.errors[1] ==
        "/x/.dockpath.toml:6: expected `Rule = \"level\"` in the [rules] "
        "table");
}

TEST_CASE("Settings config file rejects unknown rules") {
  ConfigFile config = parseConfigFile(
      "/x/.dockpath.toml",
      "[rules]\nDP999 = \"off\"\nstage-name-casing = \"off\"\n"
      "module-not-on-sys-path = \"hint\"\n");
  CHECK(config.settings.rules.count("DP999") == 0);
  CHECK(config.settings.rules.count("stage-name-casing") == 0);
  CHECK(config.settings.rules.at("module-not-on-sys-path") == RuleLevel::Hint);
  REQUIRE(config.errors.size() == 2);
  CHECK(config.errors[0] ==
        "/x/.dockpath.toml:2: unknown rule 'DP999': `dockpath rules` lists "
        "the rule ids and names");
  CHECK(config.errors[1].starts_with(
      "/x/.dockpath.toml:3: unknown rule 'stage-name-casing'"));
}

TEST_CASE("Settings config file above the Dockerfile applies") {
  ScratchContext context;
  context.write(".dockpath.toml",
                "[rules]\ninterpreter-repeated = \"warning\"\n");
  auto found = analyzeFor("DP002", kRepeated, &context);
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::Warning);

  context.write(".dockpath.toml", "[rules]\nDP002 = \"off\"\n");
  CHECK(analyzeFor("DP002", kRepeated, &context).empty());
}

TEST_CASE("Settings client levels apply under the config file") {
  Engine engine;
  Settings client;
  client.rules["DP002"] = RuleLevel::Off;
  engine.setClientSettings(client);
  Document &document = engine.open("t", "", kRepeated, 1);
  CHECK(engine.analyze(document)->diagnostics.empty());
}

TEST_CASE("Suppression comment silences the next instruction") {
  SUBCASE("by id, with a reason") {
    CHECK(analyzeFor("DP002",
                     "FROM gcr.io/distroless/python3-debian12\n"
                     "# dockpath ignore=DP002 the wrapper strips it\n"
                     "CMD [\"python3\", \"app.py\"]\n",
                     nullptr)
              .empty());
  }
  SUBCASE("by name, for the whole file") {
    CHECK(analyzeFor("DP002",
                     "# dockpath ignore-file=interpreter-repeated\n"
                     "FROM gcr.io/distroless/python3-debian12\n"
                     "CMD [\"python3\", \"app.py\"]\n",
                     nullptr)
              .empty());
  }
  SUBCASE("another rule's id does not silence it") {
    CHECK(analyzeFor("DP002",
                     "FROM gcr.io/distroless/python3-debian12\n"
                     "# dockpath ignore=DP001\n"
                     "CMD [\"python3\", \"app.py\"]\n",
                     nullptr)
              .size() == 1);
  }
}

TEST_CASE("Suppression comment has one exact form") {
  auto silenced = [](const std::string &comment) {
    return analyzeFor("DP002",
                      "FROM gcr.io/distroless/python3-debian12\n# " + comment +
                          "\nCMD [\"python3\", \"app.py\"]\n",
                      nullptr)
        .empty();
  };
  for (std::string comment :
       {"dockpath ignore=DP002", "dockpath \t ignore=DP002",
        "  dockpath ignore=DP002", "dockpath ignore=DP001,DP002",
        "dockpath ignore=,DP002,", "dockpath ignore=DP002\treason",
        "dockpath ignore=interpreter-repeated"}) {
    CAPTURE(comment);
    CHECK(silenced(comment));
  }
  for (std::string comment :
       {"dockpath", "dockpath ignore=", "dockpathignore=DP002",
        "dockpath ignore DP002", "dockpath ignore=DP002;reason",
        "dockpath ignore=DP002:", "dockpath Ignore=DP002",
        "dockpath ignore-files=DP002", "dockpath ignore=DP0 02"}) {
    CAPTURE(comment);
    CHECK_FALSE(silenced(comment));
  }
}

TEST_CASE("Suppression comment warns about unknown rules") {
  Engine engine;
  Document &document = engine.open(
      "t", "",
      "FROM gcr.io/distroless/python3-debian12\n"
      "# dockpath ignore=DP0002,DP002 the wrapper strips it\n"
      "CMD [\"python3\", \"app.py\"]\n",
      1);
  const auto &diagnostics = engine.analyze(document)->diagnostics;
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "config");
  CHECK(diagnostics[0].severity == Severity::Warning);
  CHECK(diagnostics[0].range.start.line == 1);
  CHECK(diagnostics[0].message ==
        "unknown rule 'DP0002' in the suppression comment: `dockpath rules` "
        "lists the rule ids and names");
}

TEST_CASE("Suppression quick fix inserts the comment") {
  auto found = analyzeFor("DP002", kRepeated, nullptr);
  REQUIRE(found.size() == 1);
  const Fix &fix = found[0].fixes.back();
  CHECK(fix.title == "Ignore DP002 for this instruction");
  CHECK_FALSE(fix.preferred);
  std::string fixed = applied(kRepeated, fix);
  CHECK(fixed ==
        "FROM gcr.io/distroless/python3-debian12\n"
        "# dockpath ignore=DP002\n"
        "CMD [\"python3\", \"app.py\"]\n");
  CHECK(analyzeFor("DP002", fixed, nullptr).empty());
}

TEST_CASE("Settings file level wins under another spelling") {
  ScratchContext context;
  context.write(".dockpath.toml", "[rules]\nDP002 = \"info\"\n");
  Engine engine;
  Settings client;
  client.rules["interpreter-repeated"] = RuleLevel::Warning;
  engine.setClientSettings(client);
  Document &document = engine.open("t", context.dockerfile(), kRepeated, 1);
  const auto &diagnostics = engine.analyze(document)->diagnostics;
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::Information);
}
