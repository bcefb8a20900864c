// The queue of work for the analysis thread, which alone touches the
// Engine and its Documents.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace dockpath::protocol {

// Runs items in the order they were pushed. Threaded, one worker thread
// runs them as they come. Inline (the server's test mode), nothing runs
// until runPending() is called, on the caller's thread, which makes the
// order of output deterministic.
class WorkQueue {
 public:
  enum class Mode { Threaded, Inline };

  explicit WorkQueue(Mode mode);
  ~WorkQueue();
  WorkQueue(const WorkQueue &) = delete;
  WorkQueue &operator=(const WorkQueue &) = delete;

  void push(std::function<void()> item);

  // Inline mode: runs every queued item, including items they push.
  void runPending();

  // Returns once every queued item has run: inline mode runs them here,
  // threaded mode waits for the worker.
  void drain();

  // Lets the running item finish, drops the rest and joins the worker.
  // Dropped items are destroyed, so their pending replies get the
  // InternalError of the reply guard (or nothing once output is closed).
  void stop();

 private:
  void workerLoop();
  static void runItem(const std::function<void()> &item);

  Mode mode_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool busy_ = false;  // the worker is running an item
  std::deque<std::function<void()>> items_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace dockpath::protocol
