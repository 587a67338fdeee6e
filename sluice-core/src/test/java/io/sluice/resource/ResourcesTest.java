package io.sluice.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    /** A resource that records when it is closed, and can be told to fail doing so. */
    private static final class Thing implements AutoCloseable {
        final String name;
        final List<String> closings;
        final boolean failOnClose;
        boolean closed;

        Thing(String name, List<String> closings, boolean failOnClose) {
            this.name = name;
            this.closings = closings;
            this.failOnClose = failOnClose;
        }

        @Override
        public void close() throws Exception {
            closed = true;
            closings.add(name);
            if (failOnClose) {
                throw new Exception(name + " would not close");
            }
        }
    }

    private final List<String> closings = Collections.synchronizedList(new ArrayList<>());

    private Thing thing(String name) {
        return new Thing(name, closings, false);
    }

    @Test
    void aKeyIsCreatedOnceAndSharedAfterwards() {
        Resources resources = new Resources("test");
        AtomicInteger creations = new AtomicInteger();

        Thing first = resources.shared("pool", () -> {
            creations.incrementAndGet();
            return thing("pool");
        });
        Thing second = resources.shared("pool", () -> {
            creations.incrementAndGet();
            return thing("other");
        });

        assertThat(second).isSameAs(first);
        assertThat(creations).hasValue(1);
    }

    @Test
    void threadsAskingForTheSameKeyAtOnceGetOneResource() throws Exception {
        Resources resources = new Resources("test");
        AtomicInteger creations = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Thing>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return resources.shared("db", () -> {
                        creations.incrementAndGet();
                        sleep(50); // long enough for the others to arrive while it is created
                        return thing("db");
                    });
                }));
            }
            start.countDown();
            Thing first = asked.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Thing> f : asked) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(creations).hasValue(1);
    }

    @Test
    void aSlowCreationDoesNotHoldUpOtherKeys() throws Exception {
        Resources resources = new Resources("test");
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Thing> slow = pool.submit(() -> resources.shared("slow", () -> {
                creating.countDown();
                await(release);
                return thing("slow");
            }));
            creating.await();

            Thing fast = resources.shared("fast", () -> thing("fast"));

            assertThat(fast.name).isEqualTo("fast");
            assertThat(slow).isNotDone();
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).name).isEqualTo("slow");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void closeClosesEveryResourceNewestFirst() {
        Resources resources = new Resources("test");
        Thing driver = resources.shared("driver", () -> thing("driver"));
        resources.shared("pool", () -> thing("pool"));
        resources.shared("session", () -> thing("session"));

        resources.close();

        assertThat(closings).containsExactly("session", "pool", "driver");
        assertThat(driver.closed).isTrue();
        assertThat(resources.isClosed()).isTrue();
    }

    @Test
    void closeClosesTheOthersWhenSomeFailAndReportsEachFailure() {
        Resources resources = new Resources("the catalog of /work/p");
        resources.shared("a", () -> new Thing("a", closings, true));
        Thing b = resources.shared("b", () -> thing("b"));
        resources.shared("c", () -> new Thing("c", closings, true));

        assertThatThrownBy(resources::close)
                .isInstanceOfSatisfying(ResourceCloseException.class, e -> {
                    assertThat(e.failedKeys()).containsExactly("c", "a");
                    assertThat(e.getCause()).hasMessage("c would not close");
                    assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("a would not close");
                })
                .hasMessageContaining("the catalog of /work/p")
                .hasMessageContaining("'c': java.lang.Exception: c would not close")
                .hasMessageContaining("'a': java.lang.Exception: a would not close");
        assertThat(b.closed).isTrue();
    }

    @Test
    void closingTwiceClosesEachResourceOnce() {
        Resources resources = new Resources("test");
        resources.shared("pool", () -> thing("pool"));

        resources.close();
        resources.close();

        assertThat(closings).containsExactly("pool");
    }

    @Test
    void askingAfterCloseFailsNamingTheKey() {
        Resources resources = new Resources("the catalog of /work/p");
        resources.shared("jdbc pool jdbc:postgresql://db/x", () -> thing("pool"));
        resources.close();

        assertThatThrownBy(() -> resources.shared("jdbc pool jdbc:postgresql://db/x", () -> thing("again")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the catalog of /work/p are closed")
                .hasMessageContaining("'jdbc pool jdbc:postgresql://db/x'");
        assertThatThrownBy(() -> resources.shared("never created", () -> thing("new")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'never created'");
        assertThat(closings).containsExactly("pool");
    }

    @Test
    void aResourceFinishedAfterCloseIsClosedAndRefused() throws Exception {
        Resources resources = new Resources("test");
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Thing> late = pool.submit(() -> resources.shared("late", () -> {
                creating.countDown();
                await(release);
                return thing("late");
            }));
            creating.await();
            resources.close();
            release.countDown();

            assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("were closed while 'late' was being created");
            assertThat(closings).containsExactly("late");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCreationKeepsNothingSoTheNextCallTriesAgain() {
        Resources resources = new Resources("test");

        assertThatThrownBy(() -> resources.shared("db", () -> {
            throw new IllegalArgumentException("database is locked");
        })).hasMessage("database is locked");
        Thing db = resources.shared("db", () -> thing("db"));

        assertThat(db.name).isEqualTo("db");
        resources.close();
        assertThat(closings).containsExactly("db");
    }

    @Test
    void aCreationThatAsksForItsOwnKeyFailsInsteadOfDeadlocking() {
        Resources resources = new Resources("test");

        assertThatThrownBy(() -> resources.shared("loop", () -> resources.shared("loop", () -> thing("inner"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'loop'")
                .hasMessageContaining("its creation uses itself");
    }

    @Test
    void aCreationThatReturnsNullFailsNamingTheKey() {
        Resources resources = new Resources("test");

        assertThatThrownBy(() -> resources.shared("nothing", () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Creating resource 'nothing' of test returned null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
