// Tests of the Python import scanner, the stdlib module lists and the
// requirements parser.
#include <dockpath/python/imports.h>
#include <dockpath/python/requirements.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace dockpath;

namespace {

// Reads a file of the path-fault cases ($DOCKPATH_CASES_DIR, or the
// project's tests/cases); the cases are only read.
std::string readCaseFile(const std::string &relative) {
  std::filesystem::path folder =
      std::getenv("DOCKPATH_CASES_DIR")
          ? std::filesystem::path(std::getenv("DOCKPATH_CASES_DIR"))
          : std::filesystem::path(DOCKPATH_SOURCE_DIR) / "tests" / "cases";
  std::ifstream in(folder / relative, std::ios::binary);
  REQUIRE_MESSAGE(in.good(),
                  "case file not found: " << (folder / relative).string()
                                          << " (set DOCKPATH_CASES_DIR)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> modulesOf(const std::vector<PythonImport> &imports) {
  std::vector<std::string> modules;
  for (const PythonImport &item : imports) modules.push_back(item.module);
  return modules;
}

}  // namespace

TEST_CASE("scanImports reads the S01 main module") {
  std::vector<PythonImport> imports = scanImports(
      readCaseFile("S01-block-manager-packages-not-on-path/api/app/main.py"));
  REQUIRE(imports.size() == 3);
  CHECK(imports[0].module == "uvicorn");
  CHECK(imports[0].line == 0);
  CHECK(imports[0].column == 7);
  CHECK_FALSE(imports[0].guarded);
  CHECK(imports[1].module == "fastapi");
  CHECK(imports[1].names == std::vector<std::string>{"FastAPI"});
  CHECK(imports[2].module == "api.app.config");
  CHECK(imports[2].names == std::vector<std::string>{"get_settings"});
  CHECK(imports[2].line == 3);
  CHECK(imports[2].column == 5);
}

TEST_CASE("scanImports import lists and aliases") {
  std::vector<PythonImport> imports =
      scanImports("import a.b as c, d\nimport os.path\n");
  CHECK(modulesOf(imports) == std::vector<std::string>{"a.b", "d", "os.path"});
  CHECK(imports[1].column == 17);
  CHECK(imports[2].line == 1);
}

TEST_CASE("scanImports parenthesised and continued from") {
  std::vector<PythonImport> imports = scanImports(
      "from a.b import (x,\n"
      "    y as z,  # comment\n"
      "    w)\n"
      "from c import \\\n"
      "    d\n"
      "from e import *\n");
  REQUIRE(imports.size() == 3);
  CHECK(imports[0].names == std::vector<std::string>{"x", "y", "w"});
  CHECK(imports[1].module == "c");
  CHECK(imports[1].names == std::vector<std::string>{"d"});
  CHECK(imports[1].line == 3);
  CHECK(imports[2].names == std::vector<std::string>{"*"});
}

TEST_CASE("scanImports relative imports") {
  std::vector<PythonImport> imports = scanImports(
      "from . import x\nfrom ..pkg.mod import y\nfrom ... import z\n");
  REQUIRE(imports.size() == 3);
  CHECK(imports[0].module == "");
  CHECK(imports[0].level == 1);
  CHECK(imports[0].names == std::vector<std::string>{"x"});
  CHECK(imports[1].module == "pkg.mod");
  CHECK(imports[1].level == 2);
  CHECK(imports[2].level == 3);
}

TEST_CASE("scanImports skips strings and comments") {
  std::vector<PythonImport> imports = scanImports(
      "\"\"\"Docstring.\n"
      "import fake_one\n"
      "\"\"\"\n"
      "# import fake_two\n"
      "text = 'import fake_three'\n"
      "raw = r'\\' import fake_four'\n"
      "more = f\"\"\"{x}\n"
      "from fake_five import y\"\"\"\n"
      "import real\n");
  CHECK(modulesOf(imports) == std::vector<std::string>{"real"});
  REQUIRE(imports.size() == 1);
  CHECK(imports[0].line == 8);
}

TEST_CASE("scanImports marks guarded imports") {
  std::vector<PythonImport> imports = scanImports(
      "import top\n"
      "try:\n"
      "    import ujson as json\n"
      "except ImportError:\n"
      "    import json\n"
      "if TYPE_CHECKING:\n"
      "    from typing import Any\n"
      "def f():\n"
      "    import inner\n"
      "class C:\n"
      "    import in_class\n"
      "for x in y:\n"
      "    import in_loop\n"
      "try: import inline\n"
      "except ImportError: pass\n"
      "import after\n");
  REQUIRE(imports.size() == 9);
  CHECK_FALSE(imports[0].guarded);
  CHECK(imports[1].guarded);
  CHECK(imports[2].guarded);
  CHECK(imports[3].guarded);
  CHECK(imports[4].guarded);
  CHECK(imports[5].guarded);
  CHECK_FALSE(imports[6].guarded);
  CHECK(imports[7].module == "inline");
  CHECK(imports[7].guarded);
  CHECK(imports[8].module == "after");
  CHECK_FALSE(imports[8].guarded);
}

TEST_CASE("scanImports nested blocks end by indentation") {
  std::vector<PythonImport> imports = scanImports(
      "if a:\n"
      "    if b:\n"
      "\n"
      "        import deep\n"
      "    import mid\n"
      "import top; import also_top\n");
  REQUIRE(imports.size() == 4);
  CHECK(imports[0].guarded);
  CHECK(imports[1].guarded);
  CHECK_FALSE(imports[2].guarded);
  CHECK(imports[3].module == "also_top");
  CHECK_FALSE(imports[3].guarded);
}

TEST_CASE("scanImports survives invalid and binary input") {
  std::string binary("\x00\xff\xfe import \x80\x81\n\x00\"\"\"", 18);
  CHECK_NOTHROW(scanImports(binary));
  CHECK(scanImports("import caf\xc3\xa9\n")[0].module == "caf\xc3\xa9");
  CHECK(scanImports("import \xff\xfe\n")[0].module == "\xff\xfe");
  CHECK(scanImports("'''never closed\nimport x\n").empty());
  CHECK(scanImports("import").empty());
  CHECK(scanImports("from import x").empty());
  CHECK(scanImports("from (\n").empty());
  CHECK(scanImports("").empty());
}

TEST_CASE("scanImports on the cases' Python files") {
  std::vector<PythonImport> c13 = scanImports(
      readCaseFile("C13-uvicorn-module-vs-copy-layout/api/app/main.py"));
  CHECK_FALSE(c13.empty());
  std::vector<PythonImport> c04 = scanImports(
      readCaseFile("C04-python-entrypoint-shellform-cmd/svc/__main__.py"));
  for (const PythonImport &item : c04) CHECK(item.line < 1000);
}

TEST_CASE("isStandardModule per Python version") {
  CHECK(isStandardModule("os", "3.11"));
  CHECK(isStandardModule("json", "3.9"));
  CHECK_FALSE(isStandardModule("yaml", "3.11"));
  CHECK_FALSE(isStandardModule("fastapi", "3.12"));
  CHECK(isStandardModule("distutils", "3.11"));
  CHECK_FALSE(isStandardModule("distutils", "3.12"));
  CHECK_FALSE(isStandardModule("imp", "3.12"));
  CHECK(isStandardModule("cgi", "3.12"));
  CHECK_FALSE(isStandardModule("cgi", "3.13"));
  CHECK_FALSE(isStandardModule("lib2to3", "3.13"));
  CHECK(isStandardModule("tomllib", "3.11"));
  CHECK_FALSE(isStandardModule("tomllib", "3.10"));
  CHECK(isStandardModule("binhex", "3.10"));
  CHECK(isStandardModule("parser", "3.9"));
  CHECK_FALSE(isStandardModule("parser", "3.10"));
  CHECK(isStandardModule("annotationlib", "3.14"));
  CHECK_FALSE(isStandardModule("annotationlib", "3.13"));
  CHECK(isStandardModule("asyncore", "3.11.7"));
  // Unknown versions use the 3.11 list.
  CHECK(isStandardModule("distutils", "2.7"));
  CHECK(isStandardModule("tomllib", "3.20"));
}

TEST_CASE("parseRequirements reads the S01 file") {
  std::vector<std::string> includes;
  std::vector<Requirement> requirements = parseRequirements(
      readCaseFile("S01-block-manager-packages-not-on-path/requirements.txt"),
      &includes);
  REQUIRE(requirements.size() == 2);
  CHECK(requirements[0].distribution == "fastapi");
  CHECK(requirements[0].specifier == "==0.115.0");
  CHECK(requirements[1].distribution == "uvicorn");
  CHECK(requirements[1].line == 1);
  CHECK(includes.empty());
}

TEST_CASE("parseRequirements options markers extras urls") {
  std::vector<std::string> includes;
  std::vector<Requirement> requirements = parseRequirements(
      "# comment\n"
      "\n"
      "-r base.txt\n"
      "--requirement=dev.txt\n"
      "-rother.txt\n"
      "-c constraints.txt\n"
      "--index-url https://example.invalid/simple\n"
      "-e git+https://example.invalid/x.git#egg=x\n"
      "PyYAML==6.0.2 \\\n"
      "    --hash=sha256:abc\n"
      "uvicorn[standard, extra2]>=0.30 ; python_version >= '3.9'  # c\n"
      "mylib @ https://example.invalid/mylib-1.0.whl#sha256=00\n"
      "requests\\\n"
      ">=2\n"
      "./local/path\n"
      "https://example.invalid/bare.whl\n"
      "Django (>=4)\n",
      &includes);
  CHECK(includes ==
        std::vector<std::string>{"base.txt", "dev.txt", "other.txt"});
  REQUIRE(requirements.size() == 5);
  CHECK(requirements[0].distribution == "PyYAML");
  CHECK(requirements[0].line == 8);
  CHECK(requirements[0].specifier == "==6.0.2");
  CHECK(requirements[1].distribution == "uvicorn");
  CHECK(requirements[1].extras ==
        std::vector<std::string>{"standard", "extra2"});
  CHECK(requirements[1].specifier == ">=0.30");
  CHECK(requirements[1].marker == "python_version >= '3.9'");
  CHECK(requirements[2].distribution == "mylib");
  CHECK(requirements[2].url ==
        "https://example.invalid/mylib-1.0.whl#sha256=00");
  CHECK(requirements[3].distribution == "requests");
  CHECK(requirements[3].specifier == ">=2");
  CHECK(requirements[3].line == 12);
  CHECK(requirements[4].distribution == "Django");
}

TEST_CASE("importNamesOf maps distributions to modules") {
  using Names = std::vector<std::string>;
  CHECK(importNamesOf("PyYAML") == Names{"yaml"});
  CHECK(importNamesOf("Pillow") == Names{"PIL"});
  CHECK(importNamesOf("beautifulsoup4") == Names{"bs4"});
  CHECK(importNamesOf("scikit_learn") == Names{"sklearn"});
  CHECK(importNamesOf("python-dateutil") == Names{"dateutil"});
  CHECK(importNamesOf("opencv-python-headless") == Names{"cv2"});
  CHECK(importNamesOf("protobuf") == Names{"google"});
  CHECK(importNamesOf("psycopg2-binary") == Names{"psycopg2"});
  CHECK(importNamesOf("psycopg[binary]") == Names{"psycopg"});
  CHECK(importNamesOf("attrs") == Names{"attr", "attrs"});
  CHECK(importNamesOf("PyJWT") == Names{"jwt"});
  CHECK(importNamesOf("python-dotenv") == Names{"dotenv"});
  CHECK(importNamesOf("mysqlclient") == Names{"MySQLdb"});
  CHECK(importNamesOf("pyzmq") == Names{"zmq"});
  CHECK(importNamesOf("msgpack-python") == Names{"msgpack"});
  CHECK(importNamesOf("google-cloud-storage") == Names{"google"});
  CHECK(importNamesOf("Flask-SQLAlchemy") == Names{"flask_sqlalchemy"});
  CHECK(importNamesOf("typing.extensions") == Names{"typing_extensions"});
  CHECK(importNamesOf("fastapi") == Names{"fastapi"});
}

TEST_CASE("normaliseDistributionName follows PEP 503") {
  CHECK(normaliseDistributionName("Foo_Bar.baz") == "foo-bar-baz");
  CHECK(normaliseDistributionName("a--_.b") == "a-b");
  CHECK(normaliseDistributionName("PyYAML") == "pyyaml");
}

TEST_CASE("consoleScriptsOf known distributions") {
  using Names = std::vector<std::string>;
  CHECK(consoleScriptsOf("uvicorn[standard]") == Names{"uvicorn"});
  CHECK(consoleScriptsOf("Django") == Names{"django-admin"});
  CHECK(consoleScriptsOf("gunicorn") == Names{"gunicorn"});
  CHECK(consoleScriptsOf("pytest") == Names{"pytest", "py.test"});
  CHECK(consoleScriptsOf("fastapi").empty());
  CHECK(consoleScriptsOf("unknown-dist").empty());
}
