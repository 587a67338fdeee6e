package io.sluice.server;

import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.PipelineDescription;
import io.sluice.session.Session;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each exposed pipeline's warm-up requests ({@link WarmUpRequests}) to the server's own
 * listener while it is {@link Phase#WARMING_UP}, so that everything a client request goes through
 * (Undertow's parsing, the routes, the JSON binding, the run, the JSON answer) is compiled by the
 * JIT before the server reports ready. Requests carry the server's warm-up token
 * ({@link RunDispatcher#WARM_UP_HEADER}), which admits them and makes them leave no trace.
 *
 * <p>Pipelines are warmed up one after the other, each within its share of what is left of nine
 * tenths of {@code warmup.time_limit} (what one leaves goes to the next). A pipeline is not warmed up when
 * its runs would not stay in memory ({@link Session#runsInMemory}: they would read or write
 * persisted datasets, or call hooks) or when no body can be made for it; a request that fails
 * is counted. Last, while time is left, it waits (at most {@value #MAX_SETTLE_MILLIS} ms) for the
 * JIT compilers to fall quiet: the last requests leave compilations queued, which would
 * otherwise run on the cores the first client requests need and install their code only later.
 * One line per pipeline is logged, and one at the end.
 */
final class WarmUpDriver {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpDriver.class);
    /** Requests sent on one connection before the next one is opened. */
    static final int REQUESTS_PER_CONNECTION = 4;
    /** How much of a failure's message the log and the result keep. */
    private static final int FAILURE_CHARS = 300;
    /** The longest wait for the JIT compilers to fall quiet after the requests. */
    static final int MAX_SETTLE_MILLIS = 1000;
    /** How often the compilers' total time is read while waiting for them. */
    private static final int SETTLE_POLL_MILLIS = 20;

    private final Session session;
    private final ServerConfig config;
    private final String token;

    /** @param token what the server admits warm-up requests with ({@link RunDispatcher#warmUpToken()}) */
    WarmUpDriver(Session session, ServerConfig config, String token) {
        this.session = session;
        this.config = config;
        this.token = token;
    }

    /**
     * Warms up every pipeline of {@code plans} by requests to {@code port}; never throws for what
     * a pipeline or a request does.
     */
    List<WarmUpResult> run(Map<PipelineApi, WarmUpRequests> plans, int port) {
        long started = System.nanoTime();
        long limit = config.warmUp().timeLimit().toNanos();
        long deadline = started + limit;
        long requestsDeadline = started + limit / 10 * 9; // the last tenth is kept for the compilers
        List<WarmUpResult> results = new ArrayList<>();
        String headers = RunDispatcher.WARM_UP_HEADER + ": " + token + "\r\n"
                + (config.bearerToken() == null ? "" : "Authorization: Bearer " + config.bearerToken() + "\r\n");
        int left = plans.size();
        try (LoopbackClient client = new LoopbackClient(config.host(), port, headers, REQUESTS_PER_CONNECTION)) {
            for (Map.Entry<PipelineApi, WarmUpRequests> plan : plans.entrySet()) {
                long now = System.nanoTime();
                long share = (requestsDeadline - now) / left--;
                WarmUpResult result = share <= 0
                        ? WarmUpResult.skipped(plan.getKey().name, "warmup.time_limit was reached before its turn")
                        : warmUp(client, plan.getKey(), plan.getValue(), now + share);
                LOG.info("{}", result.describe());
                results.add(result);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Warm-up stopped: {}", e.toString());
        }
        int requests = results.stream().mapToInt(WarmUpResult::requests).sum();
        int failed = results.stream().mapToInt(WarmUpResult::failed).sum();
        long skipped = results.stream().filter(r -> r.notWarmedUp() != null).count();
        long settled = requests > 0 ? settle(deadline) : 0;
        LOG.info("Warm-up done in {} ms ({} ms of it waiting for the JIT compilers to fall quiet): {} requests to {} "
                + "pipeline(s), {} failed{}", (System.nanoTime() - started) / 1_000_000, settled / 1_000_000, requests,
                results.size() - skipped, failed, skipped == 0 ? ""
                        : "; " + skipped + " pipeline(s) not warmed up (see above)");
        return List.copyOf(results);
    }

    /**
     * Waits until the JIT compilers have spent at most a tenth of two polls in a row compiling,
     * {@value #MAX_SETTLE_MILLIS} ms or until {@code deadline} at most; returns the nanoseconds waited.
     */
    private static long settle(long deadline) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long end = Math.min(deadline, start + MAX_SETTLE_MILLIS * 1_000_000L);
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        try {
            while (quiet < 2 && System.nanoTime() + SETTLE_POLL_MILLIS * 1_000_000L <= end) {
                Thread.sleep(SETTLE_POLL_MILLIS);
                long now = jit.getTotalCompilationTime();
                quiet = now - last <= SETTLE_POLL_MILLIS / 10 ? quiet + 1 : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return System.nanoTime() - start;
    }

    private WarmUpResult warmUp(LoopbackClient client, PipelineApi api, WarmUpRequests plan, long deadline) {
        if (plan.unusable() != null) {
            return WarmUpResult.skipped(api.name, plan.unusable());
        }
        String notInMemory = notInMemory(api, plan.bodies().get(0));
        if (notInMemory != null) {
            return WarmUpResult.skipped(api.name, notInMemory);
        }
        String path = api.runPath();
        int wanted = config.warmUp().requests();
        int answered = 0;
        int failed = 0;
        String firstFailure = null;
        boolean timeLimitReached = false;
        long started = System.nanoTime();
        for (int i = 0; i < wanted; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timeLimitReached = true;
                break;
            }
            LoopbackClient.Answer answer;
            try {
                answer = client.post(path, plan.bodies().get(i % plan.bodies().size()),
                        (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            } catch (SocketTimeoutException e) {
                timeLimitReached = true; // the run goes on in the server; its answer is not awaited
                firstFailure = firstFailure != null ? firstFailure : "no answer within warmup.time_limit";
                break;
            } catch (IOException e) {
                failed++;
                firstFailure = firstFailure != null ? firstFailure : e.toString();
                continue;
            }
            answered++;
            if (answer.status() != 200) {
                failed++;
                if (firstFailure == null) {
                    String text = answer.status() + " " + answer.body();
                    firstFailure = text.length() > FAILURE_CHARS ? text.substring(0, FAILURE_CHARS) + "…" : text;
                }
            }
        }
        return new WarmUpResult(api.name, answered, failed, Duration.ofNanos(System.nanoTime() - started),
                timeLimitReached, null, firstFailure);
    }

    /**
     * Why runs shaped like {@code body} would not stay in memory, or {@code null} when they would
     * (their plan compiled and artifacts read now, as the first client request would).
     */
    private String notInMemory(PipelineApi api, byte[] body) {
        PipelineApi.Parsed parsed = api.parse(body); // WarmUpRequests checked it
        RunSpec spec = new RunSpec(api.name, PipelineFilter.NONE, false, null, RunSpec.SEQUENTIAL, 0, null,
                parsed.params(), Map.of(), new LinkedHashSet<>(parsed.outputs()), null, false);
        Injected injected = Injected.inputs(parsed.inputs());
        try {
            session.prepare(spec, injected);
        } catch (RuntimeException e) {
            return "its requests cannot run: " + e.getMessage();
        }
        if (session.runsInMemory(spec, injected)) {
            return null;
        }
        if (!session.project().hooks().isEmpty()) {
            return "the project registers hooks, which a warm-up run must not call";
        }
        PipelineDescription d = session.describe(api.name);
        List<String> written = d.datasets().stream().filter(x -> x.persistent()
                && x.role() != PipelineDescription.Role.FREE_INPUT).map(PipelineDescription.DatasetInfo::name).toList();
        if (!written.isEmpty()) {
            return "its runs write persisted datasets " + written + ", which a warm-up run must not";
        }
        List<String> read = d.datasets().stream().filter(x -> x.persistent() && !parsed.inputs().containsKey(x.name())
                && !session.catalog().loadOnce(x.name())).map(PipelineDescription.DatasetInfo::name).toList();
        return "its runs read persisted datasets " + (read.isEmpty() ? "" : read + " ")
                + "on every run, which a warm-up run must not";
    }
}
