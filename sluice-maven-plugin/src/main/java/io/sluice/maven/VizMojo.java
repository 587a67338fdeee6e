package io.sluice.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn sluice:viz}: {@code sluice viz} for this project, after compiling it; its options are
 * the command's ({@code -Dsluice.args="..."} or {@code <args>}; {@code sluice viz --help} lists them).
 */
@Mojo(name = "viz", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class VizMojo extends SluiceMojo {
    @Override
    String command() {
        return "viz";
    }
}
