#include <doctest/doctest.h>

#include <map>

#include "dockpath/syntax/expand.h"

using dockpath::expand;
using dockpath::ExpandResult;
using dockpath::findReferences;
using dockpath::VariableLookup;

namespace {

VariableLookup lookupIn(std::map<std::string, std::string> values) {
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

const VariableLookup kVars = lookupIn({{"A", "alpha"},
                                       {"EMPTY", ""},
                                       {"PATHS", "/usr/local/bin:/usr/bin"},
                                       {"FILE", "archive.tar.gz"}});

std::string expanded(std::string_view word) {
  ExpandResult r = expand(word, kVars);
  CHECK_FALSE(r.error.has_value());
  return r.value;
}

}  // namespace

TEST_CASE("expand simple references") {
  CHECK(expanded("$A") == "alpha");
  CHECK(expanded("${A}") == "alpha");
  CHECK(expanded("x${A}y") == "xalphay");
  CHECK(expanded("$A-b") == "alpha-b");
  CHECK(expanded("$A_b") == "");
  CHECK(expanded("no vars") == "no vars");
  CHECK(expanded("cost $") == "cost $");
  CHECK(expanded("$ A") == "$ A");
}

TEST_CASE("expand default and alternative forms") {
  SUBCASE(":- and -") {
    CHECK(expanded("${UNSET:-def}") == "def");
    CHECK(expanded("${EMPTY:-def}") == "def");
    CHECK(expanded("${EMPTY-def}") == "");
    CHECK(expanded("${A:-def}") == "alpha");
    CHECK(expanded("${UNSET-def}") == "def");
    CHECK(expanded("${UNSET:-$A}") == "alpha");
  }
  SUBCASE(":+ and +") {
    CHECK(expanded("${A:+set}") == "set");
    CHECK(expanded("${EMPTY:+set}") == "");
    CHECK(expanded("${EMPTY+set}") == "set");
    CHECK(expanded("${UNSET+set}") == "");
  }
  SUBCASE(":? and ?") {
    ExpandResult unset = expand("${UNSET:?must be given}", kVars);
    CHECK(unset.value == "");
    REQUIRE(unset.error.has_value());
    CHECK(*unset.error == "UNSET: must be given");
    ExpandResult empty = expand("${EMPTY:?}", kVars);
    REQUIRE(empty.error.has_value());
    CHECK(*empty.error == "EMPTY: is not allowed to be empty");
    CHECK_FALSE(expand("${EMPTY?}", kVars).error.has_value());
    ExpandResult missing = expand("${UNSET?}", kVars);
    REQUIRE(missing.error.has_value());
    CHECK(*missing.error == "UNSET: is not allowed to be unset");
    CHECK(expanded("${A:?x}") == "alpha");
  }
}

TEST_CASE("expand pattern forms") {
  CHECK(expanded("${FILE#*.}") == "tar.gz");
  CHECK(expanded("${FILE##*.}") == "gz");
  CHECK(expanded("${FILE%.*}") == "archive.tar");
  CHECK(expanded("${FILE%%.*}") == "archive");
  CHECK(expanded("${FILE#nomatch}") == "archive.tar.gz");
  CHECK(expanded("${PATHS/usr/opt}") == "/opt/local/bin:/usr/bin");
  CHECK(expanded("${PATHS//usr/opt}") == "/opt/local/bin:/opt/bin");
  CHECK(expanded("${FILE/.t?r/}") == "archive.gz");
  CHECK(expanded("${FILE//[.]/_}") == "archive_tar_gz");
  CHECK(expanded("${UNSET/a/b}") == "");
}

TEST_CASE("expand quotes and escapes") {
  CHECK(expanded("'$A'") == "$A");
  CHECK(expanded("\"$A\"") == "alpha");
  CHECK(expanded("\"'$A'\"") == "'alpha'");
  CHECK(expanded("\\$A") == "$A");
  CHECK(expanded("\"\\$A\"") == "$A");
  CHECK(expanded("a\\ b") == "a b");
  CHECK(expanded("\"a\\b\"") == "a\\b");
  SUBCASE("backtick escape") {
    ExpandResult r = expand("`$A and $A", kVars, '`');
    CHECK(r.value == "$A and alpha");
    CHECK(expand("C:\\dir", kVars, '`').value == "C:\\dir");
  }
}

TEST_CASE("expand reports unset variables and errors") {
  SUBCASE("unset without a default") {
    ExpandResult r = expand("$NOPE ${NOPE} ${OTHER:-x} $A", kVars);
    CHECK(r.value == "  x alpha");
    REQUIRE(r.unset.size() == 1);
    CHECK(r.unset[0] == "NOPE");
  }
  SUBCASE("unset inside an unused default is not reported") {
    ExpandResult r = expand("${A:-$NOPE}", kVars);
    CHECK(r.unset.empty());
  }
  SUBCASE("malformed forms") {
    ExpandResult open = expand("${A", kVars);
    REQUIRE(open.error.has_value());
    CHECK(*open.error == "missing '}' in ${A: add the closing brace");
    ExpandResult empty = expand("${}", kVars);
    REQUIRE(empty.error.has_value());
    CHECK(*empty.error ==
          "bad substitution at offset 0: ${ needs a variable name, as in "
          "${NAME}");
    ExpandResult modifier = expand("${A:#x}", kVars);
    REQUIRE(modifier.error.has_value());
    CHECK(*modifier.error == "unsupported modifier (:#) in ${A}");
    ExpandResult quote = expand("'abc", kVars);
    REQUIRE(quote.error.has_value());
    CHECK(*quote.error == "unterminated single quote: add a closing '");
    ExpandResult unclosedDefault = expand("${A:-x", kVars);
    REQUIRE(unclosedDefault.error.has_value());
  }
}

TEST_CASE("findReferences lists references with offsets") {
  auto refs = findReferences("a $B ${C:-d} '${E}' \\$F ${G%x}");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].name == "B");
  CHECK(refs[0].offset == 2);
  CHECK(refs[0].length == 2);
  CHECK_FALSE(refs[0].hasDefault);
  CHECK(refs[1].name == "C");
  CHECK(refs[1].offset == 5);
  CHECK(refs[1].length == 7);
  CHECK(refs[1].hasDefault);
  CHECK(refs[2].name == "G");
  CHECK(refs[2].offset == 24);
  CHECK(refs[2].length == 6);
  SUBCASE("nested reference in a default") {
    auto nested = findReferences("${A:-$B}");
    REQUIRE(nested.size() == 2);
    CHECK(nested[0].name == "A");
    CHECK(nested[0].length == 8);
    CHECK(nested[1].name == "B");
    CHECK(nested[1].offset == 5);
  }
}

TEST_CASE("expand bounds hostile input") {
  auto none = [](std::string_view) -> std::optional<std::string> {
    return std::nullopt;
  };
  SUBCASE("nesting deeper than the limit is an error, not a crash") {
    std::string word;
    for (int i = 0; i < 20000; ++i) word += "${X:-";
    word += std::string(20000, '}');
    ExpandResult result = expand(word, none);
    CHECK(result.error.has_value());
  }
  SUBCASE("a value that keeps doubling stops at the size limit") {
    std::string value = "x";
    auto lookup = [&](std::string_view) -> std::optional<std::string> {
      return value;
    };
    for (int i = 0; i < 40; ++i) {
      value = expand("${A}${A}", lookup).value;
      CHECK(value.size() <= 64 * 1024 + 1);
    }
    CHECK(expand("${A}${A}", lookup).error.has_value());
  }
}
