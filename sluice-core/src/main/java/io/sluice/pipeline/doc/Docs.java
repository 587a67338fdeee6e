package io.sluice.pipeline.doc;

/** Checks shared by the document records. */
final class Docs {
    private Docs() {
    }

    static void require(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("pipeline document: " + what + " is missing");
        }
    }
}
