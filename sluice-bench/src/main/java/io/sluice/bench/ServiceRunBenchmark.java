package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm {@code session.run} of a 10-node in-memory pipeline with an injected input and a
 * parameter, as a service calls it (Kedro 1.5: 38 ms per run, 52 ms in its multi-run session).
 * SampleTime mode reports p50 and p99 per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ServiceRunBenchmark {
    private Session session;
    private RunSpec request;

    record Order(long id, double amount) {
    }

    static Order parse(long id) {
        return new Order(id, id * 1.5);
    }

    static double amount(Order o) {
        return o.amount();
    }

    static double tax(double amount, double rate) {
        return amount * rate;
    }

    static double plus(double a, double b) {
        return a + b;
    }

    static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    static String label(Order o, double total) {
        return o.id() + ":" + total;
    }

    @Setup(Level.Trial)
    public void setUp() {
        session = BenchProjects.session(tenNodes(), PARAMETERS);
        request = RunSpec.builder().outputs("receipt").journal(false).build();
    }

    /** The parameters {@link #tenNodes()} reads. */
    static final String PARAMETERS = "vat: 0.2\nfee: 0.01\n";

    /** Ten in-memory nodes from {@code order_id} to {@code receipt} ({@code <id>:<total>}). */
    static Pipeline tenNodes() {
        return Pipeline.of(
                node(ServiceRunBenchmark::parse).inputs("order_id").outputs("order").name("parse"),
                node(ServiceRunBenchmark::amount).inputs("order").outputs("amount").name("amount"),
                node(ServiceRunBenchmark::tax).inputs("amount", "params:vat").outputs("vat").name("vat"),
                node(ServiceRunBenchmark::tax).inputs("amount", "params:fee").outputs("fee").name("fee"),
                node(ServiceRunBenchmark::plus).inputs("amount", "vat").outputs("gross").name("gross"),
                node(ServiceRunBenchmark::plus).inputs("gross", "fee").outputs("total").name("total"),
                node(ServiceRunBenchmark::round).inputs("total").outputs("rounded").name("round"),
                node(ServiceRunBenchmark::round).inputs("vat").outputs("vat_rounded").name("round_vat"),
                node(ServiceRunBenchmark::plus).inputs("rounded", "vat_rounded").outputs("check").name("check"),
                node(ServiceRunBenchmark::label).inputs("order", "check").outputs("receipt").name("label"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    @Benchmark
    public Object run() {
        long id = ThreadLocalRandom.current().nextLong(1_000_000);
        return session.run(request, Injected.input("order_id", id)).outputs();
    }
}
