package io.sluice.viz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.config.ConfigMap;
import io.sluice.group.DeploySpec;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.io.DatasetResolution;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.run.RunJournal;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled project: documents from {@link Session#export}, configuration from its catalog,
 * groupings from {@link Grouper} with the project's group rules, runs from its journal store.
 * Documents are exported once per pipeline and kept.
 */
final class SessionSource implements VizSource, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Session session;
    private final JournalStore journals;
    private final Map<String, PipelineDocument> documents = new ConcurrentHashMap<>();

    /** Whether {@link #close} closes the session ({@code --watch} replaces the session on a change). */
    private final boolean owned;

    SessionSource(Session session, boolean owned) {
        this.session = session;
        this.owned = owned;
        this.journals = new JournalStore(session.options().projectDir());
    }

    @Override
    public void close() {
        if (owned) {
            session.close();
        }
    }

    @Override
    public List<String> pipelines() {
        return session.pipelineNames().stream().sorted().toList();
    }

    @Override
    public String defaultPipeline() {
        return session.pipelineNames().contains(Project.DEFAULT_PIPELINE) ? Project.DEFAULT_PIPELINE
                : pipelines().get(0);
    }

    @Override
    public PipelineDocument document(String pipeline) {
        return documents.computeIfAbsent(pipeline, session::export);
    }

    @Override
    public ObjectNode datasetConfigs(String pipeline) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        DataCatalog catalog = session.catalog();
        for (DatasetDoc d : document(pipeline).datasets()) {
            ObjectNode o = out.putObject(d.name());
            try {
                DatasetResolution r = catalog.resolve(d.name());
                o.put("resolved_by", r.kind().name().toLowerCase(Locale.ROOT));
                o.put("pattern", r.pattern());
                o.put("type", r.type());
                o.set("config", MAPPER.valueToTree(Masking.masked(r.config())));
                o.put("declared_at", r.location() == null ? null : r.location().toString());
            } catch (RuntimeException e) {
                o.put("error", e.getMessage());
            }
        }
        return out;
    }

    @Override
    public List<String> strategies() {
        List<String> all = new ArrayList<>(Groupings.STRATEGIES);
        if (!deployConfig().keys().isEmpty()) {
            all.add("deploy");
        }
        return List.copyOf(all);
    }

    @Override
    public ObjectNode grouping(String pipeline, String strategy, Merge merge) {
        DataCatalog catalog = session.catalog();
        return Groupings.json(() -> Grouper.of(pipeline, session.pipeline(pipeline),
                name -> catalog.dataset(name).isPersistent()), () -> strategy(strategy), merge,
                Hooks.of(session.project().hooks()).groupRules());
    }

    /** {@code deploy}: the strategy of deploy.yml, as runs of one group use it (merge options included). */
    private GroupStrategy strategy(String name) {
        if (name.equals("deploy")) {
            return DeploySpec.strategyOf(deployConfig());
        }
        return Groupings.named(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown grouping strategy '" + name + "': one of " + String.join(", ", strategies())));
    }

    private ConfigMap deployConfig() {
        return session.config().get("deploy");
    }

    @Override
    public List<RunJournal> runs() {
        return journals.list();
    }

    @Override
    public Optional<RunJournal> run(String runId) {
        return journals.read(runId);
    }

    @Override
    public String runJson(RunJournal run) {
        return JournalStore.toJson(run);
    }
}
