// Tables of top-level import names and console scripts for common
// distributions whose names differ from what they install. This file is
// mostly a table, keyed by the PEP 503 normal form of the name.
//
// Sources: each project's packaging metadata as published (top_level.txt
// or the wheel's RECORD for import names, the console_scripts entry points
// for scripts).
// NOTE: the rows come from those projects' documentation and metadata as
// known at the time of writing, not from a measurement here; newer
// releases can add or rename modules and scripts.
#include <dockpath/python/requirements.h>

#include <map>
#include <string>

namespace dockpath {

namespace {

using NameTable = std::map<std::string, std::vector<std::string>, std::less<>>;

const NameTable &importTable() {
  static const NameTable table = {
      {"attrs", {"attr", "attrs"}},
      {"beautifulsoup4", {"bs4"}},
      {"discord-py", {"discord"}},
      {"django-cors-headers", {"corsheaders"}},
      {"djangorestframework", {"rest_framework"}},
      {"dnspython", {"dns"}},
      {"faiss-cpu", {"faiss"}},
      {"google-api-python-client", {"googleapiclient"}},
      {"grpcio", {"grpc"}},
      {"kafka-python", {"kafka"}},
      {"msgpack-python", {"msgpack"}},
      {"mysqlclient", {"MySQLdb"}},
      {"opencv-contrib-python", {"cv2"}},
      {"opencv-contrib-python-headless", {"cv2"}},
      {"opencv-python", {"cv2"}},
      {"opencv-python-headless", {"cv2"}},
      {"opensearch-py", {"opensearchpy"}},
      {"paho-mqtt", {"paho"}},
      {"pillow", {"PIL"}},
      {"protobuf", {"google"}},
      {"psycopg", {"psycopg"}},
      {"psycopg-binary", {"psycopg_binary"}},
      {"psycopg2-binary", {"psycopg2"}},
      {"pycryptodome", {"Crypto"}},
      {"pycryptodomex", {"Cryptodome"}},
      {"pyinstaller", {"PyInstaller"}},
      {"pyjwt", {"jwt"}},
      {"pymongo", {"pymongo", "bson", "gridfs"}},
      {"pymysql", {"pymysql"}},
      {"pyopenssl", {"OpenSSL"}},
      {"pyserial", {"serial"}},
      {"pytest", {"pytest", "_pytest"}},
      {"python-dateutil", {"dateutil"}},
      {"python-dotenv", {"dotenv"}},
      {"python-engineio", {"engineio"}},
      {"python-jose", {"jose"}},
      {"python-ldap", {"ldap"}},
      {"python-magic", {"magic"}},
      // Releases from 0.0.13 install python_multipart and keep multipart
      // as a compatibility name.
      {"python-multipart", {"multipart", "python_multipart"}},
      {"python-slugify", {"slugify"}},
      {"python-socketio", {"socketio"}},
      {"pyusb", {"usb"}},
      {"pyyaml", {"yaml"}},
      {"pyzmq", {"zmq"}},
      {"ruamel-yaml", {"ruamel"}},
      {"scikit-image", {"skimage"}},
      {"scikit-learn", {"sklearn"}},
      {"setuptools", {"setuptools", "pkg_resources", "_distutils_hack"}},
      {"tensorflow-cpu", {"tensorflow"}},
      {"websocket-client", {"websocket"}},
  };
  return table;
}

const NameTable &scriptTable() {
  static const NameTable table = {
      {"alembic", {"alembic"}},
      {"ansible-core", {"ansible", "ansible-playbook", "ansible-galaxy"}},
      {"awscli", {"aws"}},
      {"black", {"black", "blackd"}},
      {"celery", {"celery"}},
      {"coverage", {"coverage"}},
      {"daphne", {"daphne"}},
      {"django", {"django-admin"}},
      {"flake8", {"flake8"}},
      {"flask", {"flask"}},
      {"gunicorn", {"gunicorn"}},
      {"httpie", {"http", "https"}},
      {"hypercorn", {"hypercorn"}},
      {"isort", {"isort"}},
      {"jupyter-core", {"jupyter"}},
      {"jupyterlab", {"jupyter-lab"}},
      {"locust", {"locust"}},
      {"mypy", {"mypy", "dmypy", "stubgen", "stubtest"}},
      {"notebook", {"jupyter-notebook"}},
      {"pip", {"pip", "pip3"}},
      {"poetry", {"poetry"}},
      {"pre-commit", {"pre-commit"}},
      {"pylint", {"pylint", "pyreverse", "symilar"}},
      {"pytest", {"pytest", "py.test"}},
      {"ruff", {"ruff"}},
      {"scrapy", {"scrapy"}},
      {"streamlit", {"streamlit"}},
      {"supervisor", {"supervisord", "supervisorctl"}},
      {"tox", {"tox"}},
      {"uvicorn", {"uvicorn"}},
      {"waitress", {"waitress-serve"}},
  };
  return table;
}

// The distribution name without extras: "psycopg[binary]" -> "psycopg".
std::string_view withoutExtras(std::string_view distribution) {
  return distribution.substr(0, distribution.find('['));
}

}  // namespace

std::vector<std::string> importNamesOf(std::string_view distribution) {
  std::string normal = normaliseDistributionName(withoutExtras(distribution));
  auto found = importTable().find(normal);
  if (found != importTable().end()) return found->second;
  // The google-cloud-* and azure-* families install namespace packages.
  if (normal.rfind("google-cloud-", 0) == 0) return {"google"};
  if (normal.rfind("azure-", 0) == 0) return {"azure"};
  std::string module = normal;
  for (char &c : module) {
    if (c == '-') c = '_';
  }
  return {module};
}

std::vector<std::string> consoleScriptsOf(std::string_view distribution) {
  std::string normal = normaliseDistributionName(withoutExtras(distribution));
  auto found = scriptTable().find(normal);
  if (found == scriptTable().end()) return {};
  return found->second;
}

}  // namespace dockpath
