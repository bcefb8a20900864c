// A small POSIX shell reader for RUN commands: enough to find the simple
// commands and their words, not a shell. Anything it does not follow makes
// splitShellCommands return false, and the caller treats the RUN as
// writing anywhere.
#include "stage_builder.h"

namespace dockpath::model {

namespace {

struct ShellReader {
  std::string_view text;
  size_t i = 0;
  bool supported = true;
  std::vector<std::vector<std::string>> *commands;
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  size_t wordStart = 0;
  bool keepQuotes = false;

  void startWord() {
    if (!inWord) wordStart = i;
    inWord = true;
  }
  void endWord() {
    if (inWord)
      words.push_back(keepQuotes ? std::string(text.substr(wordStart,
                                                           i - wordStart))
                                 : std::move(word));
    word.clear();
    inWord = false;
  }
  void endCommand() {
    endWord();
    if (!words.empty()) commands->push_back(std::move(words));
    words.clear();
  }

  void readSingleQuoted() {
    size_t close = text.find('\'', i + 1);
    if (close == std::string_view::npos) close = text.size();
    word.append(text.substr(i + 1, close - i - 1));
    i = close + 1;
  }

  void readDoubleQuoted() {
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        word += text[++i];
      } else if (text[i] == '`' || (text[i] == '$' && i + 1 < text.size() &&
                                    text[i + 1] == '(')) {
        supported = false;
        word += text[i];
      } else {
        word += text[i];
      }
    }
    ++i;
  }

  // Operators that end a simple command; redirections become words.
  bool readOperator() {
    char c = text[i];
    if (c == ';' || c == '\n' || c == '&' || c == '|') {
      endCommand();
      ++i;
      if (i < text.size() && (text[i] == '&' || text[i] == '|')) ++i;
      return true;
    }
    if (c == '>' || c == '<') {
      endWord();
      std::string op(1, c);
      ++i;
      if (i < text.size() && (text[i] == '>' || text[i] == '&')) op += text[i++];
      words.push_back(op);
      return true;
    }
    return false;
  }

  void run() {
    while (i < text.size()) {
      char c = text[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        endWord();
        ++i;
      } else if (c == '#' && !inWord) {
        while (i < text.size() && text[i] != '\n') ++i;
      } else if (readOperator()) {
      } else if (c == '\'') {
        startWord();
        readSingleQuoted();
      } else if (c == '"') {
        startWord();
        readDoubleQuoted();
      } else if (c == '\\' && i + 1 < text.size()) {
        startWord();
        if (text[i + 1] != '\n') word += text[i + 1];
        i += 2;
      } else {
        if (c == '`' || c == '(' || c == ')' || c == '{' || c == '}' ||
            (c == '$' && i + 1 < text.size() && text[i + 1] == '('))
          supported = false;
        startWord();
        word += c;
        ++i;
      }
    }
    endCommand();
  }
};

bool isControlKeyword(const std::string &word) {
  static const char *const kKeywords[] = {
      "if", "then", "else", "elif", "fi", "for", "while", "until",
      "do", "done", "case", "esac", "function", "select", "!"};
  for (const char *k : kKeywords)
    if (word == k) return true;
  return false;
}

}  // namespace

bool splitShellCommands(std::string_view text,
                        std::vector<std::vector<std::string>> &commands,
                        bool keepQuotes) {
  ShellReader reader{text, 0, true, &commands, {}, {}, false, 0, keepQuotes};
  reader.run();
  for (const auto &command : commands)
    if (isControlKeyword(command.front())) reader.supported = false;
  return reader.supported;
}

}  // namespace dockpath::model
