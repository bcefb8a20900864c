// DP005 pythonpath-entry-missing: a PYTHONPATH entry names a folder that
// the stage does not have, which usually means a COPY put the code
// elsewhere.
//
//   COPY src/ /srv/
//   ENV PYTHONPATH=/app        <- no /app in this stage
#include <fmt/format.h>

#include "checks.h"

namespace dockpath::rules {

namespace {

constexpr RuleInfo kInfo{
    "DP005", "pythonpath-entry-missing", "path", Severity::Warning,
    "A PYTHONPATH entry names a folder that does not exist in the stage."};

void check(RuleContext &ctx, const Stage &stage) {
  if (!isRuntimeStage(ctx.model, stage)) return;
  const Variable *pythonPath = stage.variable("PYTHONPATH");
  const KeyValue *pair = pythonPath ? pythonPath->pairIn(ctx.file) : nullptr;
  if (!pair || !pair->value || !pythonPath->known ||
      pythonPath->origin.stage != stage.index)
    return;
  const std::string &value = pythonPath->value;
  for (size_t start = 0; start <= value.size();) {
    size_t colon = value.find(':', start);
    if (colon == std::string::npos) colon = value.size();
    std::string entry = value.substr(start, colon - start);
    start = colon + 1;
    if (entry.empty()) continue;
    std::string path = joinPath(stage.workdir, entry);
    if (stage.fs.exists(path) != Existence::Absent) continue;
    ctx.report(kInfo, pair->value->range,
               fmt::format("PYTHONPATH entry {} does not exist in this "
                           "stage; nothing copies or creates it.",
                           path));
  }
}

}  // namespace

const Rule kPythonPathEntryMissing{kInfo, nullptr, check};

}  // namespace dockpath::rules
