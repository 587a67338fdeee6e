package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a client may read of a failure: no absolute path of the server, no stack trace. */
class FailureMessagesTest {
    private final FailureMessages messages = new FailureMessages(Path.of("/srv/projects/spaceflights"));

    @Test
    void pathsUnderTheProjectBecomeProjectRelative() {
        assertThat(messages.clean("Node 'predict' failed (inputs: shuttles_to_price, regressor): IllegalStateException: "
                + "model /srv/projects/spaceflights/data/06_models/regressor.onnx failed to run: bad shape"))
                .isEqualTo("Node 'predict' failed (inputs: shuttles_to_price, regressor): IllegalStateException: "
                        + "model data/06_models/regressor.onnx failed to run: bad shape");
    }

    @Test
    void theProjectDirectoryItselfBecomesADot() {
        assertThat(messages.clean("cannot lock '/srv/projects/spaceflights' or /srv/projects/spaceflights/ itself"))
                .isEqualTo("cannot lock '.' or . itself");
    }

    @Test
    void aSiblingDirectoryThatStartsLikeTheProjectIsNotInIt() {
        assertThat(messages.clean("read /srv/projects/spaceflights2/data/x.csv"))
                .isEqualTo("read x.csv");
    }

    @Test
    void otherAbsolutePathsBecomeTheirFileName() {
        assertThat(messages.clean("NoSuchFileException: /home/alice/.cache/models/regressor.onnx"))
                .isEqualTo("NoSuchFileException: regressor.onnx");
        assertThat(messages.clean("[ONNXRuntimeError] /onnxruntime_src/core/providers/cpu/math/gemm_helper.h:14 "
                + "GemmHelper: left operand cannot broadcast"))
                .isEqualTo("[ONNXRuntimeError] gemm_helper.h:14 GemmHelper: left operand cannot broadcast");
        assertThat(messages.clean("cannot open (\"/tmp/x/y.parquet\"), [/var/lib/z/]"))
                .isEqualTo("cannot open (\"y.parquet\"), [z]");
    }

    @Test
    void fileUrisAndWindowsPathsAreCleanedToo() {
        assertThat(messages.clean("at file:///srv/projects/spaceflights/conf/base/catalog.yml and "
                + "jar:file:/opt/app/lib/x.jar!/META-INF/y.txt"))
                .isEqualTo("at conf/base/catalog.yml and y.txt");
        assertThat(messages.clean("The file C:\\Users\\alice\\model.onnx is locked")).isEqualTo("The file model.onnx is locked");
    }

    @Test
    void urlsRelativePathsAndFractionsAreLeftAlone() {
        String message = "GET http://models.internal:8080/v1/score failed; see data/01_raw/x.csv, ratio 3/4, "
                + "km/h, a / b";

        assertThat(messages.clean(message)).isEqualTo(message);
    }

    @Test
    void stackTraceLinesAreRemovedAndTheExceptionTypeKept() {
        assertThat(messages.clean("java.lang.IllegalStateException: boom\n\tat io.x.Nodes.explode(Nodes.java:80)\n"
                + "\tat java.base/jdk.internal.reflect.Method.invoke(Method.java:569)\n\t... 12 more\n"
                + "Caused by: java.io.IOException: disk full"))
                .isEqualTo("java.lang.IllegalStateException: boom\nCaused by: java.io.IOException: disk full");
    }

    @Test
    void aMessageWithoutPathsIsUnchanged() {
        String message = "Node 'first' failed (inputs: words): IndexOutOfBoundsException: Index 0 out of bounds for length 0";

        assertThat(messages.clean(message)).isEqualTo(message);
        assertThat(messages.clean(null)).isNull();
    }
}
