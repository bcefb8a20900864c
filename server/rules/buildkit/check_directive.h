// The "# check=" parser directive, which BuildKit reads to configure its
// build checks (frontend/dockerfile/linter/linter.go, ParseLintOptions):
//
//   # check=skip=StageNameCasing,FromAsCasing;error=true
//   # check=skip=all;experimental=CopyIgnoredFile
//
// skip turns checks off, error=true makes BuildKit fail the build on any
// check violation, and experimental turns on checks that are off by
// default. skip never turns off an experimental check.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dockpath/rules/rule.h"

namespace dockpath::rules::buildkit {

struct CheckDirective {
  bool skipAll = false;
  std::set<std::string, std::less<>> skip;
  bool experimentalAll = false;
  std::set<std::string, std::less<>> experimental;
  bool error = false;
  // False when BuildKit rejects the value (it then fails the build before
  // running any check); the other fields are then at their defaults.
  bool valid = true;

  // Whether the rule runs. Rules outside the "buildkit" category always do.
  bool enables(const RuleInfo &rule) const;
  // Raises the severity of the diagnostics out[first...] of a BuildKit
  // check to Error under error=true.
  void apply(const RuleInfo &rule, std::vector<Diagnostic> &out,
             size_t first) const;
};

CheckDirective parseCheckDirective(std::string_view value);

// The file's "# check=" directive, or the defaults when it has none.
CheckDirective checkDirectiveOf(const ParsedFile &file);

// BuildKit checks that run only when "experimental=" names them
// (linter/ruleset.go, Experimental: true).
bool isExperimentalCheck(std::string_view name);

}  // namespace dockpath::rules::buildkit
