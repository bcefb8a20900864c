// Quick fixes: each diagnostic carries its fixes from analysis, so a
// code-action request only picks the ones the client asks for.
#include <algorithm>

#include "dockpath/features/features.h"

namespace dockpath {

namespace {

bool intersects(const Range &a, const Range &b) {
  return a.start <= b.end && b.start <= a.end;
}

}  // namespace

std::vector<CodeAction> collectCodeActions(
    const Analysis &analysis, Range range,
    const std::vector<std::string> &fingerprints) {
  std::vector<CodeAction> actions;
  for (size_t i = 0; i < analysis.diagnostics.size(); ++i) {
    const Diagnostic &d = analysis.diagnostics[i];
    if (d.fixes.empty()) continue;
    bool named = std::find(fingerprints.begin(), fingerprints.end(),
                           fingerprint(d)) != fingerprints.end();
    if (!named && !intersects(d.range, range)) continue;
    for (const Fix &fix : d.fixes) {
      CodeAction action;
      action.title = fix.title;
      action.preferred = fix.preferred;
      action.edits = fix.edits;
      action.diagnosticIndices = {i};
      actions.push_back(std::move(action));
    }
  }
  return actions;
}

}  // namespace dockpath
