#include "dockpath/engine/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "dockpath/context/build_context.h"
#include "dockpath/features/features.h"
#include "dockpath/model/build_model.h"
#include "dockpath/rules/rule.h"
#include "dockpath/syntax/parser.h"

namespace dockpath {

namespace {

// The model and build context that features need besides the parse.
struct DocumentModel {
  BuildModel model;
  const BuildContext *context = nullptr;
};

// A file with thousands of faults (generated, or not a Dockerfile at all)
// would make every publish slow. The first ones are enough to act on.
constexpr size_t kMaxDiagnostics = 1000;

void limitDiagnostics(std::vector<Diagnostic> &diagnostics) {
  if (diagnostics.size() <= kMaxDiagnostics) return;
  size_t dropped = diagnostics.size() - kMaxDiagnostics;
  diagnostics.resize(kMaxDiagnostics);
  diagnostics.push_back(
      {diagnostics.back().range, Severity::Information, "limit",
       fmt::format("{} more diagnostics are not shown; fix the ones above "
                   "first.",
                   dropped)});
}

const DocumentModel *modelOf(const Document &document) {
  return static_cast<const DocumentModel *>(document.model());
}

}  // namespace

Document::Document(std::string path, std::string_view text, int64_t version)
    : path_(std::move(path)), version_(version), text_(text), syntax_(text_) {}

void Document::applyChange(std::optional<Range> range, std::string_view text) {
  LineEdit edit = range ? text_.replace(*range, text) : text_.replaceAll(text);
  syntax_.update(text_, edit);
  stale_ = true;
}

Engine::Engine() : contexts_(std::make_unique<BuildContextCache>()) {}
Engine::~Engine() = default;

Document &Engine::open(const std::string &key, std::string path,
                       std::string_view text, int64_t version) {
  auto document = std::make_unique<Document>(std::move(path), text, version);
  Document &ref = *document;
  documents_[key] = std::move(document);
  return ref;
}

Document *Engine::find(const std::string &key) {
  auto it = documents_.find(key);
  return it == documents_.end() ? nullptr : it->second.get();
}

void Engine::close(const std::string &key) { documents_.erase(key); }

void Engine::invalidateBuildContexts() {
  contexts_->clear();
  configs_.clear();
  for (auto &[key, document] : documents_) {
    document->stale_ = true;
    document->model_.reset();  // its stages read the old contexts
  }
}

void Engine::setClientSettings(Settings settings) {
  clientSettings_ = std::move(settings);
  for (auto &[key, document] : documents_) document->stale_ = true;
}

const ConfigFile &Engine::configFor(const std::string &folder) {
  auto it = configs_.find(folder);
  if (it == configs_.end())
    it = configs_.emplace(folder, findConfigFile(folder)).first;
  return it->second;
}

const Analysis *Engine::analyze(Document &document,
                                const SupersededCheck &superseded) {
  if (!document.stale_ && document.analysis_) return document.analysis_.get();
  const BuildContext *context = nullptr;
  const ConfigFile *config = nullptr;
  if (!document.path().empty()) {
    std::string root =
        std::filesystem::path(document.path()).parent_path().string();
    if (root.empty()) root = ".";
    context = &contexts_->get(root);
    config = &configFor(root);
  }
  const ParsedFile &file = document.syntax().file();
  // The previous model gives up the stages an edit did not touch. It is
  // only read by this thread, and replaced below.
  auto previous = std::const_pointer_cast<DocumentModel>(
      std::static_pointer_cast<const DocumentModel>(document.model_));
  auto state = std::make_shared<DocumentModel>();
  bool sameContext = previous && previous->context == context;
  // The changes since the previous model was built; taken on every
  // analysis so that they always describe the step from the last model.
  InstructionChanges changes = document.syntax_.takeChanges();
  state->model =
      buildModel(file, context, sameContext ? &previous->model : nullptr,
                 sameContext ? &changes : nullptr);
  state->context = context;
  document.model_ = state;  // the previous one's stages were moved out
  if (superseded && superseded()) return nullptr;

  auto analysis = std::make_shared<Analysis>();
  analysis->version = document.version();
  analysis->diagnostics = file.errors;
  std::vector<Diagnostic> structure = structureErrors(file);
  std::move(structure.begin(), structure.end(),
            std::back_inserter(analysis->diagnostics));
  auto found = runRules(file, document.text(), state->model, context);
  std::move(found.begin(), found.end(),
            std::back_inserter(analysis->diagnostics));
  Settings settings = clientSettings_;
  if (config) settings.merge(config->settings);
  applySettings(file, settings, analysis->diagnostics);
  if (config)
    for (const auto &error : config->errors)
      analysis->diagnostics.push_back(
          {{{0, 0}, {0, 0}}, Severity::Warning, "config", error});
  std::stable_sort(analysis->diagnostics.begin(), analysis->diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.start < b.range.start;
                   });
  limitDiagnostics(analysis->diagnostics);
  if (superseded && superseded()) return nullptr;

  document.analysis_ = analysis;
  document.stale_ = false;
  return document.analysis_.get();
}

std::optional<HoverInfo> Engine::hover(Document &document, Position position) {
  if (!analyze(document)) return std::nullopt;
  const DocumentModel *state = modelOf(document);
  return computeHover(document.syntax().file(), state->model, state->context,
                      document.text().clamp(position));
}

CompletionList Engine::completion(Document &document, Position position) {
  if (!analyze(document)) return {};
  const DocumentModel *state = modelOf(document);
  return computeCompletion(document.syntax().file(), document.text(),
                           state->model, state->context,
                           document.text().clamp(position));
}

std::vector<CodeAction> Engine::codeActions(
    Document &document, Range range,
    const std::vector<std::string> &fingerprints) {
  const Analysis *analysis = analyze(document);
  if (!analysis) return {};
  return collectCodeActions(*analysis, range, fingerprints);
}

std::vector<DocumentSymbol> Engine::documentSymbols(const Document &document) {
  return computeDocumentSymbols(document.syntax().file());
}

std::vector<FoldingRange> Engine::foldingRanges(const Document &document) {
  return computeFoldingRanges(document.syntax().file());
}

std::optional<Definition> Engine::definition(Document &document,
                                             Position position) {
  if (!analyze(document)) return std::nullopt;
  return findDefinition(document.text(), document.syntax().file(),
                        modelOf(document)->model,
                        document.text().clamp(position));
}

std::vector<SymbolReference> Engine::references(Document &document,
                                                Position position,
                                                bool includeDeclaration) {
  if (!analyze(document)) return {};
  return findSymbolReferences(
      document.text(), document.syntax().file(), modelOf(document)->model,
      document.text().clamp(position), includeDeclaration);
}

std::optional<RenameOutcome> Engine::prepareRename(Document &document,
                                                   Position position) {
  if (!analyze(document)) return std::nullopt;
  return dockpath::prepareRename(document.text(), document.syntax().file(),
                                 modelOf(document)->model,
                                 document.text().clamp(position));
}

std::optional<RenameOutcome> Engine::rename(Document &document,
                                            Position position,
                                            const std::string &newName) {
  if (!analyze(document)) return std::nullopt;
  return computeRename(document.text(), document.syntax().file(),
                       modelOf(document)->model,
                       document.text().clamp(position), newName);
}

}  // namespace dockpath
