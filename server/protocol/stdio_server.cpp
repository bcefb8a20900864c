#include "dockpath/protocol/stdio_server.h"

#include <unistd.h>

#include "dockpath/protocol/framing.h"
#include "dockpath/protocol/log.h"
#include "dockpath/protocol/transport.h"

namespace dockpath::protocol {
namespace {

// Handles every complete message in the framer; returns false on exit.
bool handleFramedInput(MessageFramer &framer, Dispatcher &dispatcher,
                       LspServer &server) {
  while (auto event = framer.next()) {
    if (event->kind == FrameEvent::Kind::Message) {
      dispatcher.handleMessage(event->body);
      server.afterMessage();
    } else {
      dispatcher.handleFramingError(*event);
    }
    if (dispatcher.exitRequested()) return false;
  }
  return true;
}

}  // namespace

int runStdioServer(const ServerOptions &options) {
  ignoreSigpipe();
  OutputWriter writer(STDOUT_FILENO);
  MessageSink sink = [&writer](const json &message) {
    std::string body = encodeMessage(message);
    log::debug("--> raw {}", body);
    writer.write(frameMessage(body));
  };
  Dispatcher dispatcher(sink);
  LspServer server(dispatcher, options);

  MessageFramer framer;
  readInput(STDIN_FILENO, [&](std::string_view chunk) {
    framer.feed(chunk);
    return handleFramedInput(framer, dispatcher, server);
  });

  if (!dispatcher.exitRequested()) {
    if (auto rest = framer.finish()) dispatcher.handleFramingError(*rest);
    // The client is gone, but work it sent before going still runs: a
    // session replayed from a file then still produces its output.
    server.drain();
    dispatcher.handleEndOfInput();
  } else if (dispatcher.shutdownReceived()) {
    // The shutdown reply waits behind the queued work; a client that sent
    // exit without waiting for it still gets it.
    server.drain();
  }
  // Nothing may be written after exit, not even the internal errors the
  // reply guard sends for dropped requests.
  writer.close();
  server.stop();
  return dispatcher.exitCode();
}

}  // namespace dockpath::protocol
