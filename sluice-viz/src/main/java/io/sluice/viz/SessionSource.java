package io.sluice.viz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.config.ConfigMap;
import io.sluice.group.DeploySpec;
import io.sluice.group.GroupCheck;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
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
    /** The strategies of {@code sluice groups --by}, without merging; {@code deploy} when deploy.yml exists. */
    static final List<String> STRATEGIES = List.of("memory-components", "persistence-cuts", "namespace", "branch",
            "node", "tag");
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
        List<String> all = new ArrayList<>(STRATEGIES);
        if (!deployConfig().keys().isEmpty()) {
            all.add("deploy");
        }
        return List.copyOf(all);
    }

    @Override
    public ObjectNode grouping(String pipeline, String strategy) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        try {
            DataCatalog catalog = session.catalog();
            Grouper grouper = Grouper.of(pipeline, session.pipeline(pipeline),
                    name -> catalog.dataset(name).isPersistent());
            Grouping grouping = grouper.group(strategy(strategy));
            GroupCheck check = Grouper.check(grouping, Hooks.of(session.project().hooks()).groupRules());
            out.set("grouping", grouping.toJson());
            out.set("check", Problems.toJson(check));
        } catch (SluiceException | IllegalArgumentException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    private GroupStrategy strategy(String name) {
        if (name.equals("deploy")) {
            return new GroupStrategy.Explicit(DeploySpec.of(deployConfig()));
        }
        return GroupStrategy.named(name, "group:", null).orElseThrow(() -> new IllegalArgumentException(
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
