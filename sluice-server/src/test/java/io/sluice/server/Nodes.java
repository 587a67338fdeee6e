package io.sluice.server;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The test pipelines: static node methods, typed like a user's. */
final class Nodes {
    private Nodes() {
    }

    record Shuttle(String id, int engines, double capacity, LocalDate since) {
    }

    record Score(String id, double value) {
    }

    record Summary(int count, double total, LocalDate newest) {
    }

    /** Holds runs of the "gated" pipeline until released; counts those that entered. */
    static volatile CountDownLatch entered = new CountDownLatch(0);
    static volatile CountDownLatch release = new CountDownLatch(0);

    static void resetGate(int runs) {
        entered = new CountDownLatch(runs);
        release = new CountDownLatch(1);
    }

    static List<Score> score(List<Shuttle> shuttles, double factor) {
        List<Score> out = new ArrayList<>();
        for (Shuttle s : shuttles) {
            out.add(new Score(s.id(), s.engines() * s.capacity() * factor));
        }
        return out;
    }

    static Summary summarize(List<Score> scores, List<Shuttle> shuttles) {
        double total = 0;
        for (Score s : scores) {
            total += s.value();
        }
        LocalDate newest = null;
        for (Shuttle s : shuttles) {
            if (newest == null || s.since().isAfter(newest)) {
                newest = s.since();
            }
        }
        return new Summary(scores.size(), total, newest);
    }

    static int inc(int x) {
        return x + 1;
    }

    static String tag(String id, int value) {
        return id + "=" + value;
    }

    static String hold(String id) throws InterruptedException {
        entered.countDown();
        if (!release.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the gate");
        }
        return "done:" + id;
    }

    static int explode(int x) {
        throw new IllegalStateException("boom at " + x);
    }

    static Map<String, Integer> count(List<String> words) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (String w : words) {
            out.merge(w, 1, Integer::sum);
        }
        return out;
    }

    /**
     * scoring: shuttles + params:model.factor -> scores -> summary;
     * echo: x -inc-> y, id + y -tag-> tagged;
     * gated: id -hold-> held;
     * failing: x -explode-> never;
     * words: words -count-> counts.
     */
    static Map<String, Pipeline> pipelines() {
        return Map.of(
                "scoring", Pipeline.of(
                        node(Nodes::score).inputs("shuttles", "params:model.factor").outputs("scores").name("score"),
                        node(Nodes::summarize).inputs("scores", "shuttles").outputs("summary").name("summarize")),
                "echo", Pipeline.of(
                        node(Nodes::inc).inputs("x").outputs("y").name("inc"),
                        node(Nodes::tag).inputs("id", "y").outputs("tagged").name("tag")),
                "gated", Pipeline.of(node(Nodes::hold).inputs("id").outputs("held").name("hold")),
                "failing", Pipeline.of(node(Nodes::explode).inputs("x").outputs("never").name("explode")),
                "words", Pipeline.of(node(Nodes::count).inputs("words").outputs("counts").name("count")));
    }
}
