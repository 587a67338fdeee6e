package io.sluice.cli.args;

import java.util.List;

/** The command tree: the definition of the command a path of subcommand names leads to. */
public interface Definitions {

    /**
     * The definition at {@code path} (empty: the root, {@code [runs, list]}: {@code runs list}),
     * or null when no such command exists. Called by the parser for each command it enters, and by
     * {@link Help} for the commands it lists.
     */
    CommandDef define(List<String> path);
}
