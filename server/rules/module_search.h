// Internal to the rules: the imports of the started Python program that
// the interpreter cannot find, grouped by the folder that has them.
#pragma once

#include <string>
#include <vector>

#include "checks.h"

namespace dockpath::rules {

struct UnresolvedImport {
  std::string module;  // dotted name as imported
  std::string file;    // absolute path of the importing file on disk, or
                       // "" for the module that the command names
  uint32_t line = 0;
  uint32_t column = 0;
};

struct UnresolvedGroup {
  std::string folder;  // the folder to put on sys.path
  int placedBy = -1;   // instruction that put the modules there
  std::vector<UnresolvedImport> imports;
};

// Follows the program's imports from its main module or script through
// the local modules it reaches (read from the build context). Modules
// that the file system has nowhere, or whose absence dockpath cannot be
// sure of, are left out: they may come from the image or a dependency.
std::vector<UnresolvedGroup> unresolvedImports(RuleContext &ctx,
                                               const Stage &stage,
                                               const PythonLaunch &launch);

}  // namespace dockpath::rules
