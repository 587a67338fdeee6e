package io.sluice.cli;

import io.sluice.cli.args.CommandDef;

/**
 * {@code sluice completion bash|zsh}: prints the shell completion script, generated from the
 * command model ({@link CompletionScript}). Needs no project.
 */
final class CompletionCommand implements Command {
    private final SluiceMain root;
    private final Commands commands;
    private final String shell;

    CompletionCommand(SluiceMain root, Commands commands, String shell) {
        this.root = root;
        this.commands = commands;
        this.shell = shell;
    }

    static CommandDef definition() {
        return CommandDef.of("completion", "Shell completion for sluice: commands, options, and the pipeline, node, "
                        + "dataset, tag, namespace, environment, runner, engine and run names of the project being "
                        + "typed (-C DIR, else the current directory).",
                        "bash: source <(sluice completion bash), or save it as "
                                + "~/.local/share/bash-completion/completions/sluice. zsh: source <(sluice completion zsh) "
                                + "in ~/.zshrc.")
                .withSubcommands("bash", "zsh", "names");
    }

    static CommandDef shellDefinition(String shell) {
        return CommandDef.of(shell, "Print the " + shell + " completion script.");
    }

    @Override
    public int call() {
        CompletionScript script = new CompletionScript(commands);
        String version = Versions.load().sluice();
        root.out.print(shell.equals("zsh") ? script.zsh(version) : script.bash(version));
        root.out.flush();
        return 0;
    }
}
