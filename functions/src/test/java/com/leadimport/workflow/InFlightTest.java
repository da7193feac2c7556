package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void readsComeBackInTheOrderAskedThoughTheyFinishOutOfOrderAndNeverMoreThanTheLimitAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> keys = IntStream.range(0, 40).mapToObj(n -> "f" + n).toList();
        List<String> read = new ArrayList<>();
        try (InFlight requests = new InFlight(4, "test-reads")) {
            Iterator<String> files = requests.inOrder(keys, key -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    // later files answer sooner: order must come from the asking, not the answering
                    Thread.sleep(8 - Integer.parseInt(key.substring(1)) % 4 * 2L);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
                return key.toUpperCase();
            });
            files.forEachRemaining(read::add);
        }
        assertThat(read).containsExactlyElementsOf(keys.stream().map(String::toUpperCase).toList());
        assertThat(most.get()).isBetween(2, 4);
    }

    @Test
    void aReadThatFailsFailsTheCallerWhenItsTurnComes() {
        try (InFlight requests = new InFlight(3, "test-reads")) {
            Iterator<String> files = requests.inOrder(List.of("a", "b", "c"), key -> {
                if (key.equals("b")) {
                    throw new IllegalStateException("S3 refused b");
                }
                return key;
            });
            assertThat(files.next()).isEqualTo("a");
            assertThatThrownBy(files::next).isInstanceOf(IllegalStateException.class).hasMessage("S3 refused b");
        }
    }

    @Test
    void writesRunBehindTheCallerAtMostTheLimitAtOnceAndAllAreAwaited() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> done = new ConcurrentLinkedQueue<>();
        try (InFlight requests = new InFlight(2, "test-writes")) {
            requests.write(() -> await(release, done, 1));
            requests.write(() -> await(release, done, 2));
            Thread third = new Thread(() -> requests.write(() -> done.add(3)));
            third.start();
            third.join(200);
            assertThat(third.isAlive()).as("a third write waits while two are in flight").isTrue();
            assertThat(done).isEmpty();
            release.countDown();
            third.join(5_000);
            requests.awaitWrites();
        }
        assertThat(done).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aWriteThatFailsFailsTheStepAtTheLatestWhenWritesAreAwaited() {
        try (InFlight requests = new InFlight(4, "test-writes")) {
            requests.write(() -> {
                throw new IllegalStateException("S3 refused the losers of chunk 3");
            });
            assertThatThrownBy(requests::awaitWrites).isInstanceOf(IllegalStateException.class)
                    .hasMessage("S3 refused the losers of chunk 3");
        }
    }

    private static void await(CountDownLatch release, ConcurrentLinkedQueue<Integer> done, int write) {
        try {
            assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        done.add(write);
    }
}
