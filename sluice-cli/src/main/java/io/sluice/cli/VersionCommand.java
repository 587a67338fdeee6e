package io.sluice.cli;

/** {@code sluice --version}: this Sluice's version (from the jar manifest) and the Java running it. */
final class VersionCommand implements Command {
    private final SluiceMain root;

    VersionCommand(SluiceMain root) {
        this.root = root;
    }

    @Override
    public int call() {
        String v = SluiceMain.class.getPackage().getImplementationVersion();
        root.out.println("sluice " + (v != null ? v : "(development build)"));
        root.out.println("Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name"));
        root.out.flush();
        return 0;
    }
}
