package io.sluice.runner;

import io.sluice.config.ConfigBinder;

/** {@code sequential} and {@code parallel}: the runner types every session knows. */
final class BuiltInRunnerTypes {
    private BuiltInRunnerTypes() {
    }

    /** {@code type: sequential}: no arguments. */
    record SequentialArgs() {
    }

    /** {@code type: parallel}: {@code max_workers}, 0 (the default) for the number of processors. */
    record ParallelArgs(@ConfigBinder.Range(min = 0, max = 4096) int maxWorkers) {
    }

    static final class Sequential implements RunnerType<SequentialArgs> {
        @Override
        public String name() {
            return "sequential";
        }

        @Override
        public java.util.List<String> aliases() {
            return java.util.List.of("SequentialRunner");
        }

        @Override
        public Class<SequentialArgs> configType() {
            return SequentialArgs.class;
        }

        @Override
        public SequentialArgs defaults() {
            return new SequentialArgs();
        }

        @Override
        public Runner create(RunnerConfig<SequentialArgs> config) {
            return new SequentialRunner();
        }
    }

    static final class Parallel implements RunnerType<ParallelArgs> {
        @Override
        public String name() {
            return "parallel";
        }

        @Override
        public java.util.List<String> aliases() {
            return java.util.List.of("ParallelRunner");
        }

        @Override
        public Class<ParallelArgs> configType() {
            return ParallelArgs.class;
        }

        @Override
        public ParallelArgs defaults() {
            return new ParallelArgs(0);
        }

        @Override
        public Runner create(RunnerConfig<ParallelArgs> config) {
            return new ParallelRunner(config.maxWorkers() > 0 ? config.maxWorkers() : config.args().maxWorkers());
        }
    }
}
