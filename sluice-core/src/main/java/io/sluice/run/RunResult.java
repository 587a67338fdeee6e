package io.sluice.run;

import io.sluice.SluiceException;
import io.sluice.Suggestions;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What a successful run returns: its id, the pipeline, the requested output values and its
 * journal. The journal of a run that did not write one ({@link RunSpec#journal()} false) is only
 * assembled if asked for, so that high-rate callers do not pay for formatting timestamps they
 * never read.
 */
public final class RunResult {
    private final String runId;
    private final String pipelineName;
    private final Map<String, Object> outputs;
    private Supplier<RunJournal> journalSource;
    private RunJournal journal;

    /** A result whose journal is already built. */
    public RunResult(String runId, String pipelineName, Map<String, Object> outputs, RunJournal journal) {
        this(runId, pipelineName, outputs, () -> journal);
    }

    /** A result whose journal is built by {@code journal} when first asked for. */
    public RunResult(String runId, String pipelineName, Map<String, Object> outputs, Supplier<RunJournal> journal) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.journalSource = Objects.requireNonNull(journal, "journal");
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** The registered pipeline that ran. */
    public String pipelineName() {
        return pipelineName;
    }

    /** The requested output values by dataset name. */
    public Map<String, Object> outputs() {
        return outputs;
    }

    /**
     * Output {@code name} as a {@code type}: {@code result.output("model_metrics", Metrics.class)}.
     * The value must be an instance of {@code type}; the one conversion is the exact widening of a
     * number ({@code Integer} to {@code Long} or {@code Double}, {@code Float} to {@code Double}).
     * Primitive classes ask for their boxes ({@code double.class} returns a {@code Double}). A null
     * output is returned as null.
     *
     * @throws SluiceException naming the output and the outputs the run returned when it has no
     *     output {@code name} (ask for it with {@link RunSpec.Builder#outputs}), or naming the
     *     value's actual class when it is not a {@code type}
     */
    public <T> T output(String name, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = value(name);
        if (value == null || OutputTypes.box(type).isInstance(value)) {
            @SuppressWarnings("unchecked")
            T t = (T) value;
            return t;
        }
        Object widened = OutputTypes.widen(value, type);
        if (widened != null) {
            @SuppressWarnings("unchecked")
            T t = (T) widened;
            return t;
        }
        throw wrongType(name, "output '" + name + "' is " + OutputTypes.describe(value) + ", not "
                + OutputTypes.display(type));
    }

    /**
     * Output {@code name} as a generic type, checked:
     * {@code result.output("price_predictions", new TypeRef<List<Price>>() {})}. The value must be
     * an instance of the type's class and, for collections, maps, {@code Optional}s and arrays,
     * every element (key, value) must be of its type argument, recursively — each element is
     * looked at once, so the check costs as much as one pass over the value. Wildcards
     * ({@code List<?>}) check nothing inside; the type arguments of other generic classes are
     * erased at run time and cannot be checked, so asking for them (other than as {@code ?}) is
     * refused. Nothing is converted.
     *
     * @throws SluiceException naming the output and the outputs the run returned when it has no
     *     output {@code name}, or naming the value (or the element) that is not of the type
     */
    public <T> T output(String name, TypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = value(name);
        String mismatch = OutputTypes.mismatch(value, type.type(), "output '" + name + "'");
        if (mismatch != null) {
            throw wrongType(name, mismatch + (mismatch.startsWith("output") ? "" : " (asked for "
                    + OutputTypes.display(type.type()) + ")"));
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    private Object value(String name) {
        Objects.requireNonNull(name, "name");
        Object value = outputs.get(name);
        if (value == null && !outputs.containsKey(name)) {
            throw new SluiceException("Run " + runId + " of pipeline '" + pipelineName + "' has no output '" + name
                    + "'." + Suggestions.didYouMean(name, outputs.keySet()) + " Its outputs: "
                    + (outputs.isEmpty() ? "none" : String.join(", ", new TreeSet<>(outputs.keySet())))
                    + ". A run returns the datasets its spec asks for (RunSpec.builder(...).outputs(\"" + name
                    + "\")), by default the outputs no node reads that are not saved anywhere.");
        }
        return value;
    }

    private SluiceException wrongType(String name, String mismatch) {
        return new SluiceException("Run " + runId + " of pipeline '" + pipelineName + "': " + mismatch + ".");
    }

    /** The run's journal (also written under {@code .sluice/runs/<run-id>/} unless turned off). */
    public synchronized RunJournal journal() {
        if (journal == null) {
            journal = journalSource.get();
            journalSource = null;
        }
        return journal;
    }

    @Override
    public String toString() {
        return "RunResult[runId=" + runId + ", pipelineName=" + pipelineName + ", outputs=" + outputs.keySet() + "]";
    }
}
