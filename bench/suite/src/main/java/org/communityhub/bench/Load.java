package org.communityhub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Two ways to drive load: closed (N callers, each sends its next request when the last is answered) and open. */
final class Load {

  private Load() {
  }

  /** What a closed-loop run did: how many requests, how many failed, in how long. */
  record Closed(long requests, long failures, Duration elapsed, String firstFailure) {
    double perSecond() {
      return requests / (elapsed.toNanos() / 1e9);
    }
  }

  /**
   * Runs every task with {@code concurrency} callers; a task sends one or more requests in order and says how
   * many succeeded (a negative count: that many failed). Saturation: callers never wait between requests.
   */
  static Closed closed(int concurrency, List<Task> tasks) {
    Queue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    AtomicLong requests = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<String> firstFailure = java.util.Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try (ExecutorService callers = Executors.newFixedThreadPool(concurrency)) {
      for (int i = 0; i < concurrency; i++) {
        callers.submit(() -> {
          Task task;
          while ((task = queue.poll()) != null) {
            Task.Result result = task.run();
            requests.addAndGet(result.requests());
            failures.addAndGet(result.failures());
            if (result.failure() != null && firstFailure.isEmpty()) {
              firstFailure.add(result.failure());
            }
          }
        });
      }
    }
    return new Closed(requests.get(), failures.get(), Duration.ofNanos(System.nanoTime() - started),
        firstFailure.isEmpty() ? null : firstFailure.getFirst());
  }

  /** A unit of closed-loop work. */
  interface Task {
    record Result(int requests, int failures, String failure) {}

    Result run();
  }

  /** Closed loop for a fixed time, with a request that can be repeated (e.g. a no-op endpoint). */
  static Closed closedFor(int concurrency, Duration duration, IntSupplier request) {
    AtomicLong requests = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    try (ExecutorService callers = Executors.newFixedThreadPool(concurrency)) {
      for (int i = 0; i < concurrency; i++) {
        callers.submit(() -> {
          while (System.nanoTime() < end) {
            int status = request.getAsInt();
            requests.incrementAndGet();
            if (status < 200 || status >= 300) {
              failures.incrementAndGet();
            }
          }
        });
      }
    }
    return new Closed(requests.get(), failures.get(), Duration.ofNanos(System.nanoTime() - started), null);
  }

  /** Latencies of an open-loop run, in milliseconds, measured from when each request was due. */
  record Open(double[] latenciesMs, long failures, double offeredPerSecond, String firstFailure) {
    double percentile(double p) {
      return Stats.percentile(latenciesMs, p);
    }
  }

  /**
   * Sends {@code count} requests at a fixed rate whatever the answers do (open loop): request i is due at
   * start + i / rate, and its latency counts from then, so a stalled server shows as latency instead of
   * slowing the sender down (no coordinated omission). Each request runs on its own virtual thread.
   */
  static Open open(double perSecond, int count, Supplier<IntSupplier> nextRequest) {
    double[] latencies = new double[count];
    AtomicInteger failures = new AtomicInteger();
    List<String> firstFailure = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(count);
    long periodNanos = (long) (1e9 / perSecond);
    long start = System.nanoTime() + 10_000_000;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        long due = start + i * periodNanos;
        IntSupplier request = nextRequest.get();
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int index = i;
        senders.submit(() -> {
          int status = request.getAsInt();
          latencies[index] = (System.nanoTime() - due) / 1e6;
          if (status < 200 || status >= 300) {
            failures.incrementAndGet();
            if (firstFailure.isEmpty()) {
              firstFailure.add("status " + status);
            }
          }
          done.countDown();
        });
      }
      try {
        done.await(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new Open(Arrays.copyOf(latencies, count), failures.get(), perSecond,
        firstFailure.isEmpty() ? null : firstFailure.getFirst());
  }
}
