// ENV, LABEL and ARG items, after BuildKit's parseNameVal and
// parseNameOrNameVal (frontend/dockerfile/parser/line_parsers.go).
#include "dockpath/syntax/parse_detail.h"

namespace dockpath::detail {
namespace {

// "k=v" at argText offsets [from, to): key before the first '=', value
// after it (possibly empty).
KeyValue splitAssignment(const ArgumentContext &context, size_t from,
                         size_t to) {
  std::string_view raw = context.text().substr(from, to - from);
  size_t equals = from + raw.find('=');
  KeyValue pair;
  pair.key = context.word(from, equals);
  pair.value = context.word(equals + 1, to);
  pair.range = context.range(from, to);
  return pair;
}

KeyValue bareName(const ArgumentContext &context, size_t from, size_t to) {
  KeyValue pair;
  pair.key = context.word(from, to);
  pair.range = pair.key.range;
  return pair;
}

void checkName(const ArgumentContext &context, const KeyValue &pair) {
  if (!pair.key.text.empty()) return;
  std::string keyword(keywordOf(context.instruction.kind));
  context.error(pair.range, keyword + " has an empty name before '=': write " +
                                "NAME=value");
}

// The legacy form "ENV key value": the key is the first word and the value
// is the rest of the line as written, spaces included.
void parseLegacyPair(const ArgumentContext &context) {
  std::vector<WordSpan> parts = splitWhitespace(context.text());
  std::string keyword(keywordOf(context.instruction.kind));
  KeyValue pair = bareName(context, parts[0].begin, parts[0].end);
  pair.legacyForm = true;
  if (parts.size() < 2) {
    context.error(pair.range, keyword + " " + pair.key.text +
                                  " is missing a value: write " + keyword +
                                  " " + pair.key.text + "=value");
  } else {
    size_t end = context.text().size();
    pair.value = context.word(parts[1].begin, end);
    pair.range = context.range(parts[0].begin, end);
  }
  context.instruction.pairs.push_back(std::move(pair));
}

}  // namespace

void parseKeyValues(const ArgumentContext &context) {
  std::string keyword(keywordOf(context.instruction.kind));
  std::vector<WordSpan> words = splitWords(context.text(), context.escape);
  if (words.empty()) {
    context.error(context.instruction.keywordRange,
                  keyword + " requires at least one argument, as in " +
                      keyword + " NAME=value");
    return;
  }
  std::string_view text = context.text();
  auto hasEquals = [&](WordSpan w) {
    return text.substr(w.begin, w.end - w.begin).find('=') !=
           std::string_view::npos;
  };
  // BuildKit picks the form from the first word: without '=' it is the
  // legacy "key value" form.
  if (!hasEquals(words[0])) {
    parseLegacyPair(context);
    return;
  }
  for (WordSpan w : words) {
    if (!hasEquals(w)) {
      KeyValue pair = bareName(context, w.begin, w.end);
      context.error(pair.range, "missing '=' in '" + pair.key.text + "': " +
                                    keyword + " items must be NAME=value");
      context.instruction.pairs.push_back(std::move(pair));
      continue;
    }
    KeyValue pair = splitAssignment(context, w.begin, w.end);
    checkName(context, pair);
    context.instruction.pairs.push_back(std::move(pair));
  }
}

void parseArgItems(const ArgumentContext &context) {
  std::vector<WordSpan> words = splitWords(context.text(), context.escape);
  if (words.empty()) {
    context.error(context.instruction.keywordRange,
                  "ARG requires at least one argument, as in ARG NAME or "
                  "ARG NAME=default");
    return;
  }
  std::string_view text = context.text();
  for (WordSpan w : words) {
    bool assignment = text.substr(w.begin, w.end - w.begin).find('=') !=
                      std::string_view::npos;
    KeyValue pair = assignment ? splitAssignment(context, w.begin, w.end)
                               : bareName(context, w.begin, w.end);
    checkName(context, pair);
    context.instruction.pairs.push_back(std::move(pair));
  }
}

}  // namespace dockpath::detail
