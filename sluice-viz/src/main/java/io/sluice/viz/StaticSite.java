package io.sluice.viz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The viz page as a static site: the assets and every JSON file the page asks for (see
 * {@link VizApi}), so that any web server, or a CI artefact browser, can host it. The site opens
 * from {@code index.html}; browsers refuse {@code fetch} from {@code file://}, so serve it (for
 * example {@code python3 -m http.server}).
 */
public final class StaticSite {
    private StaticSite() {
    }

    /**
     * Writes the site into {@code dir} (created if missing; files of the same names replaced).
     *
     * @param runLimit how many of the latest runs to include
     * @return the files written, relative to {@code dir}
     */
    public static List<String> write(VizSource source, Path dir, int runLimit) throws IOException {
        VizApi api = new VizApi(source, runLimit, false);
        Files.createDirectories(dir);
        for (String name : Assets.NAMES) {
            Files.write(dir.resolve(name), Assets.read(name).orElseThrow());
        }
        List<String> paths = api.paths();
        for (String path : paths) {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, api.get(path).orElseThrow(() -> new IllegalStateException("no JSON for " + path)));
        }
        return java.util.stream.Stream.concat(Assets.NAMES.stream(), paths.stream()).toList();
    }
}
