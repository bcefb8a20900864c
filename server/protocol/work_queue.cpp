#include "dockpath/protocol/work_queue.h"

#include <exception>

#include "dockpath/protocol/log.h"

namespace dockpath::protocol {

WorkQueue::WorkQueue(Mode mode) : mode_(mode) {
  if (mode_ == Mode::Threaded) worker_ = std::thread([this] { workerLoop(); });
}

WorkQueue::~WorkQueue() { stop(); }

void WorkQueue::push(std::function<void()> item) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    items_.push_back(std::move(item));
  }
  wake_.notify_one();
}

void WorkQueue::runPending() {
  for (;;) {
    std::function<void()> item;
    {
      std::lock_guard lock(mutex_);
      if (items_.empty() || stopping_) return;
      item = std::move(items_.front());
      items_.pop_front();
    }
    runItem(item);
  }
}

void WorkQueue::drain() {
  if (mode_ == Mode::Inline) return runPending();
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return stopping_ || (items_.empty() && !busy_); });
}

void WorkQueue::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(items_);
  }
  wake_.notify_all();
  idle_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (!dropped.empty())
    log::verbose("dropped {} queued work items at exit", dropped.size());
}

void WorkQueue::workerLoop() {
  for (;;) {
    std::function<void()> item;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !items_.empty(); });
      if (stopping_) break;
      item = std::move(items_.front());
      items_.pop_front();
      busy_ = true;
    }
    runItem(item);
    item = nullptr;  // destroy captured replies before reporting idle
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    idle_.notify_all();
  }
  idle_.notify_all();
}

// An item that throws must not end the analysis thread.
void WorkQueue::runItem(const std::function<void()> &item) {
  try {
    item();
  } catch (const std::exception &e) {
    log::error("work item failed: {}", e.what());
  }
}

}  // namespace dockpath::protocol
