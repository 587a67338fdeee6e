package io.sluice.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn sluice:run}: {@code sluice run} for this project, after compiling it; its options are
 * the command's ({@code -Dsluice.args="..."} or {@code <args>}; {@code sluice run --help} lists them).
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends SluiceMojo {
    @Override
    String command() {
        return "run";
    }
}
