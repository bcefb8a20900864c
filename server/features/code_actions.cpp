// Quick fixes: each diagnostic carries its fixes from analysis, so a
// code-action request only picks the ones the client asks for.
#include <algorithm>

#include "dockpath/features/features.h"

namespace dockpath {

namespace {

bool intersects(const Range &a, const Range &b) {
  return a.start <= b.end && b.start <= a.end;
}

// A path rule models what the instruction does at run time, and a
// BuildKit check only how it is written, so its fix goes first.
int priority(const Diagnostic &d) {
  return d.code.size() > 2 && d.code.compare(0, 2, "DP") == 0 ? 1 : 0;
}

// Editors apply a preferred fix without asking, so two preferred fixes of
// diagnostics on the same text must not both stand: their edits conflict,
// as the exec-form fixes of DP003 and JSONArgsRecommended on one CMD do.
// The fix of the rule with the higher priority stays preferred, or the
// first one between equals.
void keepOnePreferred(const Analysis &analysis,
                      std::vector<CodeAction> &actions) {
  for (size_t i = 0; i < actions.size(); ++i) {
    if (!actions[i].preferred) continue;
    const Diagnostic &a = analysis.diagnostics[actions[i].diagnosticIndices[0]];
    for (size_t j = i + 1; j < actions.size() && actions[i].preferred; ++j) {
      if (!actions[j].preferred) continue;
      const Diagnostic &b =
          analysis.diagnostics[actions[j].diagnosticIndices[0]];
      if (&a == &b || !intersects(a.range, b.range)) continue;
      if (priority(b) > priority(a))
        actions[i].preferred = false;
      else
        actions[j].preferred = false;
    }
  }
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
  keepOnePreferred(analysis, actions);
  return actions;
}

}  // namespace dockpath
