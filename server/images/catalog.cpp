// Image reference parsing and the lookup index over the catalog data. The
// data itself is built in catalog_distroless.cpp and catalog_docker_hub.cpp.
#include <dockpath/images/catalog.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace dockpath {

// Defined in the catalog data files; each appends its images.
void addDistrolessImages(std::vector<ImageFacts> &images);
void addDockerHubImages(std::vector<ImageFacts> &images);

namespace {

bool isRegistryHost(std::string_view component) {
  // A first path component is a registry host when it looks like a host
  // name: it has a '.' or a ':' (port), or is "localhost". This is the rule
  // of the distribution/reference package that Docker uses.
  return component.find_first_of(".:") != std::string_view::npos ||
         component == "localhost";
}

bool isDockerHub(std::string_view host) {
  return host == "docker.io" || host == "index.docker.io" ||
         host == "registry-1.docker.io";
}

bool isValidTag(std::string_view tag) {
  // Docker tags: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
  if (tag.empty() || tag.size() > 128 || tag.front() == '.' ||
      tag.front() == '-') {
    return false;
  }
  return std::all_of(tag.begin(), tag.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '.' || c == '-';
  });
}

bool isValidName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
           c == '.' || c == '-' || c == '/';
  });
}

// Splits "name[:tag]" at the last ':' after the last '/', so that a port in
// the registry ("localhost:5000/app") is not taken for a tag.
void splitTag(std::string_view rest, std::string_view *name,
              std::string_view *tag) {
  size_t slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  bool hasTag = colon != std::string_view::npos &&
                (slash == std::string_view::npos || colon > slash);
  *name = hasTag ? rest.substr(0, colon) : rest;
  *tag = hasTag ? rest.substr(colon + 1) : std::string_view{};
}

std::string indexKey(std::string_view name, std::string_view tag) {
  std::string key(name);
  key += ':';
  key += tag;
  return key;
}

struct Catalog {
  std::vector<ImageFacts> images;
  std::unordered_map<std::string, size_t> byNameAndTag;
};

const Catalog &catalog() {
  static const Catalog instance = [] {
    Catalog built;
    addDistrolessImages(built.images);
    addDockerHubImages(built.images);
    for (size_t i = 0; i < built.images.size(); ++i) {
      const ImageFacts &facts = built.images[i];
      built.byNameAndTag.emplace(indexKey(facts.name, facts.tag), i);
      for (const std::string &alias : facts.tagAliases) {
        built.byNameAndTag.emplace(indexKey(facts.name, alias), i);
      }
    }
    return built;
  }();
  return instance;
}

// Maps a python patch tag that names its variant ("3.12.4-slim-bookworm",
// "3.11.9-alpine3.21") to the minor tag ("3.12-slim-bookworm"), because the
// paths the catalog records depend on the minor version and the variant
// only. A patch tag without a Debian or Alpine name ("3.12.4-slim") is left
// alone: which Debian it was built on depends on its release date.
std::optional<std::string> minorPythonTag(std::string_view tag) {
  size_t firstDot = tag.find('.');
  if (firstDot == std::string_view::npos) return std::nullopt;
  size_t secondDot = tag.find('.', firstDot + 1);
  if (secondDot == std::string_view::npos) return std::nullopt;
  size_t end = secondDot + 1;
  while (end < tag.size() && std::isdigit(static_cast<unsigned char>(tag[end])))
    ++end;
  if (end == secondDot + 1) return std::nullopt;
  std::string_view suffix = tag.substr(end);
  bool namesVariant = suffix.find("bookworm") != std::string_view::npos ||
                      suffix.find("trixie") != std::string_view::npos ||
                      suffix.find("bullseye") != std::string_view::npos ||
                      suffix.find("alpine3.") != std::string_view::npos;
  if (!namesVariant || suffix.front() != '-') return std::nullopt;
  return std::string(tag.substr(0, secondDot)) + std::string(suffix);
}

}  // namespace

std::optional<ImageReference> parseImageReference(std::string_view reference) {
  if (reference.empty() || reference.find('$') != std::string_view::npos) {
    return std::nullopt;
  }
  ImageReference parsed;
  size_t at = reference.find('@');
  if (at != std::string_view::npos) {
    parsed.digest = std::string(reference.substr(at + 1));
    reference = reference.substr(0, at);
    if (parsed.digest.find(':') == std::string::npos) return std::nullopt;
  }

  std::string_view rest = reference;
  size_t firstSlash = rest.find('/');
  if (firstSlash != std::string_view::npos &&
      isRegistryHost(rest.substr(0, firstSlash))) {
    std::string host(rest.substr(0, firstSlash));
    std::transform(host.begin(), host.end(), host.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    if (!isDockerHub(host)) parsed.registry = host;
    rest = rest.substr(firstSlash + 1);
  }

  std::string_view name;
  std::string_view tag;
  splitTag(rest, &name, &tag);
  if (!isValidName(name)) return std::nullopt;
  if (rest.size() != name.size() && !isValidTag(tag)) return std::nullopt;

  if (parsed.registry.empty()) {
    constexpr std::string_view kLibrary = "library/";
    if (name.substr(0, kLibrary.size()) == kLibrary) {
      name.remove_prefix(kLibrary.size());
    }
    parsed.name = std::string(name);
  } else {
    parsed.name = parsed.registry + "/" + std::string(name);
  }
  parsed.tag = tag.empty() ? "latest" : std::string(tag);
  return parsed;
}

const ImageFacts *lookupImage(std::string_view reference) {
  std::optional<ImageReference> parsed = parseImageReference(reference);
  if (!parsed) return nullptr;
  const Catalog &data = catalog();
  auto found = data.byNameAndTag.find(indexKey(parsed->name, parsed->tag));
  if (found == data.byNameAndTag.end() && parsed->name == "python") {
    if (std::optional<std::string> minor = minorPythonTag(parsed->tag)) {
      found = data.byNameAndTag.find(indexKey(parsed->name, *minor));
    }
  }
  if (found == data.byNameAndTag.end()) return nullptr;
  return &data.images[found->second];
}

const std::vector<ImageFacts> &allImages() { return catalog().images; }

}  // namespace dockpath
