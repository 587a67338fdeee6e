package io.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.SluiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunnersTest {

    /** 0 -> 1 -> 3, 0 -> 2 -> 3, 4 independent. */
    static final Schedule DIAMOND = new Schedule() {
        final int[][] children = {{1, 2}, {3}, {3}, {}, {}};
        final int[] parents = {0, 1, 1, 2, 0};

        @Override
        public int size() {
            return 5;
        }

        @Override
        public int[] children(int node) {
            return children[node];
        }

        @Override
        public int parentCount(int node) {
            return parents[node];
        }

        @Override
        public String nodeName(int node) {
            return "n" + node;
        }
    };

    public static final class CustomRunner implements Runner {
        final int workers;

        public CustomRunner(int workers) {
            this.workers = workers;
        }

        @Override
        public void run(Schedule schedule, NodeTask task) {
        }
    }

    @Test
    void sequentialRunsInIndexOrder() throws Exception {
        List<Integer> order = new ArrayList<>();
        new SequentialRunner().run(DIAMOND, order::add);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void parallelRunsEveryNodeOnceAfterItsParents(int workers) throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelRunner runner = new ParallelRunner(workers)) {
            runner.run(DIAMOND, order::add);
        }
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(order.indexOf(3)).isGreaterThan(order.indexOf(1)).isGreaterThan(order.indexOf(2));
        assertThat(order.indexOf(1)).isGreaterThan(order.indexOf(0));
    }

    @Test
    void parallelWithOneWorkerFollowsTheSequentialOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelRunner runner = new ParallelRunner(1)) {
            runner.run(DIAMOND, order::add);
        }
        assertThat(order).containsExactly(0, 4, 1, 2, 3);
    }

    @Test
    void parallelStopsSchedulingAfterTheFirstFailureAndReportsIt() {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        NodeFailedException e;
        try (ParallelRunner runner = new ParallelRunner(1)) {
            e = catchThrowableOfType(NodeFailedException.class, () -> runner.run(DIAMOND, i -> {
                ran.add(i);
                if (i == 1) {
                    throw new IllegalStateException("boom");
                }
            }));
        }
        assertThat(e.node()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("node 'n1' failed");
        assertThat(e.getCause()).hasMessage("boom");
        assertThat(ran).doesNotContain(3);
    }

    @Test
    void sequentialStopsAtTheFirstFailure() {
        List<Integer> ran = new ArrayList<>();
        NodeFailedException e = catchThrowableOfType(NodeFailedException.class,
                () -> new SequentialRunner().run(DIAMOND, i -> {
                    ran.add(i);
                    if (i == 2) {
                        throw new IllegalStateException("boom");
                    }
                }));
        assertThat(e.node()).isEqualTo(2);
        assertThat(ran).containsExactly(0, 1, 2);
    }

    @Test
    void createsRunnersByNameOrClassName() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(Runners.create("sequential", 0, loader)).isInstanceOf(SequentialRunner.class);
        assertThat(Runners.create("parallel", 3, loader)).isInstanceOfSatisfying(ParallelRunner.class,
                r -> assertThat(r.maxWorkers()).isEqualTo(3));
        assertThat(Runners.create(CustomRunner.class.getName(), 7, loader)).isInstanceOfSatisfying(
                CustomRunner.class, r -> assertThat(r.workers).isEqualTo(7));
    }

    @Test
    void anUnknownRunnerSaysWhatIsAccepted() {
        assertThatThrownBy(() -> Runners.create("paralel", 0, getClass().getClassLoader()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Unknown runner 'paralel'. Use 'sequential', 'parallel', or the fully qualified name of a "
                        + "class implementing io.sluice.runner.Runner on the project's class path.");
    }
}
